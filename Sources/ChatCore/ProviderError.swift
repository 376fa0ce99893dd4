import Foundation

/// A failure talking to a provider, in words a user can act on: `message` says what
/// happened, `hint` says what to do (`Start it with 'ollama serve'`).
public struct ProviderError: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    /// What kind of failure this is; routing decisions (retry, fall back, mark down) key on it.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The connection could not be made: refused, unknown host, unreachable.
        case connectionFailed
        /// The connection broke in the middle of a response.
        case connectionLost
        /// Nothing arrived within the connect, first-byte or idle timeout.
        case timedOut
        /// The key was missing or rejected (401/403).
        case unauthorized
        /// The provider does not have the model (404 "not found").
        case modelNotFound
        /// Too many requests (429); `retryAfterSeconds` holds the server's wish when sent.
        case rateLimited
        /// The server failed (5xx).
        case serverError
        /// The request was refused for another reason (other 4xx).
        case badRequest
        /// The server reported an error inside a stream that had started with HTTP 200.
        case streamError
        /// A line or event of the stream could not be understood.
        case malformedStream
        /// The stream ended without its terminal record (`done:true` / `[DONE]`).
        case truncatedStream
        /// A single line (or event) of the stream exceeded the decoder's cap.
        case lineTooLong
        /// The answer grew past the most text Parley keeps of one answer.
        case answerTooLong
        /// The provider is not configured (no key, disabled).
        case notConfigured
        /// No provider can answer now: each that could is down, disabled or not configured.
        case unavailable
        /// The user cancelled; never a provider failure.
        case cancelled
    }

    public var kind: Kind
    public var message: String
    public var hint: String?
    /// The HTTP status, when the failure came with one.
    public var status: Int?
    /// Seconds the server asked us to wait (`Retry-After`), when it did.
    public var retryAfterSeconds: Double?

    public init(_ kind: Kind, _ message: String, hint: String? = nil, status: Int? = nil, retryAfterSeconds: Double? = nil) {
        self.kind = kind
        self.message = message
        self.hint = hint
        self.status = status
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String {
        guard let hint, !hint.isEmpty else { return message }
        return "\(message) — \(hint)"
    }
}

extension ProviderError {
    /// The error with every occurrence of `secrets` replaced by `…`: a server may echo a key
    /// or a password back in its error body, and what it says is shown, logged and saved.
    public func redacting(_ secrets: [String]) -> ProviderError {
        var redacted = self
        for secret in secrets where secret.count >= 4 {
            redacted.message = redacted.message.replacingOccurrences(of: secret, with: "…")
            redacted.hint = redacted.hint?.replacingOccurrences(of: secret, with: "…")
        }
        return redacted
    }
}

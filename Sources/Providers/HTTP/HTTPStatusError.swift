import ChatCore
import Foundation

/// The `ProviderError` for an HTTP error status, from the status, the body's own message
/// (any of the shapes in protocols.md §3.6) and `Retry-After`.
public enum HTTPStatusError {
    /// How much of an error body is read: enough for any message a person reads.
    public static let longestBody = 64 * 1024

    public static func error(head: HTTPResponseHead, body: [UInt8]) -> ProviderError {
        let text = StreamErrorText.fromBody(body).message
        let status = head.status
        let retryAfter = head.value(for: "Retry-After").flatMap(retryAfterSeconds)
        let lowered = text.lowercased()
        switch status {
        case 401, 403:
            return ProviderError(.unauthorized, "the server refused the request (\(status)): \(text)", hint: "check the API key", status: status)
        case 404 where lowered.contains("not found") || lowered.contains("does not exist"),
             400 where lowered.contains("not a valid model"):
            return ProviderError(.modelNotFound, "model not found (\(status)): \(text)", hint: "check the model name", status: status)
        case 408:
            return ProviderError(.timedOut, "the server timed out (408): \(text)", hint: "try again", status: status, retryAfterSeconds: retryAfter)
        case 429:
            let wait = retryAfter.map { "; it asks to wait \(Self.format($0)) s" } ?? ""
            return ProviderError(.rateLimited, "rate limited (429)\(wait): \(text)", hint: "wait a moment or use another provider", status: status, retryAfterSeconds: retryAfter)
        case 500...599:
            return ProviderError(.serverError, "the server failed (\(status)): \(text)", hint: "try again, or use another provider", status: status, retryAfterSeconds: retryAfter)
        default:
            return ProviderError(.badRequest, "the server rejected the request (\(status)): \(text)", hint: nil, status: status)
        }
    }

    /// The longest wait a `Retry-After` is read as; a longer (or infinite) one means the same.
    public static let longestRetryAfterSeconds = 86_400.0

    /// `Retry-After` as seconds, from 0 up to a day: a number of seconds, or an HTTP date from
    /// now (one in the past is now). Negative, not-a-number or unreadable values are nil.
    public static func retryAfterSeconds(_ value: String) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) {
            guard !seconds.isNaN, seconds >= 0 else { return nil }
            return min(seconds, longestRetryAfterSeconds)
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed), date.timeIntervalSinceNow.isFinite else { return nil }
        return min(max(0, date.timeIntervalSinceNow), longestRetryAfterSeconds)
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}

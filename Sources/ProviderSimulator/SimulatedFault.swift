/// A way a simulated provider can misbehave, one per real failure a client meets.
/// Refusing connections is not among them: that is the whole server not listening
/// (`ProviderSimulator.stopListening`, or `POST /_sim/down`).
public enum SimulatedFault: String, Codable, Sendable, CaseIterable {
    /// 500 with the family's error body.
    case status500 = "500"
    /// 502, as a proxy or OpenRouter says when the upstream failed.
    case status502 = "502"
    /// 503 with `Retry-After` (Ollama's "server busy").
    case status503 = "503"
    /// 429 with `Retry-After`.
    case status429 = "429"
    /// 401 with the family's error body.
    case status401 = "401"
    /// Accept the request, then send nothing at all for `stallSeconds`.
    case stallBeforeHeaders = "stall-before-headers"
    /// Send part of the reply, then nothing for `stallSeconds`.
    case stallMidStream = "stall-mid-stream"
    /// Send part of the reply, then close the connection.
    case dropMidStream = "drop-mid-stream"
    /// Send part of the reply, then an error record (HTTP stays 200), then end.
    case errorAfter200 = "error-after-200"
    /// Send part of the reply, then a line that is not JSON, then end.
    case malformedLine = "malformed-line"
    /// Put invalid UTF-8 bytes inside one token; the stream otherwise completes.
    case invalidUTF8 = "invalid-utf8"
    /// Send one line of 20 MB.
    case hugeLine = "huge-line"
    /// Send the whole response one byte per 100 ms.
    case slowDrip = "slow-drip"
    /// Send the reply without its terminal record (`done:true` / `[DONE]`).
    case missingTerminal = "missing-terminal"
    /// 503 whose `Retry-After` is a number no wait could hold.
    case hugeRetryAfter = "huge-retry-after"
    /// A final record whose counts and durations are absurd: huge, negative, beyond a Double,
    /// a speed of 9e27 tokens per second.
    case absurdStats = "absurd-stats"
    /// Part of the reply, then one event (SSE `data:` lines, no blank line) or one NDJSON line
    /// that never ends: 64 MiB, unless the client hangs up first.
    case endlessEvent = "endless-event"
    /// Escape sequences in the reply: set the window title, clear the screen, write the
    /// clipboard (OSC 52), ring the bell.
    case escapeSequences = "escape-sequences"
    /// 500 whose error message carries the same escape sequences.
    case escapeError = "escape-error"
    /// 401 whose error message repeats the request's `Authorization` header (a key, or a URL's
    /// user and password as `Basic`), as careless proxies do.
    case echoCredentials = "echo-credentials"

    /// Faults that answer with an HTTP error status instead of a reply.
    var status: Int? {
        switch self {
        case .status500: 500
        case .status502: 502
        case .status503: 503
        case .status429: 429
        case .status401: 401
        case .hugeRetryAfter: 503
        case .escapeError: 500
        case .echoCredentials: 401
        default: nil
        }
    }
}

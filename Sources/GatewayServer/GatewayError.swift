import ChatCore

/// A failure as an OpenAI client expects it: an HTTP status and
/// `{"error":{"message","type","param","code"}}`, the message with Parley's hint.
struct GatewayError: Error, Sendable {
    var status: Int
    var type: String
    var code: String
    var message: String
    /// The request field at fault, for a bad request.
    var param: String?
    /// Seconds a client should wait before trying again (429).
    var retryAfterSeconds: Int?

    static func badRequest(_ message: String, param: String?) -> GatewayError {
        GatewayError(status: 400, type: "invalid_request_error", code: "bad_request", message: message, param: param)
    }

    static func notFound(_ message: String) -> GatewayError {
        GatewayError(status: 404, type: "invalid_request_error", code: "not_found", message: message)
    }

    static let unauthorized = GatewayError(
        status: 401, type: "invalid_request_error", code: "invalid_api_key",
        message: "this Parley wants a token: send 'Authorization: Bearer' with the value of PARLEY_SERVE_TOKEN"
    )

    static func busy(limit: Int) -> GatewayError {
        GatewayError(
            status: 429, type: "rate_limit_error", code: "too_many_requests",
            message: "Parley is answering \(limit) chats at once, its limit; try again in a moment", retryAfterSeconds: 1
        )
    }

    static func tooLarge(limit: Int) -> GatewayError {
        GatewayError(status: 413, type: "invalid_request_error", code: "request_too_large", message: "the request body is larger than \(limit) bytes")
    }

    /// What a provider's failure (after every retry and fallback) means to the client: its own
    /// mistake (4xx) or the providers' (5xx), and which.
    init(_ error: ProviderError) {
        let (status, type): (Int, String) = switch error.kind {
        case .modelNotFound: (404, "invalid_request_error")
        case .notConfigured, .badRequest: (400, "invalid_request_error")
        case .connectionFailed, .unavailable: (503, "service_unavailable")
        case .timedOut: (504, "timeout")
        case .rateLimited: (429, "rate_limit_error")
        case .cancelled: (499, "cancelled")
        case .unauthorized, .serverError, .connectionLost, .streamError, .malformedStream, .truncatedStream, .lineTooLong, .answerTooLong:
            (502, "upstream_error")
        }
        let retryAfter = error.retryAfterSeconds.flatMap { seconds in
            seconds.isFinite && seconds >= 0 && seconds <= 86_400 ? Int(seconds.rounded(.up)) : nil
        }
        self.init(status: status, type: type, code: Self.snakeCased(error.kind.rawValue), message: error.description, retryAfterSeconds: retryAfter)
    }

    private init(status: Int, type: String, code: String, message: String, param: String? = nil, retryAfterSeconds: Int? = nil) {
        self.status = status
        self.type = type
        self.code = code
        self.message = message
        self.param = param
        self.retryAfterSeconds = retryAfterSeconds
    }

    private struct Body: Encodable {
        struct Detail: Encodable {
            var message: String
            var type: String
            var param: String?
            var code: String

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(message, forKey: .message)
                try container.encode(type, forKey: .type)
                // OpenAI sends `param: null`; clients read it.
                try container.encode(param, forKey: .param)
                try container.encode(code, forKey: .code)
            }

            enum CodingKeys: String, CodingKey { case message, type, param, code }
        }

        var error: Detail
    }

    /// The JSON body.
    var body: [UInt8] {
        GatewayJSON.encode(Body(error: Body.Detail(message: message, type: type, param: param, code: code)))
    }

    /// `modelNotFound` → `model_not_found`.
    private static func snakeCased(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}

import HTTPTypes
import Hummingbird

/// The responses the gateway writes: JSON with the `x-parley-*` headers, OpenAI-shaped errors.
enum GatewayResponse {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, facts: AnswerFacts? = nil) -> Response {
        var fields = facts.map(headers) ?? [:]
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(encoding value: some Encodable) -> Response {
        json(GatewayJSON.encode(value))
    }

    static func error(_ error: GatewayError, facts: AnswerFacts? = nil) -> Response {
        var response = json(error.body, status: HTTPResponse.Status(code: error.status), facts: facts)
        if let seconds = error.retryAfterSeconds { response.headers[retryAfter] = String(seconds) }
        return response
    }

    /// An SSE `error` event with the error's body: how a stream that broke ends.
    static func errorEvent(_ error: GatewayError) -> [UInt8] {
        Array("event: error\ndata: ".utf8) + error.body + Array("\n\n".utf8)
    }

    static let retryAfter = HTTPField.Name("Retry-After")!

    /// The `x-parley-*` headers of an answer.
    static func headers(_ facts: AnswerFacts) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in facts.headers {
            if let field = HTTPField.Name(name) { fields[field] = value }
        }
        return fields
    }
}

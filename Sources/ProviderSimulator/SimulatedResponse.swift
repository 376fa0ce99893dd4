import Foundation
import HTTPTypes
import Hummingbird

/// Responses shared by the simulator's routes.
enum SimulatedResponse {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers = extra
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func jsonEncoding(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        return json(Array(data), status: status)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func stream(contentType: String, _ write: @escaping @Sendable (inout any ResponseBodyWriter) async throws -> Void) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: ResponseBody(write))
    }

    static let retryAfter = HTTPField.Name("Retry-After")!

    /// Sleeps for the behaviour's header delay and stall, then answers its HTTP fault if it
    /// has one (with `Retry-After` on 429 and 503); nil means go on and reply.
    /// `errorBody` frames a status and, when given, the message to put in place of the usual one.
    static func beforeHeaders(_ behavior: ModelBehavior, request: Request, errorBody: (Int, String?) -> [UInt8]) async throws -> Response? {
        if behavior.headerDelay > 0 { try await Task.sleep(for: .seconds(behavior.headerDelay)) }
        if behavior.fault == .stallBeforeHeaders { try await Task.sleep(for: .seconds(behavior.stallSeconds)) }
        guard let status = behavior.fault?.status else { return nil }
        var headers: HTTPFields = [:]
        if behavior.fault == .hugeRetryAfter {
            headers[retryAfter] = "99999999999999999999999999"
        } else if status == 429 || status == 503 {
            headers[retryAfter] = behavior.retryAfter == behavior.retryAfter.rounded() ? String(Int(behavior.retryAfter)) : String(behavior.retryAfter)
        }
        let message: String? = switch behavior.fault {
        case .escapeError: "the model crashed" + ReplyScript.escapeSequences + "(see the log)"
        case .echoCredentials: "refused the credentials '\(request.headers[.authorization] ?? "(none)")' from \(request.uri)"
        default: nil
        }
        return json(errorBody(status, message), status: HTTPResponse.Status(code: status), headers: headers)
    }

    /// Reads a JSON request body, or answers why it could not (`nil` body = missing).
    static func decodeBody<T: Decodable>(_ type: T.Type, from request: Request) async throws -> Result<T, BodyProblem> {
        let buffer = try await request.body.collect(upTo: 8 * 1024 * 1024)
        guard buffer.readableBytes > 0 else { return .failure(.missing) }
        do {
            return .success(try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView)))
        } catch {
            return .failure(.invalid(String(describing: error)))
        }
    }

    enum BodyProblem: Error {
        case missing
        case invalid(String)
    }

    /// A rough token count of a conversation, for the usage figures.
    static func promptTokens(_ texts: [String]) -> Int {
        max(1, texts.reduce(0) { $0 + $1.split(whereSeparator: { $0 == " " || $0 == "\n" }).count })
    }
}

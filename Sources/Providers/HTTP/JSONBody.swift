import ChatCore
import Foundation

/// Encoding request bodies and decoding small JSON responses, with errors a user can read.
enum JSONBody {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        // Every body Parley sends is a plain struct of strings and numbers, which always encode.
        return Array((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// Sends `request` and decodes a JSON reply of up to 16 MiB; an error status throws its
    /// `ProviderError`.
    static func fetch<T: Decodable>(_ type: T.Type, _ request: HTTPRequest, using transport: any HTTPStreaming) async throws -> T {
        let response = try await transport.send(request)
        guard response.head.status < 400 else {
            throw HTTPStatusError.error(head: response.head, body: try await response.body.prefix(upTo: HTTPStatusError.longestBody))
        }
        let body = try await response.body.collect(upTo: 16 * 1024 * 1024)
        do {
            return try JSONDecoder().decode(T.self, from: Data(body))
        } catch {
            let preview = String(decoding: body.prefix(120), as: UTF8.self)
            throw ProviderError(
                .malformedStream, "\(request.url) answered with something that is not the expected JSON: \(preview)",
                hint: "check that the URL points at the provider's API"
            )
        }
    }
}

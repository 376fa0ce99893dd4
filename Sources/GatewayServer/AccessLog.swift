import ChatCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// One log line per request: method, path, status, who answered, how long until the
/// response began. Never a header value or a body: they may hold keys.
struct AccessLog: RouterMiddleware {
    typealias Context = BasicRequestContext
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        var line = "\(request.method) \(request.uri.path) \(response.status.code) \((ContinuousClock.now - start).wholeMilliseconds) ms"
        if let provider = response.headers[values: HTTPField.Name("x-parley-provider")!].first {
            line += " answered by \(provider):\(response.headers[values: HTTPField.Name("x-parley-model")!].first ?? "")"
        }
        logger.info("\(line)")
        return response
    }
}

/// Lets in only requests that carry the token, when there is one; `/health` stays open, for
/// a load balancer's checks.
struct TokenCheck: RouterMiddleware {
    typealias Context = BasicRequestContext
    let token: BearerToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == "/health" || token.admits(request.headers[.authorization]) else {
            return GatewayResponse.error(.unauthorized)
        }
        return try await next(request, context)
    }
}

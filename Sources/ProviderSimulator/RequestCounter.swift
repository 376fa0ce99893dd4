import Hummingbird

/// Counts every request by path, and those that carried an `Authorization` header, so tests
/// can tell which routes were used and that a key never reached the wrong provider.
struct RequestCounter: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: SimulatorState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        state.countRequest(request.uri.path, carriedAuthorization: request.headers[.authorization] != nil)
        return try await next(request, context)
    }
}

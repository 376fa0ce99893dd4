import Hummingbird

/// Counts every request by path, and those that carried an `Authorization` header, so tests
/// can tell which routes were used and that a key never reached the wrong provider; and how
/// many were handled at once, so they can tell a client bounds its concurrency.
struct RequestCounter: RouterMiddleware {
    typealias Context = BasicRequestContext

    let state: SimulatorState

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        state.countRequest(path, carriedAuthorization: request.headers[.authorization] != nil)
        state.track(path, started: true)
        defer { state.track(path, started: false) }
        return try await next(request, context)
    }
}

import Foundation
import Hummingbird

/// The simulator's own endpoints under `/_sim`, so a test or a person with curl can change
/// what it does while it runs:
/// - `GET /_sim/scenario`, `PUT /_sim/scenario` (whole scenario as JSON);
/// - `POST /_sim/behavior` with `{"model":"llama2","behavior":{…}}` (no `model` = default);
/// - `POST /_sim/down` with `{"seconds":5}`: refuse connections for that long, from just after
///   the reply (poll until a connection is refused to know it is down);
/// - `GET /_sim/stats`: requests seen per path, and how many carried `Authorization`;
/// - `GET /_sim/redirect?to=URL`: 302 to URL; `GET /_sim/headers`: the request's headers as
///   JSON, names lowercased (together they show which headers survive a redirect).
struct ControlRoutes: Sendable {
    let state: SimulatorState
    let goDown: @Sendable (Double) -> Void

    private struct BehaviorChange: Decodable {
        var model: String?
        var behavior: ModelBehavior
    }

    private struct Down: Decodable {
        var seconds: Double
    }

    func register(on router: Router<BasicRequestContext>) {
        router.get("/_sim/scenario") { _, _ in try SimulatedResponse.jsonEncoding(state.scenario) }
        router.put("/_sim/scenario") { request, _ in
            switch try await SimulatedResponse.decodeBody(SimulatorScenario.self, from: request) {
            case .success(let scenario):
                state.replaceScenario(scenario)
                return try SimulatedResponse.jsonEncoding(scenario)
            case .failure(let problem):
                return Self.badRequest(problem)
            }
        }
        router.post("/_sim/behavior") { request, _ in
            switch try await SimulatedResponse.decodeBody(BehaviorChange.self, from: request) {
            case .success(let change):
                state.setBehavior(change.behavior, for: change.model)
                return try SimulatedResponse.jsonEncoding(state.scenario)
            case .failure(let problem):
                return Self.badRequest(problem)
            }
        }
        router.post("/_sim/down") { request, _ in
            switch try await SimulatedResponse.decodeBody(Down.self, from: request) {
            case .success(let down) where down.seconds > 0:
                goDown(down.seconds)
                return SimulatedResponse.text("down for \(down.seconds) s\n")
            case .success:
                return SimulatedResponse.text("seconds must be > 0\n", status: .badRequest)
            case .failure(let problem):
                return Self.badRequest(problem)
            }
        }
        router.get("/_sim/stats") { _, _ in try SimulatedResponse.jsonEncoding(state.requestCounts) }
        router.get("/_sim/redirect") { request, _ in
            guard let target = request.uri.queryParameters.get("to") else {
                return SimulatedResponse.text("missing ?to=URL\n", status: .badRequest)
            }
            return Response(status: .found, headers: [.location: target])
        }
        router.get("/_sim/headers") { request, _ in
            var headers = ["host": request.head.authority ?? ""]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            return try SimulatedResponse.jsonEncoding(headers)
        }
    }

    private static func badRequest(_ problem: SimulatedResponse.BodyProblem) -> Response {
        switch problem {
        case .missing: SimulatedResponse.text("missing request body\n", status: .badRequest)
        case .invalid(let reason): SimulatedResponse.text("invalid JSON: \(reason)\n", status: .badRequest)
        }
    }
}

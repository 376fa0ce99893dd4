import Foundation
import ChatCore

/// The mutable side of a running simulator: its scenario, how often each fault has fired,
/// which models were used lately (`/api/ps`), and a count of requests per route.
final class SimulatorState: Sendable {
    private struct Contents {
        var scenario: SimulatorScenario
        var faultsFired: [String: Int] = [:]
        var lastUsed: [String: Date] = [:]
        var requests: [String: Int] = [:]
        var inFlight: [String: Int] = [:]
        var mostInFlight: [String: Int] = [:]
        var lastSampling: SimulatedSampling?
        /// Callers of `waitForRequests`: a route, how many requests to it they wait for.
        var requestWaiters: [(route: String, count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let contents: Locked<Contents>

    init(scenario: SimulatorScenario) {
        contents = Locked(Contents(scenario: scenario))
    }

    var scenario: SimulatorScenario {
        contents.withLock { $0.scenario }
    }

    func replaceScenario(_ scenario: SimulatorScenario) {
        contents.withLock {
            $0.scenario = scenario
            $0.faultsFired = [:]
        }
    }

    /// Sets the behaviour of `model`, or the default behaviour when `model` is nil.
    func setBehavior(_ behavior: ModelBehavior, for model: String?) {
        contents.withLock {
            if let model {
                let key = $0.scenario.behaviors.keys.first { SimulatedModel.canonical($0) == SimulatedModel.canonical(model) } ?? model
                $0.scenario.behaviors[key] = behavior
            } else {
                $0.scenario.defaultBehavior = behavior
            }
            $0.faultsFired = [:]
        }
    }

    func updateModels(_ update: (inout [SimulatedModel]) -> Void) {
        contents.withLock { update(&$0.scenario.models) }
    }

    /// The behaviour for one request to `model`, with its fault cleared once `faultCount`
    /// requests have had it.
    func behaviorForRequest(model: String) -> ModelBehavior {
        contents.withLock {
            var behavior = $0.scenario.behavior(for: model)
            $0.lastUsed[SimulatedModel.canonical(model)] = Date()
            guard behavior.fault != nil, let limit = behavior.faultCount else { return behavior }
            let key = SimulatedModel.canonical(model)
            let fired = $0.faultsFired[key, default: 0]
            if fired >= limit {
                behavior.fault = nil
            } else {
                $0.faultsFired[key] = fired + 1
            }
            return behavior
        }
    }

    /// Loads `model` now (as a chat would), or unloads it.
    func setLoaded(_ model: String, _ loaded: Bool) {
        contents.withLock { $0.lastUsed[SimulatedModel.canonical(model)] = loaded ? Date() : nil }
    }

    /// Models used in the last five minutes, as Ollama keeps them loaded.
    func loadedModels() -> [(SimulatedModel, expires: Date)] {
        contents.withLock { contents in
            contents.scenario.models.compactMap { model in
                guard let used = contents.lastUsed[SimulatedModel.canonical(model.name)], used.timeIntervalSinceNow > -300 else { return nil }
                return (model, used.addingTimeInterval(300))
            }
        }
    }

    /// Counts a request to `route`, and separately every request that carried an
    /// `Authorization` header (tests check a key never reaches the wrong provider).
    func countRequest(_ route: String, carriedAuthorization: Bool) {
        let satisfied = contents.withLock { contents in
            contents.requests[route, default: 0] += 1
            if carriedAuthorization { contents.requests["with Authorization", default: 0] += 1 }
            let requests = contents.requests
            let (done, waiting) = contents.requestWaiters.partitioned(by: { requests[$0.route, default: 0] >= $0.count })
            contents.requestWaiters = waiting
            return done
        }
        for waiter in satisfied { waiter.continuation.resume() }
    }

    /// Returns once `count` requests to `route` have arrived (at once if they have).
    func waitForRequests(to route: String, count: Int) async {
        await withCheckedContinuation { continuation in
            let arrived = contents.withLock { contents in
                if contents.requests[route, default: 0] >= count { return true }
                contents.requestWaiters.append((route, count, continuation))
                return false
            }
            if arrived { continuation.resume() }
        }
    }

    func recordSampling(_ sampling: SimulatedSampling) {
        contents.withLock { $0.lastSampling = sampling }
    }

    var lastSampling: SimulatedSampling? {
        contents.withLock { $0.lastSampling }
    }

    var requestCounts: [String: Int] {
        contents.withLock { $0.requests }
    }

    /// A request to `route` began (`true`) or its handler returned (`false`).
    func track(_ route: String, started: Bool) {
        contents.withLock {
            $0.inFlight[route, default: 0] += started ? 1 : -1
            $0.mostInFlight[route] = max($0.mostInFlight[route] ?? 0, $0.inFlight[route] ?? 0)
        }
    }

    /// The most requests to each route that were handled at once.
    var mostInFlight: [String: Int] {
        contents.withLock { $0.mostInFlight }
    }
}

extension Array {
    /// The elements that satisfy `belongs`, and the rest, each in order.
    fileprivate func partitioned(by belongs: (Element) -> Bool) -> (matching: [Element], rest: [Element]) {
        var matching: [Element] = [], rest: [Element] = []
        for element in self {
            if belongs(element) { matching.append(element) } else { rest.append(element) }
        }
        return (matching, rest)
    }
}

import ChatCore

/// Which members of a pool may answer a request for a model, best first: members that are
/// down or lack the model are left out (with why); a balanced pool puts a member that has
/// the model loaded first (no load wait), then the one with the fewest answers in flight; a
/// priority pool keeps the order written.
public struct PoolChoice: Sendable {
    /// What is known of one member now.
    public struct Member: Sendable {
        public var id: ProviderID
        /// Whether its model list has the model; nil when no list is known.
        public var offersModel: Bool?
        /// Whether it holds the model in memory now.
        public var hasLoaded: Bool
        public var inFlight: Int
        /// Why it must be left out now (down, disabled); nil to use it.
        public var skipReason: String?

        public init(id: ProviderID, offersModel: Bool?, hasLoaded: Bool, inFlight: Int, skipReason: String?) {
            self.id = id
            self.offersModel = offersModel
            self.hasLoaded = hasLoaded
            self.inFlight = inFlight
            self.skipReason = skipReason
        }
    }

    /// The members that may answer, best first.
    public var candidates: [ProviderID]
    /// Each member left out, with why.
    public var leftOut: [(member: ProviderID, reason: String)]

    public init(members: [Member], model: String, order: ProviderPoolSettings.Order) {
        var usable: [(index: Int, member: Member)] = []
        leftOut = []
        for (index, member) in members.enumerated() {
            if let reason = member.skipReason {
                leftOut.append((member.id, reason))
            } else if member.offersModel == false {
                leftOut.append((member.id, "has no \(model)"))
            } else {
                usable.append((index, member))
            }
        }
        switch order {
        case .priority:
            // A member whose list is not known yet goes after those known to have the model.
            usable.sort { ($0.member.offersModel == nil ? 1 : 0, $0.index) < ($1.member.offersModel == nil ? 1 : 0, $1.index) }
        case .balanced:
            usable.sort { lhs, rhs in
                let left = (lhs.member.offersModel == nil ? 1 : 0, lhs.member.hasLoaded ? 0 : 1, lhs.member.inFlight, lhs.index)
                let right = (rhs.member.offersModel == nil ? 1 : 0, rhs.member.hasLoaded ? 0 : 1, rhs.member.inFlight, rhs.index)
                return left < right
            }
        }
        candidates = usable.map(\.member.id)
    }

    /// `pool`'s members now, but those in `leavingOut` (tried already, or excluded), as the
    /// health monitor and the load know them, ranked for `model`.
    public init(_ pool: ProviderPool, model: String, monitor: HealthMonitor, load: ProviderLoad, leavingOut: Set<ProviderID>) async {
        await monitor.ensureChecked(pool.memberIDs)
        var members: [Member] = []
        for member in pool.members where !leavingOut.contains(member.id) {
            let loaded = await monitor.status(of: member.id).loadedModels.map { ModelInfo(provider: member.id, name: $0.name) }
            members.append(Member(
                id: member.id, offersModel: await monitor.models(of: member.id).map { member.offers(model, in: $0) },
                hasLoaded: member.offers(model, in: loaded), inFlight: load.inFlight(member.id),
                skipReason: await monitor.skipReason(for: member.id)
            ))
        }
        self.init(members: members, model: model, order: pool.order)
    }

    /// Why no member can answer: `box1: down since …; box2: has no llama3`.
    public var whyNone: String {
        leftOut.map { "\($0.member): \($0.reason)" }.joined(separator: "; ")
    }
}

import ChatCore

/// The state machine behind `RoutedChat`: plan the chain, start an attempt, stream it, and on
/// a failure before the first token retry or move on; every step queued as an event.
public struct RoutedChatIterator: ChatEventIterator {
    private enum Phase {
        case planning
        /// A target as the chain names it: a provider, or a pool whose member is still to choose.
        case starting(ModelTarget)
        /// Every candidate is at its concurrency limit: wait in line for the first free place.
        case queued([ModelTarget])
        /// A place is held on this provider: ask it.
        case asking(ModelTarget)
        case waiting(until: Duration, ModelTarget)
        case streaming(ChatStream.AsyncIterator, ModelTarget)
        case finished
    }

    private let router: FallbackRouter
    private let request: RoutedRequest
    private var phase = Phase.planning
    private var pending: [ChatEvent] = []
    /// An event the streaming attempt handed over in hand that needs more than counting (the
    /// end, a failure, text past the cap): `next()` takes it before reading on.
    private var untaken: ChatEvent?
    private var pendingError: (any Error)?
    /// Providers still to fall back to, in order.
    private var chain: [any ChatProvider] = []
    private var requested = ModelRef(provider: nil, model: "")
    private var retriesUsed = 0
    private var attempts = 0
    private var hops: [FallbackNotice] = []
    private var tried: [ProviderID] = []
    /// The target as the chain named it (a pool, or a provider), for a queue's notice.
    private var named = ModelTarget(provider: .demo, model: "")
    /// The pool's other members still to hand the request to, best first.
    private var members: [ModelTarget] = []
    /// The member that failed and why, told as a hop once the next one has a place.
    private var handOver: (from: ModelTarget, reason: String)?
    /// This answer's place on the provider asked, given back when the answer ends.
    private var place: ProviderLoad.Place?
    /// Time since the request started, on the router's clock.
    private let stopwatch: Stopwatch
    private var firstOutput: Duration?
    private var outputTokens = 0
    private var outputBytes = 0

    /// The most text (and reasoning) one answer may hold: a server that never stops must not
    /// grow Parley without end. What came before the cap is kept.
    public static let longestAnswerBytes = 8 * 1024 * 1024

    init(router: FallbackRouter, request: RoutedRequest) {
        self.router = router
        self.request = request
        stopwatch = Stopwatch(router.clock)
    }

    private var allowsFallback: Bool { router.fallbackEnabled && request.allowFallback }

    /// A queued event, or a piece of text or reasoning the streaming attempt has decoded;
    /// anything else it has decoded is left for `next()`, which may have to wait on the
    /// health monitor. Never while planning, starting or waiting to retry.
    public mutating func nextInHand() -> ChatEvent? {
        if !pending.isEmpty { return pending.removeFirst() }
        guard untaken == nil, case .streaming(var stream, let target) = phase else { return nil }
        phase = .finished
        let event = stream.nextInHand()
        phase = .streaming(stream, target)
        switch event {
        case .text(let text), .thinking(let text):
            if admit(text) { return event }
        case nil:
            return nil
        default:
            break
        }
        untaken = event
        return nil
    }

    public mutating func next() async throws -> ChatEvent? {
        while true {
            if !pending.isEmpty { return pending.removeFirst() }
            switch phase {
            case .finished:
                if let error = pendingError {
                    pendingError = nil
                    throw error
                }
                return nil
            case .planning:
                try await plan()
            case .starting(let target):
                await start(target)
            case .queued(let candidates):
                let place = try await router.load.take(anyOf: candidates.map { ($0.provider, limit(of: $0.provider)) })
                hold(place, of: candidates)
            case .asking(let target):
                await ask(target)
            case .waiting(let until, let target):
                try await router.clock.sleep(for: max(.zero, until - stopwatch.elapsed))
                phase = .starting(target)
            case .streaming(var stream, let target):
                // The stream is moved out while it is read: a copy left in `phase` would make
                // each read copy the whole iterator, decoder buffers and all.
                phase = .finished
                let event: ChatEvent?
                do {
                    if let held = untaken {
                        untaken = nil
                        event = held
                    } else {
                        event = try await stream.next()
                    }
                } catch let error as ProviderError where error.kind != .cancelled {
                    await fail(error, target: target)
                    continue
                }
                phase = .streaming(stream, target)
                await take(event, from: target)
            }
        }
    }

    /// Resolves the model to its first target; the providers after it wait in `chain` and get
    /// their model when the request reaches them. Lists are fetched only when needed: a bare
    /// name the default provider has costs one check of that provider.
    private mutating func plan() async throws {
        let registry = router.registry
        let monitor = router.monitor
        let order = registry.fallbackOrder.filter { !request.excluding.contains($0.id) }
        requested = ModelRef(parsing: request.model, knownProviders: Set(order.map(\.id)))
        if requested.isBare, let first = order.first {
            await monitor.ensureChecked([first.id])
            let models = await monitor.models(of: first.id) ?? []
            if !first.offers(requested.model, in: models) { await monitor.ensureChecked(order.map(\.id)) }
        } else if let provider = requested.provider, requested.model.isEmpty {
            await monitor.ensureChecked([provider])
        }
        let resolver = await resolver(order)
        let target = try resolver.resolve(request.model)
        if requested.model.isEmpty { requested = ModelRef(provider: target.provider, model: target.model) }
        // A bare name placed elsewhere because the default provider is down: say so.
        if requested.isBare, let first = order.first, first.id != target.provider, resolver.down.contains(first.id),
           let reason = await monitor.skipReason(for: first.id), first.unavailability == nil {
            pending.append(.skipped(SkipNotice(provider: first.id, reason: reason)))
        }
        let defaultID = registry.defaultProvider
        // The demo answers only when it is the default: a real question should not quietly
        // get a canned reply.
        chain = allowsFallback ? order.filter { $0.id != target.provider && ($0.id != .demo || defaultID == .demo) } : []
        if allowsFallback, target.provider != .demo, let reason = await monitor.skipReason(for: target.provider) {
            guard let next = await nextTarget(after: target) else {
                phase = .finished
                pendingError = ProviderError(
                    .unavailable, "no provider can answer \(request.model) now",
                    hint: "run 'parley health' to see why, or 'parley config' to check the settings"
                )
                return
            }
            // The provider asked for is left out: to the user that is a fallback like any other.
            let notice = FallbackNotice(from: target, to: next, reason: reason)
            hops.append(notice)
            pending.append(.fallback(notice))
            phase = .starting(next)
            return
        }
        phase = .starting(target)
    }

    private func resolver(_ order: [any ChatProvider]) async -> ModelResolver {
        var models: [ProviderID: [ModelInfo]] = [:]
        var down: Set<ProviderID> = []
        for provider in order {
            models[provider.id] = await router.monitor.models(of: provider.id)
            if await router.monitor.skipReason(for: provider.id) != nil { down.insert(provider.id) }
        }
        return ModelResolver(order: order, models: models, down: down)
    }

    /// The next provider of the chain that is not left out, with the model to ask it for;
    /// the providers passed over are reported.
    private mutating func nextTarget(after failed: ModelTarget) async -> ModelTarget? {
        while !chain.isEmpty {
            let provider = chain.removeFirst()
            // Asked already, as a pool's member or on its own: not again.
            if tried.contains(provider.id) { continue }
            if let pool = provider as? ProviderPool, pool.memberIDs.allSatisfy(tried.contains) { continue }
            if let reason = await router.monitor.skipReason(for: provider.id) {
                if provider.unavailability == nil { pending.append(.skipped(SkipNotice(provider: provider.id, reason: reason))) }
                continue
            }
            await router.monitor.ensureChecked([provider.id])
            let model = await resolver([provider]).fallbackModel(for: provider, from: failed.model)
            if !model.isEmpty { return ModelTarget(provider: provider.id, model: model) }
        }
        return nil
    }

    /// Finds the provider to ask for `target`: the provider named, or the best member of a
    /// pool; takes a place on it, or queues when every candidate is full.
    private mutating func start(_ target: ModelTarget) async {
        guard let provider = router.registry.provider(target.provider) else {
            await fail(ProviderError(.notConfigured, "unknown provider '\(target.provider)'"), target: target)
            return
        }
        named = target
        var candidates = [target]
        if let pool = provider as? ProviderPool {
            let choice = await PoolChoice(pool, model: target.model, monitor: router.monitor, load: router.load, leavingOut: Set(tried).union(request.excluding))
            guard !choice.candidates.isEmpty else {
                let why = choice.whyNone.isEmpty ? "" : " (\(choice.whyNone))"
                await fail(ProviderError(
                    .unavailable, "no member of \(pool.id) can answer \(target.model) now\(why)",
                    hint: "run 'parley health' to see the members, or name one (\(pool.memberIDs.map { "\($0):\(target.model)" }.first ?? ""))"
                ), target: target)
                return
            }
            candidates = choice.candidates.map { ModelTarget(provider: $0, model: target.model) }
        }
        place(candidates, for: target)
    }

    /// A place on the first of `candidates` with room, or in line for one.
    private mutating func place(_ candidates: [ModelTarget], for requested: ModelTarget) {
        for candidate in candidates {
            if let place = router.load.tryTake(candidate.provider, limit: limit(of: candidate.provider)) {
                hold(place, of: candidates)
                return
            }
        }
        let busy = candidates.map { candidate in
            QueueNotice.BusyProvider(provider: candidate.provider, inFlight: router.load.inFlight(candidate.provider), limit: limit(of: candidate.provider) ?? 0)
        }
        pending.append(.queued(QueueNotice(target: requested, busy: busy)))
        phase = .queued(candidates)
    }

    /// Holds `place` and asks its provider; the other candidates stay as the members to hand over to.
    private mutating func hold(_ place: ProviderLoad.Place, of candidates: [ModelTarget]) {
        let chosen = candidates.first { $0.provider == place.provider } ?? ModelTarget(provider: place.provider, model: candidates.first?.model ?? "")
        self.place = place
        members = candidates.filter { $0 != chosen }
        if let handOver {
            let notice = FallbackNotice(from: handOver.from, to: chosen, reason: handOver.reason)
            hops.append(notice)
            pending.append(.fallback(notice))
            self.handOver = nil
        }
        phase = .asking(chosen)
    }

    private func limit(of provider: ProviderID) -> Int? {
        router.registry.provider(provider)?.configuration.maxConcurrent
    }

    /// Asks `target`'s provider, on the place held for it.
    private mutating func ask(_ target: ModelTarget) async {
        guard let provider = router.registry.provider(target.provider) else {
            await fail(ProviderError(.notConfigured, "unknown provider '\(target.provider)'"), target: target)
            return
        }
        attempts += 1
        if !tried.contains(provider.id) { tried.append(provider.id) }
        pending.append(.attempt(target))
        let configuration = provider.configuration
        let chat = ChatRequest(
            model: target.model, messages: request.messages,
            temperature: request.temperature ?? configuration.temperature,
            maxTokens: request.maxTokens ?? configuration.maxTokens,
            stream: configuration.streams,
            sampling: request.sampling
        )
        do {
            let stream = try await provider.streamChat(chat)
            phase = .streaming(stream.makeAsyncIterator(), target)
        } catch let error as ProviderError where error.kind != .cancelled {
            await fail(error, target: target)
        } catch {
            phase = .finished
            pendingError = error
        }
    }

    private mutating func take(_ event: ChatEvent?, from target: ModelTarget) async {
        switch event {
        case .text(let text), .thinking(let text):
            guard admit(text) else {
                let room = Self.longestAnswerBytes - outputBytes
                // What fits is kept, up to the cap to the byte (on a character boundary).
                var end = text.utf8.index(text.utf8.startIndex, offsetBy: max(room, 0))
                while end > text.utf8.startIndex, end.samePosition(in: text.unicodeScalars) == nil {
                    end = text.utf8.index(before: end)
                }
                let kept = String(text.unicodeScalars[..<end])
                if !kept.isEmpty {
                    if firstOutput == nil { firstOutput = stopwatch.elapsed }
                    outputBytes += kept.utf8.count
                    if case .text = event { pending.append(.text(kept)) } else { pending.append(.thinking(kept)) }
                }
                let cap = Self.longestAnswerBytes / (1024 * 1024)
                await fail(ProviderError(
                    .answerTooLong, "the answer grew past \(cap) MiB of text and was stopped there",
                    hint: "what arrived is kept; ask for a shorter answer"
                ), target: target)
                return
            }
            pending.append(event!)
        case .done(let stats):
            pending.append(.done(stats))
            releasePlace()
            await router.monitor.recordChatSuccess(for: target.provider)
            pending.append(.completed(outcome(target, stats: stats, interruption: nil)))
            phase = .finished
        case nil:
            await fail(ProviderError(.truncatedStream, "the reply ended before it was complete"), target: target)
        case .some(let other):
            pending.append(other)
        }
    }

    private mutating func releasePlace() {
        place?.release()
        place = nil
    }

    /// Counts `text` as output when it fits under the cap; false, counting nothing, when not.
    private mutating func admit(_ text: String) -> Bool {
        let bytes = text.utf8.count
        guard bytes <= Self.longestAnswerBytes - outputBytes else { return false }
        outputBytes += bytes
        if firstOutput == nil { firstOutput = stopwatch.elapsed }
        outputTokens += 1
        return true
    }

    /// A failure: after the first token the answer ends interrupted; before it, retry the
    /// same provider, or fall back, or give up with the error.
    private mutating func fail(_ error: ProviderError, target: ModelTarget) async {
        releasePlace()
        await router.monitor.recordChatFailure(error, for: target.provider)
        if firstOutput != nil {
            pending.append(.completed(outcome(target, stats: nil, interruption: error)))
            phase = .finished
            return
        }
        // A pool's member hands the request to the next member, before any retry or fallback.
        if !members.isEmpty, RetryPolicy.allowsFallback(error) {
            handOver = (target, error.description)
            let rest = members
            members = []
            place(rest, for: named)
            return
        }
        let limit = router.registry.provider(target.provider)?.configuration.retryLimit ?? 0
        if RetryPolicy.isRetryable(error), retriesUsed < limit,
           let delay = router.policy.delay(beforeRetry: retriesUsed + 1, retryAfterSeconds: error.retryAfterSeconds) {
            retriesUsed += 1
            pending.append(.retry(RetryNotice(target: target, attempt: retriesUsed, limit: limit, delaySeconds: delay.inSeconds, reason: error.description)))
            phase = .waiting(until: stopwatch.elapsed + delay, target)
            return
        }
        if allowsFallback, RetryPolicy.allowsFallback(error), let next = await nextTarget(after: target) {
            let notice = FallbackNotice(from: target, to: next, reason: error.description)
            hops.append(notice)
            pending.append(.fallback(notice))
            retriesUsed = 0
            phase = .starting(next)
            return
        }
        phase = .finished
        var final = error
        if tried.count > 1 {
            final.message += " (tried \(tried.map(\.rawValue).joined(separator: ", ")))"
        }
        pendingError = final
    }

    private func outcome(_ target: ModelTarget, stats: CompletionStats?, interruption: ProviderError?) -> ChatOutcome {
        let now = stopwatch.elapsed
        let firstToken = firstOutput?.inSeconds
        var speed = stats?.tokensPerSecond
        if speed == nil, let firstOutput, outputTokens > 1 {
            let elapsed = (now - firstOutput).inSeconds
            if elapsed > 0 { speed = Double(stats?.completionTokens ?? outputTokens - 1) / elapsed }
        }
        return ChatOutcome(
            requested: requested, answeredBy: target, attempts: attempts, timeToFirstTokenSeconds: firstToken,
            tokensPerSecond: speed, stats: stats, interruption: interruption, hops: hops
        )
    }
}

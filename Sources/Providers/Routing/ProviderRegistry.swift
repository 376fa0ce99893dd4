import ChatCore

/// The providers Parley knows, in fallback order, and which one is the default.
public final class ProviderRegistry: Sendable {
    private struct Contents {
        var providers: [any ChatProvider]
        var defaultID: ProviderID
    }

    private let contents: Locked<Contents>
    public let preference: ProviderPreference

    /// `providers` in fallback order. The default follows `preference` (`auto`: the first).
    public init(providers: [any ChatProvider], preference: ProviderPreference) {
        self.preference = preference
        let first = providers.first?.id ?? .demo
        let preferred: ProviderID = switch preference {
        case .auto: first
        case .provider(let id): providers.contains { $0.id == id } ? id : first
        }
        contents = Locked(Contents(providers: providers, defaultID: preferred))
    }

    /// Ollama (when enabled), OpenRouter (listed even without a key, as "not configured"), the
    /// `PARLEY_PROVIDERS` instances, the `PARLEY_POOLS` pools, then the demo.
    public static func make(settings: Settings, transport: any HTTPStreaming, demo: DemoProvider = DemoProvider()) -> ProviderRegistry {
        var providers: [any ChatProvider] = []
        providers.append(OllamaProvider(settings: settings.ollama, transport: transport))
        providers.append(OpenAICompatibleProvider(
            id: .openrouter, settings: settings.openRouter,
            preset: .openRouter(settings: settings.openRouter, appName: settings.openRouterAppName, siteURL: settings.openRouterSiteURL),
            transport: transport
        ))
        for extra in settings.extraProviders {
            switch extra.kind {
            case .ollama:
                providers.append(OllamaProvider(id: extra.id, settings: extra.settings, transport: transport))
            case .openAICompatible, .demo, .pool:
                providers.append(OpenAICompatibleProvider(id: extra.id, settings: extra.settings, preset: .named(extra.id, settings: extra.settings), transport: transport))
            }
        }
        for pool in settings.pools {
            let members = pool.members.compactMap { id in providers.first { $0.id == id } }
            providers.append(ProviderPool(id: pool.id, members: members, order: pool.order))
        }
        providers.append(demo)
        return ProviderRegistry(providers: providers, preference: settings.preferredProvider)
    }

    public var providers: [any ChatProvider] {
        contents.withLock { $0.providers }
    }

    public var ids: [ProviderID] {
        providers.map(\.id)
    }

    public func provider(_ id: ProviderID) -> (any ChatProvider)? {
        providers.first { $0.id == id }
    }

    /// Adds a provider at the end of the fallback order, before the demo; replaces one of
    /// the same name.
    public func register(_ provider: any ChatProvider) {
        contents.withLock { contents in
            contents.providers.removeAll { $0.id == provider.id }
            let demoIndex = contents.providers.firstIndex { $0.id == .demo } ?? contents.providers.endIndex
            contents.providers.insert(provider, at: demoIndex)
        }
    }

    public var defaultProvider: ProviderID {
        contents.withLock { $0.defaultID }
    }

    public func setDefault(_ id: ProviderID) throws {
        try contents.withLock { contents in
            guard contents.providers.contains(where: { $0.id == id }) else {
                throw ProviderError(
                    .notConfigured, "unknown provider '\(id)'",
                    hint: "known providers: \(contents.providers.map(\.id.rawValue).joined(separator: ", "))"
                )
            }
            contents.defaultID = id
        }
    }

    /// The providers whose models can be managed (pulled, removed, described), in fallback order.
    public var managing: [any ModelManaging] {
        fallbackOrder.compactMap { $0 as? any ModelManaging }
    }

    /// Every provider, the default first, then the rest in registration order.
    public var fallbackOrder: [any ChatProvider] {
        contents.withLock { contents in
            let first = contents.providers.filter { $0.id == contents.defaultID }
            return first + contents.providers.filter { $0.id != contents.defaultID }
        }
    }
}

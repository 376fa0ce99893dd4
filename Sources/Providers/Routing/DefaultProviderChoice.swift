import ChatCore

/// Settles the default provider at start. The preferred provider stays the default when it
/// answers, and also when it is configured but down: the router then falls back from it
/// visibly (or, without fallback, reports it). A preferred provider that cannot be used at all
/// (no key, disabled) gives way to the first real provider that answers; when none answers,
/// the built-in demo becomes the default and the user is told what would change that.
public enum DefaultProviderChoice {
    /// Returns the lines to tell the user, or nil when there is nothing to say.
    public static func settle(_ registry: ProviderRegistry, monitor: HealthMonitor) async -> [String]? {
        if case .provider(.demo) = registry.preference { return nil }
        let preferred = registry.defaultProvider
        let preferredUsable = preferred != .demo && registry.provider(preferred)?.unavailability == nil
        if preferredUsable, await monitor.check(preferred).isAnswering { return nil }
        let real = registry.fallbackOrder.filter { $0.id != .demo }
        await monitor.ensureChecked(real.map(\.id))
        var answering: (any ChatProvider)?
        for provider in real where await monitor.status(of: provider.id).isAnswering {
            answering = provider
            break
        }
        if let answering {
            if preferredUsable { return nil }
            try? registry.setDefault(answering.id)
            let status = await monitor.status(of: preferred)
            return ["\(preferred) is \(status.state.rawValue)\(status.reason.map { " (\($0))" } ?? ""); \(answering.id) is the default provider."]
        }
        try? registry.setDefault(.demo)
        var states: [String] = []
        for provider in real {
            let status = await monitor.status(of: provider.id)
            states.append("\(provider.id): \(status.state.rawValue)")
        }
        let ollamaURL = registry.provider(.ollama)?.baseURL ?? "http://localhost:11434"
        return [
            "No provider is reachable (\(states.joined(separator: ", "))), so the built-in demo answers: its replies are canned, not a model's.",
            "Either line in .env changes that:",
            "  OLLAMA_BASE_URL=\(ollamaURL)    # then start Ollama with 'ollama serve' and 'ollama pull llama2'",
            "  OPENROUTER_API_KEY=sk-or-v1-…    # a key from https://openrouter.ai/keys",
        ]
    }
}

extension HealthStatus {
    /// Healthy or degraded: it answers, if not perfectly.
    var isAnswering: Bool {
        state == .healthy || state == .degraded
    }
}

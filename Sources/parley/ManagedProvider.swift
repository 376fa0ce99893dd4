import ChatCore
import Providers

/// Which provider the model commands (`pull`, `rm`, `show`, `ps`) work on: the one named, or
/// else the default provider when it can manage models, or else the first that can.
enum ManagedProvider {
    /// Every provider whose models can be managed, in fallback order.
    static func all(_ setup: ProviderSetup) -> [any ModelManaging] {
        setup.registry.managing
    }

    /// The provider to work on; prints why and throws an exit status when there is none.
    static func choose(_ setup: ProviderSetup, named name: String?) async throws -> any ModelManaging {
        let managed = all(setup)
        if let name {
            guard let chosen = managed.first(where: { $0.id.rawValue == name }) else {
                await setup.client.shutdown()
                Terminal.error("'\(name)' is not an Ollama provider; models can be managed on: \(managed.map(\.id.rawValue).joined(separator: ", "))")
                throw ExitCodeError.usage
            }
            return chosen
        }
        guard let chosen = managed.first(where: { $0.id == setup.registry.defaultProvider }) ?? managed.first else {
            await setup.client.shutdown()
            Terminal.error("no Ollama provider is configured — set OLLAMA_BASE_URL, or name one in PARLEY_PROVIDERS")
            throw ExitCodeError.failure
        }
        return chosen
    }
}

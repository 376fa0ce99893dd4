import ArgumentParser
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

/// `NAME [--provider P]` of the model commands (`pull`, `rm`, `show`), and how each runs: on
/// the chosen provider, with the HTTP client shut down after, and a failure printed with what
/// to do and exit status 1.
struct ManagedModelArguments: ParsableArguments {
    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The model, as Ollama names it (llama3.2, llama3.2:1b).", valueName: "name"))
    var name: String

    @Option(name: .customLong("provider"), help: ArgumentHelp("The Ollama provider (default: the default provider when it is an Ollama, else the first).", valueName: "name"))
    var providerName: String?

    /// Runs `body` on the chosen provider; `shown` may reword a failure for this command.
    func run<T>(
        _ body: (any ModelManaging) async throws -> T,
        shown: (ProviderError, any ModelManaging) -> ProviderError = { error, _ in error }
    ) async throws -> T {
        let setup = try ProviderSetup.load(options)
        let target = try await ManagedProvider.choose(setup, named: providerName)
        do {
            let result = try await body(target)
            await setup.client.shutdown()
            return result
        } catch let error as ProviderError {
            await setup.client.shutdown()
            Terminal.error(shown(error, target).description)
            throw ExitCodeError.failure
        }
    }
}

import ArgumentParser
import ChatApp
import ChatCore
import Foundation
import Providers

/// `parley rm NAME [--provider P]`: removes a model from an Ollama's disk, saying how much
/// room that freed. Exit status 1 when the model is not there or the server refused.
struct RemoveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove a model from an Ollama provider's disk.",
        discussion: "Without --provider: the default provider when it is an Ollama, else the first Ollama. Exit status 1 when nothing was removed."
    )

    @OptionGroup var options: ConfigOptions

    @Argument(help: ArgumentHelp("The model, as the provider lists it.", valueName: "name"))
    var name: String

    @Option(name: .customLong("provider"), help: ArgumentHelp("The Ollama provider to remove it from.", valueName: "name"))
    var providerName: String?

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let target = try await ManagedProvider.choose(setup, named: providerName)
        // The size is read first: once removed, nobody can say how big it was.
        let size = (try? await target.listModels())?.first { target.offers(name, in: [$0]) }?.sizeBytes
        do {
            try await target.delete(name)
        } catch let error as ProviderError {
            await setup.client.shutdown()
            var shown = error
            if error.kind == .modelNotFound { shown.hint = "'parley models --provider \(target.id)' lists what it has" }
            Terminal.error(shown.description)
            throw ExitCodeError.failure
        }
        await setup.client.shutdown()
        Terminal.line("removed \(name) from \(target.id)" + (size.map { "; \(HumanUnits.bytes($0)) freed" } ?? ""))
    }
}

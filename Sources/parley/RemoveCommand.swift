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

    @OptionGroup var managed: ManagedModelArguments

    func run() async throws {
        let name = managed.name
        let line = try await managed.run { target in
            // The size is read first: once removed, nobody can say how big it was.
            let size = (try? await target.listModels())?.first { target.offers(name, in: [$0]) }?.sizeBytes
            try await target.delete(name)
            return "removed \(name) from \(target.id)" + (size.map { "; \(HumanUnits.bytes($0)) freed" } ?? "")
        } shown: { error, target in
            var shown = error
            if error.kind == .modelNotFound { shown.hint = "'parley models --provider \(target.id)' lists what it has" }
            return shown
        }
        Terminal.line(line)
    }
}

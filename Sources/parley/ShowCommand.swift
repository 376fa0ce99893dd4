import ArgumentParser
import ChatCore
import Foundation
import Providers

/// `parley show NAME [--provider P] [--json]`: what an Ollama says of a model — size,
/// quantisation, context length and what it can do.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show what an Ollama provider says of a model.",
        discussion: "Exit status 1 when the provider does not know the model."
    )

    @OptionGroup var managed: ManagedModelArguments

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let name = managed.name
        let model = try await managed.run { target in try await target.describe(name) }
        if json {
            Terminal.out(try JSONOutput.encode(model) + "\n")
            return
        }
        Terminal.line("\(model.name) on \(model.provider)")
        let facts = [model.parameterSize.map { "\($0) parameters" }, model.quantization, model.family.map { "family \($0)" }].compactMap { $0 }.filter { !$0.isEmpty }
        if !facts.isEmpty { Terminal.line("  " + facts.joined(separator: " · ")) }
        if let context = model.contextLength { Terminal.line("  context: \(context) tokens") }
        if let capabilities = model.capabilities, !capabilities.isEmpty {
            Terminal.line("  can: " + capabilities.joined(separator: ", ") + (model.embedsOnly ? " (embeddings only: not for chat)" : ""))
        }
    }
}

import ArgumentParser
import ChatApp
import ChatCore
import Foundation
import Providers

/// `parley ps [--provider P] [--json]`: the models each Ollama holds in memory now, with their
/// size, how much is on the GPU and when each unloads. Exit status 1 when no provider answered.
struct LoadedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ps",
        abstract: "List the models each Ollama provider holds in memory.",
        discussion: "Exit status 1 when no provider could say."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp("Only this Ollama provider.", valueName: "name"))
    var providerName: String?

    @Flag(help: "Print as JSON.")
    var json = false

    struct Entry: Encodable {
        var provider: String
        var models: [LoadedModel]?
        var error: String?
    }

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let providers = providerName == nil ? ManagedProvider.all(setup) : [try await ManagedProvider.choose(setup, named: providerName)]
        var entries: [Entry] = []
        for provider in providers {
            do {
                entries.append(Entry(provider: provider.id.rawValue, models: try await provider.loadedModels()))
            } catch let error as ProviderError {
                entries.append(Entry(provider: provider.id.rawValue, error: error.description))
            }
        }
        await setup.client.shutdown()
        if json {
            Terminal.out(try JSONOutput.encode(entries) + "\n")
        } else {
            for entry in entries { Self.print(entry) }
        }
        if !entries.contains(where: { $0.models != nil }) { throw ExitCodeError.failure }
    }

    private static func print(_ entry: Entry) {
        guard let models = entry.models else {
            Terminal.line("\(entry.provider): \(entry.error ?? "no answer")")
            return
        }
        guard !models.isEmpty else {
            Terminal.line("\(entry.provider): no model loaded")
            return
        }
        Terminal.line("\(entry.provider):")
        for model in models {
            let parts = [model.name, LoadedModelText.size(model), model.unloadsAt.map { UnloadTime.phrase($0.timeIntervalSinceNow) }].compactMap { $0 }
            Terminal.line("  " + parts.joined(separator: " · "))
        }
    }
}

import ArgumentParser
import ChatApp
import ChatCore
import Foundation
import Providers

/// `parley models`: every provider's models, or one provider's.
struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the models of every provider, or of one.",
        discussion: "Exit status 1 when no provider could list its models."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("provider"), help: ArgumentHelp("Only this provider's models.", valueName: "name"))
    var only: String?

    @Flag(help: "Print as JSON.")
    var json = false

    struct Failure: Encodable {
        var provider: String
        var error: String
    }

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        var providers = setup.registry.providers
        if let only {
            providers = providers.filter { $0.id.rawValue == only }
            guard !providers.isEmpty else {
                Terminal.error("unknown provider '\(only)'; known providers: \(setup.registry.ids.map(\.rawValue).joined(separator: ", "))")
                throw ExitCodeError.usage
            }
        }
        let results = await withTaskGroup(of: (Int, Result<[ModelInfo], ProviderError>).self) { group in
            for (index, provider) in providers.enumerated() {
                group.addTask { (index, await Self.models(of: provider)) }
            }
            var results: [(Int, Result<[ModelInfo], ProviderError>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        await setup.client.shutdown()
        var models: [ModelInfo] = []
        var failures: [Failure] = []
        for (provider, result) in zip(providers, results) {
            switch result {
            case .success(let list): models += list
            case .failure(let error): failures.append(Failure(provider: provider.id.rawValue, error: error.description))
            }
        }
        if json {
            struct Output: Encodable { var models: [ModelInfo]; var errors: [Failure] }
            Terminal.out(try JSONOutput.encode(Output(models: models, errors: failures)) + "\n")
        } else {
            Terminal.line(ModelTable.text(providers: providers, models: models, failures: Dictionary(failures.map { ($0.provider, $0.error) }) { first, _ in first }))
        }
        let listedAny = providers.contains { provider in provider.id != .demo && models.contains { $0.provider == provider.id } }
        if !listedAny && !(providers.count == 1 && providers[0].id == .demo) { throw ExitCodeError.failure }
    }

    /// The provider's models, with Ollama's context lengths from `/api/show`.
    private static func models(of provider: any ChatProvider) async -> Result<[ModelInfo], ProviderError> {
        if let unavailable = provider.unavailability {
            return .failure(ProviderError(.notConfigured, unavailable.state.rawValue, hint: unavailable.reason))
        }
        do {
            return .success(await provider.details(of: try await provider.listModels()))
        } catch let error as ProviderError {
            return .failure(error)
        } catch {
            return .failure(ProviderError(.connectionFailed, "\(error)"))
        }
    }
}

/// The text form of `parley models`: one block per provider.
enum ModelTable {
    static func text(providers: [any ChatProvider], models: [ModelInfo], failures: [String: String]) -> String {
        var lines: [String] = []
        for provider in providers {
            let place = provider.baseURL.isEmpty ? "built in" : provider.baseURL
            lines.append("\(provider.id) (\(place))")
            if let failure = failures[provider.id.rawValue] {
                lines.append("  \(failure)")
                continue
            }
            let own = models.filter { $0.provider == provider.id }
            if own.isEmpty { lines.append("  (no models)") }
            let width = own.map(\.name.count).max() ?? 0
            for model in own {
                lines.append("  " + model.name.padding(toLength: width + 2, withPad: " ", startingAt: 0) + describe(model))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func describe(_ model: ModelInfo) -> String {
        ModelFacts.of(model).joined(separator: "  ")
    }
}

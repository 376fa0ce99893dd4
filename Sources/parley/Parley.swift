import ArgumentParser
import Foundation

/// `parley`: a full-screen chat for large language models on Ollama, OpenRouter and any
/// OpenAI-compatible server. Each subcommand is wiring only; the work lives in the libraries.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Chat with language models on Ollama, OpenRouter and OpenAI-compatible servers.",
        discussion: """
        Settings come from flags, then the environment, then .env in the working directory, \
        then defaults. 'parley config' shows every effective value and where it came from.
        Exit status: 0 success, 1 failure, 2 usage or configuration error.
        """,
        subcommands: [ChatCommand.self, AskCommand.self, ModelsCommand.self, ProvidersCommand.self, HealthCommand.self, SearchCommand.self, ExportCommand.self, ConfigCommand.self, ServeCommand.self, PullCommand.self, RemoveCommand.self, LoadedCommand.self, ShowCommand.self, UsageCommand.self],
        defaultSubcommand: ChatCommand.self
    )

    /// Runs the command, with usage errors exiting 2 (ArgumentParser's own is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCodeError {
            Foundation.exit(error.status)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(ExitCodeError.usage.status)
            }
            exit(withError: error)
        }
    }
}

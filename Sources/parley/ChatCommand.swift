import ArgumentParser
import ChatApp
import ChatCore
import CursesTerminal
import Foundation
import Providers
import TerminalUI

/// `parley` (or `parley chat`): the full-screen chat.
struct ChatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chat",
        abstract: "The full-screen chat (the default when no command is given)."
    )

    @OptionGroup var options: ConfigOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Model to start with: ollama:llama2, openrouter:…, or bare.", valueName: "model"))
    var model: String?

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let (theme, themeProblem) = ThemeLibrary.load(setup.settings.theme, dataDirectory: setup.settings.dataDirectory)
        var state = AppState(
            size: Size(width: 80, height: 24), theme: theme, providers: setup.registry.ids,
            defaultProvider: setup.registry.defaultProvider
        )
        state.model = model ?? ""
        state.defaultModels = Dictionary(uniqueKeysWithValues: setup.registry.providers.map { ($0.id, $0.defaultModel) })
        if let themeProblem {
            setup.logger.warning("\(themeProblem)")
            state.entries.append(.note(themeProblem, .warning))
        }
        let services = ChatServices(registry: setup.registry, monitor: setup.monitor, router: setup.router)
        let initial = state
        // The screen runs on a thread of its own: curses must stay on one thread, and the
        // loop blocks while it waits for input.
        let failure: String? = await withCheckedContinuation { continuation in
            let thread = Thread {
                do {
                    let backend = try CursesBackend()
                    let runtime = Runtime(backend: backend, state: initial, services: services)
                    runtime.run()
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: "\(error)")
                }
            }
            thread.name = "parley-screen"
            thread.start()
        }
        await setup.client.shutdown()
        if let failure {
            Terminal.error(failure)
            throw ExitCodeError.usage
        }
    }
}

import ArgumentParser
import ChatApp
import ChatCore
import CursesTerminal
import Foundation
import Providers
import Storage
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

    @Flag(name: .customLong("continue"), help: "Continue the last conversation.")
    var continueLast = false

    @Option(name: .customLong("resume"), help: ArgumentHelp("Continue the conversation with this id.", valueName: "id"))
    var resume: String?

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let (theme, themeProblem) = ThemeLibrary.load(setup.settings.theme, dataDirectory: setup.settings.dataDirectory)
        var state = AppState(
            size: Size(width: 80, height: 24), theme: theme, providers: setup.registry.ids,
            defaultProvider: setup.registry.defaultProvider
        )
        let (keymap, keymapProblems) = Keymap.load(from: setup.settings.keymap)
        state.keymap = keymap
        state.model = model ?? ""
        state.defaultModels = Dictionary(uniqueKeysWithValues: setup.registry.providers.map { ($0.id, $0.defaultModel) })
        state.pullTargets = setup.registry.managing.map(\.id)
        state.pools = Dictionary(setup.registry.providers.compactMap { ($0 as? ProviderPool).map { ($0.id, $0.memberIDs) } }) { first, _ in first }
        // Before the screen opens: reading back a damaged store can take seconds, and says so.
        let (store, storeProblem) = ConversationStore.open(at: StoreLocation.path(dataDirectory: setup.settings.dataDirectory), beforeReadingBack: Terminal.error)
        if let store {
            do {
                try restore(into: &state, from: store)
            } catch let error as ExitCodeError {
                throw error
            } catch {
                // A damaged store must not keep the chat from opening: say so and start fresh.
                state.entries.append(.note("The saved conversation could not be read (\(error)); starting a new one.", .error))
            }
        }
        for warning in setup.warnings { state.entries.append(.note(warning, .warning)) }
        // Without a store the chat still opens; the user must know nothing of it is kept.
        let unsaved = store == nil ? storeProblem.map { "\($0). This conversation is not being saved." } : storeProblem
        for problem in [themeProblem].compactMap({ $0 }) + keymapProblems + [unsaved].compactMap({ $0 }) {
            setup.logger.warning("\(problem)")
            state.entries.append(.note(problem, .warning))
        }
        let archive = store.map { StoreArchive(store: $0) }
        let services = ChatServices(registry: setup.registry, monitor: setup.monitor, router: setup.router, archive: archive, logger: setup.logger,
                                    chatExecutor: setup.client.readingExecutor)
        let initial = state
        // The screen runs on a thread of its own: curses must stay on one thread, and the
        // loop blocks while it waits for input.
        let failure: String? = await withCheckedContinuation { continuation in
            NamedThread.start("parley-screen") {
                do {
                    let backend = try CursesBackend()
                    let runtime = Runtime(backend: backend, state: initial, services: services)
                    runtime.run()
                    if runtime.unsavedAtExit {
                        Terminal.error("the last changes to this conversation could not be saved: the conversation store kept failing (see the notes on screen)")
                    }
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(returning: "\(error)")
                }
            }
        }
        await setup.client.shutdown()
        if let failure {
            Terminal.error(failure)
            throw ExitCodeError.usage
        }
    }

    /// `--continue` and `--resume ID`: the saved conversation, with its own settings.
    private func restore(into state: inout AppState, from store: ConversationStore) throws {
        guard continueLast || resume != nil else { return }
        let found = try resume.map { try store.conversation(id: $0) } ?? store.latest()
        guard let conversation = found else {
            if let resume {
                Terminal.error("no saved conversation has the id \(resume)")
                throw ExitCodeError.usage
            }
            return
        }
        let archive = StoreArchive(store: store)
        guard let saved = try archive.load(conversationID: conversation.id, showing: nil) else { return }
        // Nothing is on screen yet: there is no conversation to leave, so nothing to keep.
        _ = state.open(saved)
        if let model { state.model = model }
    }
}

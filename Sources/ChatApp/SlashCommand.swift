import ChatCore

/// A slash command of the chat screen: its names, what it takes, what the help says of it, and
/// what it does. `SlashCommand.all` is the one list that the parser, the help overlay, the
/// note for an unknown command and README's command table read.
struct SlashCommand: Sendable {
    /// What follows the command's name.
    enum Argument: Sendable {
        /// Nothing: a stray word is a typo, and the command is not run (`/delete now` must not
        /// ask to delete).
        case none
        /// Something or nothing; the word the help shows.
        case optional(String)
        /// Something; without it the command says what it takes (`what`) with an example.
        case required(String, what: String, example: String)
        /// The command reads and checks it itself.
        case checked(String)
    }

    /// The first is the one the help shows; the others are aliases.
    var names: [String]
    var argument: Argument
    var help: String
    var run: @Sendable (inout AppState, String) -> [Effect]

    /// `/model NAME`, as the help and README show it.
    var usage: String {
        let shown = names.first.map { "/\($0)" } ?? ""
        let aliases = names.dropFirst().map { "/\($0)" }
        let word: String? = switch argument {
        case .none: nil
        case .optional(let word), .required(let word, _, _), .checked(let word): word
        }
        return [shown + (word.map { " " + $0 } ?? ""), aliases.isEmpty ? nil : "(\(aliases.joined(separator: ", ")))"]
            .compactMap { $0 }.joined(separator: " ")
    }

    /// The command named `name`, if there is one.
    static func named(_ name: String) -> SlashCommand? {
        all.first { $0.names.contains(name) }
    }

    /// Runs `text` (`/name argument`) on `state`: the command, or a note saying what went wrong.
    static func run(_ text: String, on state: inout AppState) -> [Effect] {
        let parts = text.dropFirst().split(separator: " ", maxSplits: 1).map(String.init)
        let name = parts.first?.lowercased() ?? ""
        let argument = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
        guard let command = named(name) else {
            state.entries.append(.note("Unknown command /\(name). Commands: \(all.map { "/\($0.names[0])" }.joined(separator: ", ")); \(state.keymap.key(.help)) shows what each does.", .error))
            return []
        }
        switch command.argument {
        case .none where !argument.isEmpty:
            state.entries.append(.note("/\(name) takes no argument; nothing was done. (\(state.keymap.key(.help)) lists every command.)", .error))
            return []
        case .required(_, let what, let example) where argument.isEmpty:
            state.entries.append(.note("/\(name) takes \(what), e.g. /\(name) \(example)", .error))
            return []
        default:
            return command.run(&state, argument)
        }
    }

    static let all: [SlashCommand] = [
        SlashCommand(names: ["model"], argument: .optional("NAME"), help: "use this model (provider:model or bare); alone, says which is in use") { state, name in
            guard !name.isEmpty else {
                state.entries.append(.note("Model: \(state.modelLabel). Use /model NAME (e.g. /model ollama:llama2) or \(state.keymap.key(.pickModel)) to pick."))
                return []
            }
            return state.selectModel(name)
        },
        SlashCommand(names: ["models"], argument: .none, help: "every provider's models, to pick from") { state, _ in
            state.openModelPicker()
            return []
        },
        SlashCommand(names: ["providers"], argument: .none, help: "every provider and its health") { state, _ in
            state.entries.append(.note(state.providerSummary()))
            return []
        },
        SlashCommand(names: ["default"], argument: .checked("PROVIDER"), help: "where bare model names go first") { state, argument in
            let provider = ProviderID(argument)
            guard state.providerOrder.contains(provider) else {
                state.entries.append(.note("/default takes a provider: \(state.providerOrder.map(\.rawValue).joined(separator: ", "))", .error))
                return []
            }
            state.defaultProvider = provider
            state.entries.append(.note("Default provider: \(provider). Bare model names go there first."))
            return [.setDefaultProvider(provider)]
        },
        SlashCommand(names: ["health"], argument: .none, help: "check every provider now") { state, _ in
            state.entries.append(.note("Checking every provider now…"))
            return [.checkHealth(nil)]
        },
        SlashCommand(names: ["new"], argument: .none, help: "start a new conversation (this one stays saved)") { state, _ in
            state.startNewConversation(keepingThisOne: true, note: "New conversation. The previous one is saved; 'parley --continue' or search brings it back.")
        },
        SlashCommand(names: ["clear"], argument: .none, help: "start a new, empty conversation (this one stays saved)") { state, _ in
            state.startNewConversation(keepingThisOne: true, note: nil)
        },
        SlashCommand(names: ["rename"], argument: .required("TITLE", what: "a title", example: "Retry strategies"), help: "give this conversation a title") { state, title in
            state.customTitle = title
            state.entries.append(.note("Renamed to “\(title)”."))
            return []
        },
        SlashCommand(names: ["chats"], argument: .none, help: "saved conversations; Enter opens one") { _, _ in
            [.listConversations]
        },
        SlashCommand(names: ["search"], argument: .required("WORDS", what: "words", example: "retry backoff"), help: "every saved conversation; Enter opens it at the hit") { _, words in
            [.search(words)]
        },
        SlashCommand(names: ["delete"], argument: .none, help: "delete this conversation for good (asks first)") { state, _ in
            state.overlay = .confirmDelete
            return []
        },
        SlashCommand(names: ["system"], argument: .optional("TEXT"), help: "the system prompt; alone, clears it") { state, text in
            state.systemPrompt = text.isEmpty ? nil : text
            state.entries.append(.note(text.isEmpty ? "System prompt cleared." : "System prompt set."))
            return []
        },
        SlashCommand(names: ["temperature"], argument: .checked("T"), help: "0 to 2 (also /set temperature T)") { state, value in
            state.setTemperature(value)
        },
        SlashCommand(names: ["set"], argument: .checked("SETTING VALUE"), help: "/set temperature T, /set max-tokens N (the longest answer, or off)") { state, argument in
            state.setting(argument)
        },
        SlashCommand(names: ["compare"], argument: .checked("[--parallel] MODEL MODEL [MODEL [MODEL]]"), help: "the next message goes to 2–4 models side by side, models on one Ollama host one after the other unless --parallel; pick the answer to go on with (off drops it)") { state, models in
            state.compare(models)
        },
        SlashCommand(names: ["pick"], argument: .required("N", what: "the number of an answer", example: "2"), help: "after /compare: go on with answer N; the others stay as its siblings") { state, number in
            guard let number = Int(number) else {
                state.entries.append(.note("/pick takes the number of an answer, e.g. /pick 2", .error))
                return []
            }
            return state.pickAnswer(number)
        },
        SlashCommand(names: ["regenerate", "regen"], argument: .optional("[MODEL]"), help: "a new answer beside the one under the cursor (or the last), from MODEL or the model in use; the old one stays as a branch") { state, model in
            state.regenerate(using: model.isEmpty ? nil : model)
        },
        SlashCommand(names: ["fork"], argument: .none, help: "a new conversation holding this branch up to the message under the cursor (all of it without one)") { state, _ in
            state.fork()
        },
        SlashCommand(names: ["export"], argument: .required("FILE.md", what: "a file name", example: "chat.md (or .json)"), help: "write this conversation as Markdown (or .json)") { _, path in
            [.export(path: path)]
        },
        SlashCommand(names: ["copy"], argument: .checked("[code]"), help: "the last answer, or with code a code block, to the clipboard") { state, argument in
            guard ["", "code"].contains(argument) else {
                state.entries.append(.note("/copy takes nothing (the last answer) or 'code' (a code block); nothing was copied.", .error))
                return []
            }
            return state.copy(argument)
        },
        SlashCommand(names: ["help"], argument: .none, help: "every key and command") { state, _ in
            state.showHelp()
            return []
        },
        SlashCommand(names: ["quit", "exit", "q"], argument: .none, help: "leave Parley") { state, _ in
            state.stopAnswer() + [.quit]
        },
    ]
}

import Foundation
import ChatCore

/// Reads `PARLEY_PROVIDERS`: `NAME=KIND@URL` entries separated by commas, where KIND is
/// `ollama` or `openai` (any OpenAI-compatible server).
public enum ExtraProviderList {
    /// Names that belong to the built-in providers and to `auto`.
    public static let reservedNames: Set<String> = ["ollama", "openrouter", "demo", "auto"]

    /// One entry as written: the rest of its settings come from its `NAME_*` variables.
    public struct Entry: Hashable, Sendable {
        public var id: ProviderID
        public var kind: ProviderKind
        /// Without the user and password it may have held; those are in `credentials`.
        public var baseURL: String
        public var credentials: URLCredentials?
    }

    /// The providers `text` lists, and one message per entry that is wrong.
    public static func parse(_ text: String) -> (providers: [Entry], problems: [String]) {
        var providers: [Entry] = []
        var problems: [String] = []
        let entries = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for entry in entries {
            guard let equals = entry.firstIndex(of: "="), let at = entry[equals...].firstIndex(of: "@") else {
                problems.append("entry '\(entry)' is not NAME=ollama@URL or NAME=openai@URL")
                continue
            }
            let name = entry[..<equals].trimmingCharacters(in: .whitespaces)
            let kindText = entry[entry.index(after: equals)..<at].trimmingCharacters(in: .whitespaces).lowercased()
            let urlText = entry[entry.index(after: at)...].trimmingCharacters(in: .whitespaces)
            guard ProviderID.isValidName(name) else {
                problems.append("entry '\(entry)': name '\(name)' must start with a letter and hold only letters, digits, '-' and '_'")
                continue
            }
            guard !reservedNames.contains(name.lowercased()) else {
                problems.append("entry '\(entry)': name '\(name)' is taken by a built-in provider")
                continue
            }
            guard !providers.contains(where: { $0.id.rawValue == name }) else {
                problems.append("entry '\(entry)': name '\(name)' is used twice")
                continue
            }
            if let twin = providers.first(where: { $0.id.settingsPrefix == ProviderID(name).settingsPrefix }) {
                problems.append("entry '\(entry)': names '\(twin.id)' and '\(name)' would share the settings \(ProviderID(name).settingsPrefix)_*; rename one")
                continue
            }
            guard let kind = [ProviderKind.ollama, .openAICompatible].first(where: { $0.rawValue == kindText }) else {
                problems.append("entry '\(entry)': kind '\(kindText)' is not ollama or openai")
                continue
            }
            guard let url = BaseURL.normalized(urlText) else {
                problems.append("entry '\(entry)': '\(urlText)' is not an http:// or https:// URL")
                continue
            }
            let (stripped, credentials) = BaseURL.splittingCredentials(url)
            providers.append(Entry(id: ProviderID(name), kind: kind, baseURL: stripped, credentials: credentials))
        }
        return (providers, problems)
    }
}

import ChatCore

/// Reads `PARLEY_POOLS`: `NAME=MEMBER,MEMBER` (balanced: loaded first, then least busy) or
/// `NAME=MEMBER>MEMBER` (in priority order), several pools separated by `;` or `,` (a
/// part with `=` starts the next pool). Members are providers: `ollama`, `openrouter` or
/// `PARLEY_PROVIDERS` names.
public enum ProviderPoolList {
    /// The pools `text` lists, and one message per part that is wrong. `providers` are the
    /// names a member may have.
    public static func parse(_ text: String, providers: [ProviderID]) -> (pools: [ProviderPoolSettings], problems: [String]) {
        var pools: [ProviderPoolSettings] = []
        var problems: [String] = []
        var groups: [(name: String, members: [String])] = []
        for part in text.split(whereSeparator: { $0 == "," || $0 == ";" }).map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if let equals = part.firstIndex(of: "=") {
                groups.append((String(part[..<equals]).trimmingCharacters(in: .whitespaces), [String(part[part.index(after: equals)...])]))
            } else if groups.isEmpty {
                problems.append("'\(part)' is not NAME=MEMBER,MEMBER or NAME=MEMBER>MEMBER")
            } else {
                groups[groups.count - 1].members.append(part)
            }
        }
        for (name, parts) in groups {
            let entry = "\(name)=\(parts.joined(separator: ","))"
            guard ProviderID.isValidName(name) else {
                problems.append("pool '\(entry)': name '\(name)' must start with a letter and hold only letters, digits, '-' and '_'")
                continue
            }
            guard !ExtraProviderList.reservedNames.contains(name.lowercased()), !providers.contains(ProviderID(name)) else {
                problems.append("pool '\(entry)': name '\(name)' is already a provider's")
                continue
            }
            guard !pools.contains(where: { $0.id.rawValue == name }) else {
                problems.append("pool '\(entry)': name '\(name)' is used twice")
                continue
            }
            let prioritised = parts.contains { $0.contains(">") }
            guard !prioritised || parts.count == 1 else {
                problems.append("pool '\(entry)': write its members with ',' (balanced) or with '>' (in priority order), not both")
                continue
            }
            let members = parts.flatMap { $0.split(separator: ">") }.map { ProviderID($0.trimmingCharacters(in: .whitespaces)) }
            if members.isEmpty || members.contains(where: { $0.rawValue.isEmpty }) {
                problems.append("pool '\(entry)': a member's name is missing")
                continue
            }
            if let unknown = members.first(where: { !providers.contains($0) || $0 == .demo }) {
                let known = providers.filter { $0 != .demo }.map(\.rawValue).joined(separator: ", ")
                problems.append("pool '\(entry)': '\(unknown)' is not a provider (members may be: \(known))")
                continue
            }
            if let twice = members.first(where: { member in members.filter { $0 == member }.count > 1 }) {
                problems.append("pool '\(entry)': '\(twice)' is listed twice")
                continue
            }
            pools.append(ProviderPoolSettings(id: ProviderID(name), members: members, order: prioritised ? .priority : .balanced))
        }
        return (pools, problems)
    }
}

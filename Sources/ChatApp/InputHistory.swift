/// What was sent before, for Up and Down in the input box. Browsing keeps the draft that was
/// being typed and gives it back at the bottom.
public struct InputHistory: Hashable, Sendable {
    public private(set) var entries: [String] = []
    private var position: Int?
    private var draft = ""

    public init() {}

    public mutating func record(_ text: String) {
        if entries.last != text { entries.append(text) }
        if entries.count > 500 { entries.removeFirst(entries.count - 500) }
        position = nil
    }

    /// The entry before the one shown (or the newest), saving `current` as the draft.
    public mutating func previous(current: String) -> String? {
        guard !entries.isEmpty else { return nil }
        if position == nil { draft = current }
        let next = max((position ?? entries.count) - 1, 0)
        position = next
        return entries[next]
    }

    /// The entry after the one shown, or the draft past the newest.
    public mutating func next() -> String? {
        guard let current = position else { return nil }
        if current + 1 < entries.count {
            position = current + 1
            return entries[current + 1]
        }
        position = nil
        return draft
    }
}

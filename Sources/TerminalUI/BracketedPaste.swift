/// Gathers one bracketed paste (`ESC [200~ … ESC [201~`) however it arrives: in pieces over
/// several reads, with pauses between them (as over ssh), of any size. The result is one
/// paste event, or one refusal with the paste's size when it is larger than the message box
/// takes; never a run of keys, so a pasted line break can never send a message.
public struct BracketedPaste: Sendable {
    /// The most a paste may hold, in bytes of UTF-8.
    public static let longestPasteBytes = 4 * 1024 * 1024
    /// The end marker lost (a terminal that never sends it): after this long with nothing more,
    /// what arrived is the paste.
    public static let silenceEndsPaste = Duration.seconds(2)

    private static let end: [UInt32] = Array("\u{1B}[201~".unicodeScalars.map(\.value))

    private var text = String.UnicodeScalarView()
    private var bytes = 0
    /// The last scalars seen, to find the end marker across pieces.
    private var tail: [UInt32] = []
    private var lastInput: Duration

    /// A paste that has just begun (its start marker read) at `now`. Times are readings of
    /// one monotonic clock (time since the backend started), so a test can pass its own.
    public init(startedAt now: Duration) {
        lastInput = now
    }

    /// Takes one scalar of the paste; returns the finished event when it was the end marker's last.
    public mutating func take(_ value: UInt32, at now: Duration) -> InputEvent? {
        lastInput = now
        tail.append(value)
        if tail.count > Self.end.count { tail.removeFirst(tail.count - Self.end.count) }
        if tail == Self.end { return finished() }
        // Held back until it is known not to be the start of the end marker.
        guard tail.count == Self.end.count else { return nil }
        append(tail[0])
        return nil
    }

    /// When what arrived is the paste, if nothing more comes: the end marker is not still coming.
    public var completesAt: Duration { lastInput + Self.silenceEndsPaste }

    /// The paste when input has been silent too long for the end marker to be still coming.
    public mutating func expire(at now: Duration) -> InputEvent? {
        guard now >= completesAt else { return nil }
        // What was held back as a possible start of the end marker is text after all (the
        // first of a full tail went into the text already).
        let held = tail.count == Self.end.count ? Array(tail.dropFirst()) : tail
        tail = []
        for value in held { append(value) }
        return finished()
    }

    private mutating func append(_ value: UInt32) {
        guard let scalar = Unicode.Scalar(value) else { return }
        bytes += UTF8.width(scalar)
        // Past the limit only the size is counted: the text is refused whole.
        guard bytes <= Self.longestPasteBytes else { return }
        text.append(scalar == "\r" ? "\n" : scalar)
    }

    private func finished() -> InputEvent {
        bytes > Self.longestPasteBytes ? .refusedPaste(bytes: bytes) : .paste(String(text))
    }
}

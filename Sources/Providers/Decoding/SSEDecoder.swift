import ChatCore

/// Server-sent events, interpreted as the WHATWG spec says: `data` lines joined by `\n`,
/// dispatch on a blank line, `:` comments ignored (but counted, as a sign of life), one space
/// after the colon stripped, `event`, `id` and `retry` fields. Incremental over arbitrary chunks.
///
/// One deliberate extension: older llama.cpp servers report a mid-stream failure as a field
/// line named `error`, which the spec would silently drop. It is delivered at once as an
/// event of type `error` so the failure reaches the user.
public struct SSEDecoder: StreamFraming {
    private var splitter: LineSplitter
    private var data: [UInt8] = []
    private var eventType: String?
    private var lastEventID: String?
    /// Comment lines seen so far (OpenRouter sends `: OPENROUTER PROCESSING` while it waits).
    public private(set) var commentCount = 0
    /// Reconnection time asked for by a `retry:` field, in milliseconds.
    public private(set) var retryMilliseconds: Int?
    /// Set by `finish` when the stream ended in the middle of an event (no blank line after it).
    public private(set) var endedMidEvent = false

    public init(maxLineBytes: Int = LineSplitter.defaultMaxLineBytes) {
        splitter = LineSplitter(maxLineBytes: maxLineBytes)
    }

    /// Feeds one chunk; `each` receives each event completed by it.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer, each onEvent: (SSEEvent) throws -> Void) throws {
        var splitter = takeSplitter()
        defer { self.splitter = splitter }
        try splitter.feed(chunk) { line in try self.process(line, onEvent: onEvent) }
    }

    /// Ends the stream. Unlike the spec, an event left without its blank line is still
    /// delivered (servers that close early should not lose their last words), and
    /// `endedMidEvent` records it.
    public mutating func finish(each onEvent: (SSEEvent) throws -> Void) throws {
        var splitter = takeSplitter()
        defer { self.splitter = splitter }
        try splitter.finish { line in try self.process(line, onEvent: onEvent) }
        if !data.isEmpty {
            endedMidEvent = true
            try dispatch(onEvent)
        }
    }

    /// Moves the splitter out so that its buffer stays uniquely owned while `process`
    /// mutates the rest of `self` (a plain copy would copy the buffer on every append).
    private mutating func takeSplitter() -> LineSplitter {
        let splitter = self.splitter
        self.splitter = LineSplitter(maxLineBytes: splitter.maxLineBytes)
        return splitter
    }

    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    private mutating func process(_ line: UnsafeRawBufferPointer, onEvent: (SSEEvent) throws -> Void) throws {
        guard let first = line.first else {
            try dispatch(onEvent)
            return
        }
        if first == Self.colon {
            commentCount += 1
            return
        }
        let colonIndex = line.firstIndex(of: Self.colon)
        let name = UnsafeRawBufferPointer(rebasing: line[..<(colonIndex ?? line.count)])
        var valueStart = colonIndex.map { $0 + 1 } ?? line.count
        if valueStart < line.count && line[valueStart] == Self.space { valueStart += 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart...])
        switch Field(name) {
        case .data:
            // An event is capped as a line is: `data:` lines without the blank line that ends
            // an event would otherwise grow it without end.
            guard data.count + value.count + 1 <= splitter.maxLineBytes else {
                throw ProviderError(
                    .lineTooLong,
                    "the server sent an event longer than \(splitter.maxLineBytes / (1024 * 1024)) MiB (data lines with no blank line to end them); the stream was stopped",
                    hint: "the reply so far is kept; retry, or pick another model"
                )
            }
            data.append(contentsOf: value)
            data.append(0x0A)
        case .event:
            eventType = String(decoding: value, as: UTF8.self)
        case .id:
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case .retry:
            if !value.isEmpty, value.allSatisfy({ (0x30...0x39).contains($0) }) {
                retryMilliseconds = Int(String(decoding: value, as: UTF8.self))
            }
        case .error:
            try onEvent(SSEEvent(type: "error", data: String(decoding: value, as: UTF8.self), lastEventID: lastEventID))
        case .other:
            break
        }
    }

    private mutating func dispatch(_ onEvent: (SSEEvent) throws -> Void) throws {
        defer {
            data.removeAll(keepingCapacity: true)
            eventType = nil
        }
        guard !data.isEmpty else { return }
        let text = data.withUnsafeBufferPointer { String(decoding: $0.dropLast(), as: UTF8.self) }
        try onEvent(SSEEvent(type: eventType ?? "message", data: text, lastEventID: lastEventID))
    }

    private enum Field {
        case data, event, id, retry, error, other

        init(_ name: UnsafeRawBufferPointer) {
            switch name.count {
            case 4 where name.elementsEqual("data".utf8): self = .data
            case 5 where name.elementsEqual("event".utf8): self = .event
            case 2 where name.elementsEqual("id".utf8): self = .id
            case 5 where name.elementsEqual("retry".utf8): self = .retry
            case 5 where name.elementsEqual("error".utf8): self = .error
            default: self = .other
            }
        }
    }
}

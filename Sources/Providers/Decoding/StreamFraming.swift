/// How a stream's bytes are cut into units: NDJSON lines (`NDJSONDecoder`) or SSE events
/// (`SSEDecoder`), incrementally over chunks split anywhere.
public protocol StreamFraming: Sendable {
    /// What each unit is: a line's bytes, or an event.
    associatedtype Unit

    init(maxLineBytes: Int)
    /// Feeds one chunk; `each` receives every unit it completes.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, each: (Unit) throws -> Void) throws
    /// Ends the stream, delivering a unit left without its terminator.
    mutating func finish(each: (Unit) throws -> Void) throws
}

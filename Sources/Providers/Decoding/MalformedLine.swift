import ChatCore

/// Builds the error for a stream line that is not the JSON it should be.
enum MalformedLine {
    static func error(_ line: UnsafeRawBufferPointer) -> ProviderError {
        let preview = String(decoding: line.prefix(120), as: UTF8.self)
        let ellipsis = line.count > 120 ? "…" : ""
        return ProviderError(
            .malformedStream,
            "the server sent a stream line that is not valid JSON: \(preview)\(ellipsis)",
            hint: "the reply so far is kept; try again, or switch provider if it keeps happening"
        )
    }

    /// Invalid UTF-8 inside a JSON string fails a strict decoder; replacing it with U+FFFD
    /// first keeps the rest of the line, as the fast path does.
    static func repairingUTF8(_ line: UnsafeRawBufferPointer) -> [UInt8]? {
        let repaired = Array(String(decoding: line, as: UTF8.self).utf8)
        return repaired.elementsEqual(line) ? nil : repaired
    }
}

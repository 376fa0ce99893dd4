import ChatApp
import ChatCore
import Foundation
import Providers
import Storage
import TerminalUI

/// One piece of Parley that takes bytes from outside, driven by arbitrary input. Each target
/// checks the properties that must hold for every input (not only that nothing crashes) and
/// traps when one does not, so libFuzzer records the input as a finding.
enum FuzzTarget: String, CaseIterable, Sendable {
    /// Ollama's NDJSON chat stream, cut into chunks at every size the first byte picks.
    case ndjson
    /// An OpenAI-compatible SSE chat stream, cut the same way.
    case sse
    /// The `.env` reader and the settings loader over what it read.
    case dotenv
    /// The theme file reader.
    case theme
    /// The markdown renderer, whole and fed token by token as a stream is.
    case markdown
    /// Terminal text: sanitising, display width, word wrap and writing into a cell grid.
    case width
    /// A damaged conversation store (file, and WAL when the first byte is odd) read back
    /// page by page.
    case store

    func run(_ data: [UInt8]) {
        switch self {
        case .ndjson: Self.decodeStream(data, ollama: true)
        case .sse: Self.decodeStream(data, ollama: false)
        case .dotenv: Self.readDotEnv(data)
        case .theme: Self.readTheme(data)
        case .markdown: Self.renderMarkdown(data)
        case .width: Self.wrapText(data)
        case .store: Self.readBackStore(data)
        }
    }

    /// The first byte picks a chunk size, so the same stream is tried at every split.
    private static func decodeStream(_ data: [UInt8], ollama: Bool) {
        guard let first = data.first else { return }
        let stream = Array(data.dropFirst())
        let chunk = 1 + Int(first % 64)
        let fast = decode(stream, chunk: chunk, ollama: ollama, fastPath: true)
        let full = decode(stream, chunk: stream.count + 1, ollama: ollama, fastPath: false)
        // The fast path is an optimisation: it must never change what the user is shown.
        check(fast == full, "fast path and full decode differ:\n\(fast)\n\(full)")
    }

    private struct Decoded: Equatable, CustomStringConvertible {
        var events: [ChatEvent] = []
        var failure: ProviderError.Kind?
        var description: String { "\(events) \(failure.map { "\($0)" } ?? "ok")" }
    }

    private static func decode(_ stream: [UInt8], chunk: Int, ollama: Bool, fastPath: Bool) -> Decoded {
        // A small line cap lets the fuzzer reach the over-long-line path in few bytes.
        let cap = 4096
        var ollamaDecoder = OllamaChatStreamDecoder(maxLineBytes: cap, usesFastPath: fastPath)
        var openAIDecoder = OpenAIChatStreamDecoder(maxLineBytes: cap, usesFastPath: fastPath)
        var result = Decoded()
        do {
            var start = 0
            while start < stream.count {
                let piece = Array(stream[start..<min(stream.count, start + chunk)])
                if ollama { try ollamaDecoder.decode(piece, into: &result.events) } else { try openAIDecoder.decode(piece, into: &result.events) }
                start += chunk
            }
            if ollama { try ollamaDecoder.finish(into: &result.events) } else { try openAIDecoder.finish(into: &result.events) }
        } catch let error as ProviderError {
            check(!error.message.isEmpty, "an error without a message")
            result.failure = error.kind
        } catch {
            check(false, "a decoder threw something other than ProviderError: \(error)")
        }
        // Text pieces are merged for the comparison: where a chunk boundary falls must not matter.
        result.events = merged(result.events)
        return result
    }

    private static func merged(_ events: [ChatEvent]) -> [ChatEvent] {
        var out: [ChatEvent] = []
        for event in events {
            switch (out.last, event) {
            case (.text(let a)?, .text(let b)): out[out.count - 1] = .text(a + b)
            case (.thinking(let a)?, .thinking(let b)): out[out.count - 1] = .thinking(a + b)
            default: out.append(event)
            }
        }
        return out
    }

    private static func readDotEnv(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        let file = DotEnvFile(parsing: text)
        for warning in file.warnings {
            check(warning.line >= 1, "a warning without a line: \(warning)")
        }
        for name in file.values.keys {
            check(!name.isEmpty && !name.contains("="), "a variable name the reader should not accept: \(name)")
        }
        _ = SettingsLoader.load(ConfigLayers(dotEnv: file.values))
    }

    private static func readTheme(_ data: [UInt8]) {
        let text = String(decoding: data, as: UTF8.self)
        do {
            let theme = try ThemeFile.parse(text, name: "fuzz", file: "fuzz.theme")
            check(theme.name == "fuzz", "the theme lost its name")
        } catch {
            check(error.line >= 0 && !error.message.isEmpty, "a theme problem that says nothing: \(error)")
        }
    }

    private static func renderMarkdown(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let width = 1 + Int(first % 100)
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let whole = MarkdownLayout(text, width: width, theme: .builtInDark)
        for line in whole.lines {
            check(fits(line.text, width), "a rendered line wider than \(width): \(line.text.debugDescription)")
            check(!line.text.unicodeScalars.contains(where: isRawControl), "a control character reached a rendered line: \(line.text.debugDescription)")
        }
        // Streamed a few characters at a time, as tokens arrive, the result must match.
        var streamed = MarkdownLayout("", width: width, theme: .builtInDark)
        var rest = Substring(text)
        let step = 1 + Int(first % 7)
        while !rest.isEmpty {
            streamed.append(String(rest.prefix(step)))
            rest = rest.dropFirst(step)
        }
        check(streamed.lines == whole.lines, "streamed markdown renders differently from the whole text")
    }

    private static func wrapText(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let width = Int(first % 120)
        let text = String(decoding: data.dropFirst(), as: UTF8.self)
        let safe = TerminalText.sanitized(text)
        check(!safe.unicodeScalars.contains(where: { isRawControl($0) && $0 != "\n" }), "sanitized text still holds a control character")
        check(TerminalText.sanitized(safe) == safe, "sanitizing is not idempotent")
        for line in WordWrap.lines(text, width: width) {
            check(fits(line, width), "a wrapped line wider than \(width): \(line.debugDescription)")
        }
        var grid = CellGrid(size: Size(width: max(width, 1), height: 3))
        let end = grid.put(text, x: Int(first % 5), y: 1, style: .plain)
        check(end <= grid.size.width, "writing ran past the grid: \(end)")
        for cell in grid.cells {
            check(!cell.text.unicodeScalars.contains(where: isRawControl), "a control character reached a cell: \(cell.text.debugDescription)")
        }
    }

    /// A line fits when it is no wider than the pane, or when it is one character (after a
    /// quote or list indent) that does not fit on its own (a wide character in a one-column
    /// pane), which the grid clips whole.
    private static func fits(_ line: String, _ width: Int) -> Bool {
        TextWidth.of(line) <= width || line.drop { " │•".contains($0) }.count == 1
    }

    /// C0, DEL, C1 and the bidi controls: what must never be written to a terminal raw.
    private static func isRawControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: true
        default: false
        }
    }

    /// Every message read back has its conversation (the new store's foreign key needs it),
    /// and no row is read back twice.
    private static func readBackStore(_ data: [UInt8]) {
        guard let first = data.first else { return }
        let bytes = Data(data.dropFirst())
        let split = first % 2 == 1 ? bytes.count / 2 : bytes.count
        let salvage = StoreSalvage(file: bytes.prefix(split), wal: split < bytes.count ? bytes.suffix(from: bytes.startIndex + split) : nil)
        func text(_ value: SQLiteRecordScanner.Value) -> String? {
            if case .text(let text) = value { return text }
            return nil
        }
        let conversationIDs = salvage.conversations.compactMap { text($0[0]) }
        check(conversationIDs.count == salvage.conversations.count && Set(conversationIDs).count == conversationIDs.count, "a conversation id missing or read twice")
        let messageIDs = salvage.messages.compactMap { text($0[0]) }
        check(messageIDs.count == salvage.messages.count && Set(messageIDs).count == messageIDs.count, "a message id missing or read twice")
        let known = Set(conversationIDs)
        check(salvage.messages.allSatisfy { text($0[1]).map(known.contains) == true }, "a message without its conversation")
    }

    private static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        guard !condition() else { return }
        FileHandle.standardError.write(Data("fuzz finding: \(message())\n".utf8))
        abort()
    }
}

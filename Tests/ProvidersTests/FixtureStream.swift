import ChatCore
import Foundation
import Providers

/// Loads a fixture and runs it through a chat stream decoder in any chunking, so tests can
/// compare the outcome of every split.
enum FixtureStream {
    static func bytes(_ name: String) throws -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return Array(try Data(contentsOf: url))
    }

    /// What a decoder made of a stream: its events and the kind of error that ended it, if any.
    struct Outcome: Equatable, CustomStringConvertible {
        var events: [ChatEvent]
        var error: ProviderError.Kind?

        var description: String { "\(events) error: \(error.map(\.rawValue) ?? "none")" }

        /// The answer text, joined.
        var text: String {
            events.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined()
        }

        var thinking: String {
            events.compactMap { if case .thinking(let text) = $0 { text } else { nil } }.joined()
        }
    }

    static func ollama(_ chunks: [ArraySlice<UInt8>], fastPath: Bool = true) -> Outcome {
        var decoder = OllamaChatStreamDecoder(usesFastPath: fastPath)
        return run(chunks, decode: { try decoder.decode(Array($0), into: &$1) }, finish: { try decoder.finish(into: &$0) })
    }

    static func openAI(_ chunks: [ArraySlice<UInt8>], fastPath: Bool = true) -> Outcome {
        var decoder = OpenAIChatStreamDecoder(usesFastPath: fastPath)
        return run(chunks, decode: { try decoder.decode(Array($0), into: &$1) }, finish: { try decoder.finish(into: &$0) })
    }

    private static func run(
        _ chunks: [ArraySlice<UInt8>],
        decode: (ArraySlice<UInt8>, inout [ChatEvent]) throws -> Void,
        finish: (inout [ChatEvent]) throws -> Void
    ) -> Outcome {
        var events: [ChatEvent] = []
        do {
            for chunk in chunks { try decode(chunk, &events) }
            try finish(&events)
            return Outcome(events: events, error: nil)
        } catch let error as ProviderError {
            return Outcome(events: events, error: error.kind)
        } catch {
            return Outcome(events: events, error: nil)
        }
    }

    /// The bytes cut in two at `index`.
    static func split(_ bytes: [UInt8], at index: Int) -> [ArraySlice<UInt8>] {
        [bytes[..<index], bytes[index...]]
    }

    /// The bytes one at a time.
    static func byteByByte(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        bytes.indices.map { bytes[$0...$0] }
    }
}

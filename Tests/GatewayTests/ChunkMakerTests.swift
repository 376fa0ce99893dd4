import Foundation
@testable import GatewayServer
import Testing

/// The chunk written once per token comes from a template; it must say what the encoder would.
@Suite struct ChunkMakerTests {
    private func object(_ event: [UInt8]) -> NSDictionary? {
        let text = String(decoding: event, as: UTF8.self)
        guard text.hasPrefix("data: "), text.hasSuffix("\n\n") else { return nil }
        return (try? JSONSerialization.jsonObject(with: Data(text.dropFirst(6).dropLast(2).utf8))) as? NSDictionary
    }

    @Test(arguments: ["plain", "quote \" and back\\slash", "lines\nand\ttabs\r", "bell \u{07} escape \u{1B}[2J", "ünïcødé ✓ 🦙", ""])
    func aTextChunkFromTheTemplateIsTheEncodersChunk(text: String) throws {
        let maker = ChunkMaker(id: "chatcmpl-\"x\"", created: 1_795_958_369, model: "ollama:llama2")
        for reasoning in [false, true] {
            var bytes: [UInt8] = []
            maker.delta(text, reasoning: reasoning, into: &bytes)
            let fast = try #require(object(bytes))
            let delta = reasoning ? CompletionChunk.Choice.Delta(reasoning: text) : CompletionChunk.Choice.Delta(content: text)
            let encoded = try #require(object(maker.make(delta)))
            #expect(fast == encoded)
        }
    }
}

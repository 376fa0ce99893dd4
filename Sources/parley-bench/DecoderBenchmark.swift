import ChatCore
import Foundation
import Providers

/// Decoder throughput: a 50 MB synthetic Ollama NDJSON stream and a 50 MB OpenRouter SSE
/// stream, fed in 16 KiB chunks (libcurl's usual write size) through the decoders down to
/// ChatEvents, with and without the fast path for delta lines.
enum DecoderBenchmark {
    static let targetBytes = 50 * 1024 * 1024
    static let chunkSize = 16 * 1024
    static let words = ["The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".", "\n", " 日本語", " naïve", " \"quoted\"", " tab\t", " 🇯🇵", " code: `x += 1`", " {json}", " and", " then"]

    /// About 50 MB of stream: `line` for each word (JSON-escaped), cycling through `words`.
    static func stream(opening: String, line: (String) -> String, every commentEvery: Int? = nil, closing: (Int) -> String) -> (bytes: [UInt8], chunks: Int) {
        var text = opening
        text.reserveCapacity(targetBytes + 1024)
        var count = 0
        while text.utf8.count < targetBytes {
            let word = words[count % words.count]
            text += line(String(decoding: (try? JSONEncoder().encode(word)) ?? Data("\"\"".utf8), as: UTF8.self))
            count += 1
            if let commentEvery, count % commentEvery == 0 { text += ": OPENROUTER PROCESSING\n\n" }
        }
        text += closing(count)
        return (Array(text.utf8), count)
    }

    static func ollamaStream() -> (bytes: [UInt8], chunks: Int) {
        let result = stream(opening: "", line: { #"{"model":"llama3.2","created_at":"2025-10-26T17:15:24.09Z","message":{"role":"assistant","content":\#($0)},"done":false}"# + "\n" }) { count in
            #"{"model":"llama3.2","created_at":"2025-10-26T17:15:30.1Z","message":{"role":"assistant","content":""},"done":true,"done_reason":"stop","total_duration":4883583458,"eval_count":\#(count),"eval_duration":4535599000}"# + "\n"
        }
        return (result.bytes, result.chunks + 1)
    }

    static func openRouterStream() -> (bytes: [UInt8], chunks: Int) {
        let result = stream(opening: ": OPENROUTER PROCESSING\n\n", line: { #"data: {"id":"gen-1761054747-abc","provider":"OpenAI","model":"openai/gpt-4o","object":"chat.completion.chunk","created":1761054747,"choices":[{"index":0,"delta":{"role":"assistant","content":\#($0)},"finish_reason":null,"native_finish_reason":null,"logprobs":null}]}"# + "\n\n" }, every: 500) { count in
            #"data: {"id":"gen-1","choices":[{"index":0,"delta":{"content":""},"finish_reason":"stop"}]}"# + "\n\n"
                + #"data: {"id":"gen-1","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":\#(count),"total_tokens":\#(count + 10)}}"# + "\n\n"
                + "data: [DONE]\n\n"
        }
        return (result.bytes, result.chunks + 3)
    }

    /// Runs a fresh decoder over the stream in chunks and finishes it, best of `runs`; returns
    /// seconds and events. `finish` throws if the stream did not decode to its end.
    static func measure(_ bytes: [UInt8], runs: Int, _ makeDecoder: () -> (UnsafeRawBufferPointer, inout [ChatEvent]) throws -> Void, finish: (inout [ChatEvent]) throws -> Void) throws -> (seconds: Double, events: Int) {
        var best = Double.infinity
        var eventCount = 0
        for _ in 0..<runs {
            let decode = makeDecoder()
            var events: [ChatEvent] = []
            events.reserveCapacity(64)
            var total = 0
            let start = ContinuousClock.now
            try bytes.withUnsafeBytes { all in
                var offset = 0
                while offset < all.count {
                    let end = min(offset + chunkSize, all.count)
                    try decode(UnsafeRawBufferPointer(rebasing: all[offset..<end]), &events)
                    total += events.count
                    events.removeAll(keepingCapacity: true)
                    offset = end
                }
            }
            try finish(&events)
            total += events.count
            let elapsed = ContinuousClock.now - start
            let seconds = elapsed.inSeconds
            best = min(best, seconds)
            eventCount = total
        }
        return (best, eventCount)
    }

    static func report(_ name: String, bytes: Int, chunks: Int, seconds: Double, events: Int) {
        let mb = Double(bytes) / 1_000_000
        print(String(format: "%@: %.1f MB, %d chat chunks in %.3f s = %.0f chunks/s, %.1f MB/s (%d events)",
                     name, mb, chunks, seconds, Double(chunks) / seconds, mb / seconds, events))
    }

    static func run(runs: Int) throws {
        let ollama = ollamaStream()
        let openRouter = openRouterStream()
        for fastPath in [true, false] {
            let label = fastPath ? "fast path" : "full JSON decode only"
            var ollamaDecoder = OllamaChatStreamDecoder(usesFastPath: fastPath)
            let ollamaResult = try measure(ollama.bytes, runs: runs, {
                ollamaDecoder = OllamaChatStreamDecoder(usesFastPath: fastPath)
                return { try ollamaDecoder.decode($0, into: &$1) }
            }, finish: { try ollamaDecoder.finish(into: &$0) })
            report("ollama ndjson (\(label))", bytes: ollama.bytes.count, chunks: ollama.chunks, seconds: ollamaResult.seconds, events: ollamaResult.events)

            var openAIDecoder = OpenAIChatStreamDecoder(usesFastPath: fastPath)
            let openAIResult = try measure(openRouter.bytes, runs: runs, {
                openAIDecoder = OpenAIChatStreamDecoder(usesFastPath: fastPath)
                return { try openAIDecoder.decode($0, into: &$1) }
            }, finish: { try openAIDecoder.finish(into: &$0) })
            report("openrouter sse (\(label))", bytes: openRouter.bytes.count, chunks: openRouter.chunks, seconds: openAIResult.seconds, events: openAIResult.events)
        }
    }
}

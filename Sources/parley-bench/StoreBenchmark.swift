import Foundation
import ChatCore
import Storage

/// The conversation store with 1,000 conversations of 100 messages each against an empty one:
/// opening it as `parley --continue` does (open, latest, its messages), memory, and search
/// latency. With a folder argument the big store is left there for the tmux benchmark.
enum StoreBenchmark {
    static let words = ["retry", "backoff", "jitter", "provider", "fallback", "stream", "token", "health", "latency",
                        "ollama", "router", "scatter", "terminal", "curses", "markdown", "search", "index", "swift",
                        "cancel", "timeout", "queue", "frame", "render", "sidebar", "model", "picker", "export"]

    /// A vocabulary of 5,000 made-up words drawn with a Zipf-like skew, as real text is: a few
    /// words everywhere, most words rare.
    static let vocabulary: [String] = (0..<5000).map { index in
        let syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "pa"]
        var value = index
        var word = ""
        repeat {
            word += syllables[value % syllables.count]
            value /= syllables.count
        } while value > 0
        return word
    }

    static func zipfWord(_ generator: inout SystemRandomNumberGenerator) -> String {
        let uniform = Double(generator.next() % 1_000_000) / 1_000_000
        let rank = Int(pow(Double(vocabulary.count), uniform)) - 1
        return vocabulary[max(0, min(rank, vocabulary.count - 1))]
    }

    static func fill(_ store: ConversationStore, conversations: Int, messages: Int) throws {
        var generator = SystemRandomNumberGenerator()
        let base = Date().addingTimeInterval(-Double(conversations) * 60)
        for index in 0..<conversations {
            let id = String(format: "conv-%05d", index)
            let date = base.addingTimeInterval(Double(index) * 60)
            try store.save(StoredConversation(id: id, title: "Conversation \(index) about \(words[index % words.count])", model: "ollama:llama2", systemPrompt: nil, temperature: nil, createdAt: date, updatedAt: date))
            var batch: [StoredMessage] = []
            for position in 0..<messages {
                var text = (0..<40).map { _ in zipfWord(&generator) }.joined(separator: " ")
                if generator.next() % 50 == 0 { text += " " + words[Int(generator.next() % UInt64(words.count))] }
                batch.append(StoredMessage(id: "\(id)-\(position)", conversationID: id, position: position, kind: position.isMultiple(of: 2) ? "user" : "assistant", text: text, thinking: "", status: .complete, outcome: nil, createdAt: date, updatedAt: date))
            }
            try store.save(batch)
        }
    }

    static func continueLast(_ path: String) throws -> Double {
        let start = ContinuousClock.now
        let store = ConversationStore.open(at: path).store!
        if let latest = try store.latest() { _ = try store.messages(of: latest.id) }
        return ((ContinuousClock.now - start).inSeconds * 1000)
    }

    static func residentMegabytes() -> Double {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0) / 1024
    }

    static func run(runs: Int, keepIn folder: String?) throws {
        let work = folder ?? NSTemporaryDirectory() + "parley-store-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if folder == nil { try? FileManager.default.removeItem(atPath: work) } }
        let emptyPath = work + "/empty/conversations.sqlite"
        let onePath = work + "/one/conversations.sqlite"
        let bigPath = work + "/big/conversations.sqlite"
        _ = ConversationStore.open(at: emptyPath)
        if !FileManager.default.fileExists(atPath: onePath) {
            try fill(ConversationStore.open(at: onePath).store!, conversations: 1, messages: 100)
        }
        if !FileManager.default.fileExists(atPath: bigPath) {
            let filling = ContinuousClock.now
            try fill(ConversationStore.open(at: bigPath).store!, conversations: 1000, messages: 100)
            print(String(format: "store: wrote 1,000 conversations x 100 messages in %.1f s", (ContinuousClock.now - filling).inSeconds))
        }
        let rssBefore = residentMegabytes()
        var empty: [Double] = []
        var one: [Double] = []
        var big: [Double] = []
        for _ in 0..<max(runs, 5) {
            empty.append(try continueLast(emptyPath))
            one.append(try continueLast(onePath))
            big.append(try continueLast(bigPath))
        }
        let rssAfter = residentMegabytes()
        let medianEmpty = empty.sorted()[empty.count / 2]
        let medianOne = one.sorted()[one.count / 2]
        let medianBig = big.sorted()[big.count / 2]
        print(String(format: "store: open + continue the last conversation: %.2f ms with 1,000x100 messages vs %.2f ms empty = %.2fx (goal <= 1.2x); RSS %.0f MB -> %.0f MB",
                     medianBig, medianEmpty, medianBig / medianEmpty, rssBefore, rssAfter))
        // The same 100 messages read from a store that holds nothing else: what the other 999
        // conversations cost, apart from reading the one continued.
        print(String(format: "store: the same, against a store holding only that conversation of 100 messages: %.2f ms vs %.2f ms = %.2fx",
                     medianBig, medianOne, medianBig / medianOne))
        let store = ConversationStore.open(at: bigPath).store!
        var latencies: [Double] = []
        var hits = 0
        for query in ["retry", "jitter", "kalo", "zzznotfound", "prov", "mine ruka", "ka"] {
            for _ in 0..<3 {
                let start = ContinuousClock.now
                hits += try store.search(query).count
                latencies.append(((ContinuousClock.now - start).inSeconds * 1000))
            }
        }
        print(String(format: "store: search over 100,000 messages: median %.1f ms, max %.1f ms (goal < 50 ms); %d hits in %d queries",
                     latencies.sorted()[latencies.count / 2], latencies.max() ?? 0, hits, latencies.count))
        try readBackDamaged(bigPath, in: work)
        try growingAnswer(in: work)
    }

    /// One answer growing to 1 MB, saved 1,000 times as it streams (1 KB more each time), then
    /// once complete: a save should cost what it adds, so the 1,000th costs about the 1st.
    static func growingAnswer(in work: String) throws {
        let path = work + "/growing/conversations.sqlite"
        try? FileManager.default.removeItem(atPath: work + "/growing")
        let store = ConversationStore.open(at: path).store!
        let date = Date()
        try store.save(StoredConversation(id: "growing", title: "A long answer", model: "ollama:llama2", systemPrompt: nil, temperature: nil, createdAt: date, updatedAt: date))
        var generator = SystemRandomNumberGenerator()
        var text = ""
        var times: [Double] = []
        for _ in 0..<1000 {
            while text.utf8.count < (times.count + 1) * 1024 { text += zipfWord(&generator) + " " }
            let message = StoredMessage(id: "answer", conversationID: "growing", position: 0, kind: "assistant", text: text, thinking: "", status: .streaming, outcome: nil, createdAt: date, updatedAt: Date())
            let start = ContinuousClock.now
            try store.save([message])
            times.append(((ContinuousClock.now - start).inSeconds * 1000))
        }
        let complete = StoredMessage(id: "answer", conversationID: "growing", position: 0, kind: "assistant", text: text, thinking: "", status: .complete, outcome: nil, createdAt: date, updatedAt: Date())
        let start = ContinuousClock.now
        try store.save([complete])
        let final = ((ContinuousClock.now - start).inSeconds * 1000)
        let late = times.suffix(10).sorted()[5]
        // The reference, in the same run: each save writing the whole text and indexing it
        // again, as saves did before they appended.
        var whole: [Double] = []
        for size in [1024, text.utf8.count] {
            let prefix = String(decoding: text.utf8.prefix(size), as: UTF8.self)
            let message = StoredMessage(id: "whole", conversationID: "growing", position: 1, kind: "assistant", text: prefix, thinking: "", status: .complete, outcome: nil, createdAt: date, updatedAt: Date())
            let start = ContinuousClock.now
            try store.save([message])
            whole.append(((ContinuousClock.now - start).inSeconds * 1000))
        }
        print(String(format: "store: a streaming answer growing to %.1f MB in 1,000 saves: 1st save %.2f ms, 1,000th %.2f ms (median of the last 10 %.2f ms = %.1fx the 1st; goal about 1x; written whole and re-indexed, as before, the 1st costs %.2f ms and the 1,000th %.1f ms); the complete answer saved and indexed once in %.1f ms",
                     Double(text.utf8.count) / 1e6, times[0], times[999], late, late / times[0], whole[0], whole[1], final))
        try? FileManager.default.removeItem(atPath: work + "/growing")
    }

    /// A copy of the big store with its header destroyed: how long the start that reads it
    /// back into a new store takes, and how much of it comes back.
    static func readBackDamaged(_ bigPath: String, in work: String) throws {
        let copy = work + "/damaged/conversations.sqlite"
        try? FileManager.default.removeItem(atPath: work + "/damaged")
        try FileManager.default.createDirectory(atPath: work + "/damaged", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bigPath, toPath: copy)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: copy))
        try handle.write(contentsOf: Data(repeating: 0xFF, count: 100))
        try handle.close()
        let start = ContinuousClock.now
        let (store, problem) = ConversationStore.open(at: copy)
        let elapsed = (ContinuousClock.now - start).inSeconds
        let size = (try FileManager.default.attributesOfItem(atPath: bigPath)[.size] as? Int) ?? 0
        let found = try store?.conversations(limit: 10_000).count ?? 0
        print(String(format: "store: a %.0f MB store with a destroyed header read back into a new one in %.1f s: %d of 1,000 conversations (%@)",
                     Double(size) / 1e6, elapsed, found, problem.map { String($0.split(separator: ";").last ?? "") } ?? "not damaged?"))
        try? FileManager.default.removeItem(atPath: work + "/damaged")
    }
}



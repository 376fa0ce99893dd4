import Foundation
@testable import Providers
import Testing

/// The progress of a pull, from status lines shaped as Ollama sends them.
@Suite struct PullProgressTests {
    private func lines(_ text: String) throws -> [PullStatusLine] {
        try text.split(separator: "\n").map { try JSONDecoder().decode(PullStatusLine.self, from: Data($0.utf8)) }
    }

    @Test func bytesAreSummedOverInterleavedLayersAndNeverGoBack() throws {
        // Two layers downloading side by side; the first line of each has no `completed`
        // (Ollama omits it while 0), and a stale line repeats a smaller figure.
        let stream = try lines("""
        {"status":"pulling manifest"}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":1000}
        {"status":"pulling bbbb","digest":"sha256:bbbb","total":200}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":1000,"completed":400}
        {"status":"pulling bbbb","digest":"sha256:bbbb","total":200,"completed":200}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":1000,"completed":300}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":1000,"completed":1000}
        {"status":"verifying sha256 digest"}
        {"status":"writing manifest"}
        {"status":"success"}
        """)
        var progress = PullProgress()
        var seen: [Int64] = []
        var phases: [PullProgress.Phase] = []
        for (index, line) in stream.enumerated() {
            progress.take(line, at: .seconds(index))
            seen.append(progress.completed)
            if phases.last != progress.phase { phases.append(progress.phase) }
        }
        #expect(seen == [0, 0, 0, 400, 600, 600, 1200, 1200, 1200, 1200])
        #expect(seen == seen.sorted(), "the bar never goes backwards")
        #expect(progress.total == 1200)
        #expect(progress.layers == 2)
        #expect(phases == [.manifest, .layers, .verifying, .writing, .done])
    }

    @Test func speedAndTimeLeftComeFromTheLastSeconds() throws {
        var progress = PullProgress()
        for second in 0...4 {
            progress.take(PullStatusLine(status: "pulling aaaa", digest: "sha256:aaaa", total: 1_000_000, completed: Int64(second) * 100_000), at: .seconds(second))
        }
        #expect(progress.bytesPerSecond == 100_000)
        #expect(progress.secondsLeft == 6)
        #expect(progress.fraction == 0.4)
    }

    @Test func absurdNumbersAreDroppedNotTrapped() throws {
        let stream = try lines("""
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":-5,"completed":1e400}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":9.3e18,"completed":"12"}
        {"status":"pulling aaaa","digest":"sha256:aaaa","total":100,"completed":250}
        """)
        var progress = PullProgress()
        for (index, line) in stream.enumerated() { progress.take(line, at: .seconds(index)) }
        #expect(progress.total == 100)
        #expect(progress.completed == 100, "completed is held to the layer's total")
    }

    @Test func aStreamNamingEndlessLayersIsNotBelieved() {
        var progress = PullProgress()
        for index in 0..<(PullProgress.mostLayers + 500) {
            progress.take(PullStatusLine(status: "pulling", digest: "sha256:\(index)", total: 1_000_000_000_000_000, completed: 1), at: .milliseconds(index))
        }
        #expect(progress.layers == PullProgress.mostLayers)
        #expect(progress.total == Int64(PullProgress.mostLayers) * 1_000_000_000_000_000)
    }
}

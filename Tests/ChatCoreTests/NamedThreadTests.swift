import ChatCore
import Foundation
import Testing

@Suite struct NamedThreadTests {
    @Test func theThreadCarriesItsNameWhereTheSystemShowsIt() async {
        let shown: String = await withCheckedContinuation { continuation in
            NamedThread.start("parley-test-thread-name") {
                let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                continuation.resume(returning: comm.trimmingCharacters(in: .newlines))
            }
        }
        #expect(shown == "parley-test-thr")
    }
}

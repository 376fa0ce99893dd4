import ChatCore
import Foundation
import ProviderSimulator
import Providers
import Testing

extension Integration {
    /// Chats run on the libcurl client's own thread (`CurlHTTPClient.readingExecutor`), as the
    /// chat screen runs them.
    @Suite struct ReadingExecutorTests {
        /// The name of the thread this runs on, as `/proc` has it.
        private static func threadName() -> String {
            (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8))?.trimmingCharacters(in: .newlines) ?? ""
        }

        @Test func aChatOnTheClientsExecutorIsReadOnItsThreadToTheEnd() async throws {
            try await ProviderHarness.with(reply: "one two three four five six seven eight") { harness in
                let chat = harness.router.chat(RoutedRequest(model: "ollama:llama2", messages: [Message(role: .user, content: "hi")]))
                let (run, threads) = await Task(executorPreference: harness.client.readingExecutor) {
                    var threads: Set<String> = []
                    let run = await harness.run(chat) { _ in threads.insert(Self.threadName()) }
                    return (run, threads)
                }.value
                #expect(run.error == nil)
                #expect(run.text == "one two three four five six seven eight")
                #expect(threads == ["parley-curl"])
            }
        }

        /// The deadline is found by the driver thread itself, which then has its reader's job
        /// to run before it waits again.
        @Test func aReaderWhoseFirstByteNeverComesFailsAtItsDeadline() async throws {
            let scenario = SimulatorScenario(defaultBehavior: ModelBehavior(tokens: 10, fault: .stallBeforeHeaders, stallSeconds: 60))
            try await SimulatorHarness.with(scenario) { harness in
                let request = harness.ollamaChat(timeouts: HTTPTimeouts(connect: .seconds(2), firstByte: .milliseconds(300), idle: .seconds(60)))
                let outcome = await Task(executorPreference: harness.client.readingExecutor) { () -> ProviderError? in
                    do {
                        _ = try await harness.client.send(request)
                        return nil
                    } catch {
                        return error as? ProviderError
                    }
                }.value
                #expect(outcome?.kind == .timedOut)
            }
        }

        @Test func aChatStillReadingWhenTheClientShutsDownEndsWithAnError() async throws {
            try await ProviderHarness.with(environment: ["OLLAMA_MAX_RETRIES": "0", "ENABLE_FALLBACK": "false"]) { harness in
                await harness.ollama.setBehavior(ModelBehavior(tokens: 10, fault: .stallMidStream, faultAfterTokens: 2, stallSeconds: 60), for: "llama2:latest")
                let chat = harness.router.chat(RoutedRequest(model: "ollama:llama2", messages: [Message(role: .user, content: "hi")], allowFallback: false))
                let (firstEvent, seen) = AsyncStream<Void>.makeStream()
                let reading = Task(executorPreference: harness.client.readingExecutor) { await harness.run(chat) { _ in seen.yield() } }
                for await _ in firstEvent { break }
                // The stream stalls after two tokens; the driver thread ends under the reader.
                await harness.client.shutdown()
                let run = await reading.value
                #expect(run.error != nil)
            }
        }
    }
}

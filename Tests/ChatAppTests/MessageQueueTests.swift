@testable import ChatApp
import ChatCore
import Testing

@Suite struct MessageQueueTests {
    @Test func streamedTextWaitsForTheFrameTheLoopIsAlreadyWaitingFor() {
        let queue = MessageQueue()
        _ = queue.take(waitingUpTo: .zero, textWaitsForFrame: true)
        queue.post(.chat(requestID: 1, .text("Hel")))
        queue.post(contentsOf: [.chat(requestID: 1, .text("lo")), .chat(requestID: 1, .text("!"))])
        #expect(!queue.isSignalled)
        queue.post(.input(.escape))
        #expect(queue.isSignalled)
        #expect(queue.takeAll().messages.count == 4)
    }

    @Test(arguments: [
        Msg.chat(requestID: 1, .thinking("hmm")),
        .chat(requestID: 1, .done(CompletionStats())),
        .input(.enter),
        .notice("saved", failed: false),
    ])
    func anythingButAnswerTextWakesTheLoopAtOnce(message: Msg) {
        let queue = MessageQueue()
        _ = queue.take(waitingUpTo: .zero, textWaitsForFrame: true)
        queue.post(message)
        #expect(queue.isSignalled)
    }

    @Test func withNoFrameDueTheFirstTokenWakesTheLoopAndTheRestOfTheBurstDoesNot() {
        let queue = MessageQueue()
        _ = queue.take(waitingUpTo: .zero, textWaitsForFrame: false)
        queue.post(.chat(requestID: 1, .text("Hel")))
        #expect(queue.isSignalled)
        queue.post(.chat(requestID: 1, .text("lo")))
        #expect(queue.takeAll().messages.count == 2)
        #expect(!queue.isSignalled)
    }

    @Test func textPostedWhileTheLoopWasBusyIsTakenBeforeItWaitsAgain() {
        let queue = MessageQueue()
        _ = queue.take(waitingUpTo: .zero, textWaitsForFrame: true)
        queue.post(.chat(requestID: 1, .text("late")))
        // The frame was drawn meanwhile: the next take waits for nothing in particular.
        #expect(queue.take(waitingUpTo: nil, textWaitsForFrame: false).messages.count == 1)
    }
}

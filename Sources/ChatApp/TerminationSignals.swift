import Dispatch
import Foundation

/// SIGINT, SIGTERM and SIGHUP, turned into `.terminate` messages (a clean quit that saves and
/// gives the terminal back) until `cancel`.
final class TerminationSignals {
    private var sources: [any DispatchSourceSignal] = []

    init(posting queue: MessageQueue) {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number)
            source.setEventHandler { queue.post(.terminate) }
            source.resume()
            sources.append(source)
        }
    }

    func cancel() {
        for source in sources { source.cancel() }
        sources = []
    }
}

import ChatCore
import Foundation
import Logging

/// What a routed chat's events say in the log, in the same words for `parley ask` and the chat
/// screen: each attempt, retry, skip and fallback, and how the answer ended. Errors come from
/// the providers already without keys or URL credentials; nothing the user typed is logged.
public enum ChatEventLog {
    /// The log line for `event`, or nil for events the log does not keep (text, thinking).
    public static func line(for event: ChatEvent) -> (level: Logger.Level, text: String)? {
        switch event {
        case .attempt(let target):
            return (.info, "asking \(target)")
        case .retry(let notice):
            return (.warning, "\(notice.target) failed (\(notice.reason)); retry \(notice.attempt)/\(notice.limit) in \(String(format: "%.1f", notice.delaySeconds)) s")
        case .fallback(let notice):
            return (.warning, "\(notice.from) failed (\(notice.reason)); falling back to \(notice.to)")
        case .skipped(let notice):
            return (.info, "skipping \(notice.provider): \(notice.reason)")
        case .queued(let notice):
            return (.info, "\(notice.target) waits for a free place (\(notice.busyText))")
        case .completed(let outcome):
            if let interruption = outcome.interruption {
                return (.error, "answer from \(outcome.answeredBy) broke off: \(interruption)")
            }
            let requested = outcome.fellBack ? " (requested \(outcome.requested))" : ""
            return (.info, "answered by \(outcome.answeredBy)\(requested) after \(outcome.attempts) attempt(s)")
        case .text, .thinking, .done:
            return nil
        }
    }

    /// The log line for a chat that got no answer at all.
    public static func line(forFailure error: any Error) -> (level: Logger.Level, text: String) {
        (.error, "no answer: \(error)")
    }

    /// Writes `line` to `logger`.
    public static func write(_ line: (level: Logger.Level, text: String), to logger: Logger) {
        logger.log(level: line.level, "\(line.text)")
    }
}

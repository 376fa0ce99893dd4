import ChatCore
import Foundation

/// Who is answering a chat and how it got there, as the events before the first token tell
/// it: the model asked for, the provider and model answering, each fallback hop and skip.
/// Sent as `x-parley-*` headers and as the `parley` field of the body or the first chunk.
struct AnswerFacts: Encodable, Sendable {
    struct Hop: Encodable, Sendable {
        var from: String
        var to: String
        var reason: String
    }

    struct Skip: Encodable, Sendable {
        var provider: String
        var reason: String
    }

    var requested: String
    var provider: String = ""
    var model: String = ""
    var fallbacks: [Hop] = []
    var skipped: [Skip] = []
    var retries = 0
    /// The providers it waited for, at their concurrency limit (`box1 4/4, box2 4/4`).
    var queued: String?

    init(requested: String) {
        self.requested = requested
    }

    /// Takes in what a routing event says; false for an event that is not about routing.
    mutating func take(_ event: ChatEvent) -> Bool {
        switch event {
        case .attempt(let target):
            provider = target.provider.rawValue
            model = target.model
        case .retry:
            retries += 1
        case .fallback(let notice):
            fallbacks.append(Hop(from: notice.from.description, to: notice.to.description, reason: notice.reason))
        case .skipped(let notice):
            skipped.append(Skip(provider: notice.provider.rawValue, reason: notice.reason))
        case .queued(let notice):
            queued = notice.busyText
        default:
            return false
        }
        return true
    }

    /// `provider:model`, as the response's `model` names it.
    var answeredBy: String { "\(provider):\(model)" }

    /// The `x-parley-*` headers: name and value, values made safe for a header line.
    var headers: [(name: String, value: String)] {
        var headers = [
            ("x-parley-provider", provider), ("x-parley-model", model), ("x-parley-requested", requested),
        ]
        if !fallbacks.isEmpty {
            headers.append(("x-parley-fallback", fallbacks.map { "\($0.from) -> \($0.to) (\($0.reason))" }.joined(separator: ", ")))
        }
        return headers.map { ($0.0, Self.headerSafe($0.1)) }
    }

    /// Printable ASCII as it is, anything else (control characters, non-ASCII) percent-encoded:
    /// a reason comes from a server, and a header line must not be split or garbled by it.
    static func headerSafe(_ text: String) -> String {
        var safe = ""
        let plain = text.replacingOccurrences(of: "\u{2014}", with: "-").replacingOccurrences(of: "\u{2013}", with: "-")
            .replacingOccurrences(of: "\u{2026}", with: "...")
        for byte in plain.utf8 {
            if (0x20...0x7E).contains(byte), byte != UInt8(ascii: "%") {
                safe.append(Character(Unicode.Scalar(byte)))
            } else {
                safe += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return safe
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

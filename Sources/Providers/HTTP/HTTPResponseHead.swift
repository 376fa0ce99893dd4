import Foundation

/// Status and headers of a response, delivered before any of its body.
public struct HTTPResponseHead: Sendable, Hashable {
    public var status: Int
    public var headers: [HTTPHeader]

    public init(status: Int, headers: [HTTPHeader]) {
        self.status = status
        self.headers = headers
    }

    /// The first value of the header `name`, compared without regard to case.
    public func value(for name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The media type without parameters, lowercased: `text/event-stream`.
    public var mediaType: String? {
        value(for: "Content-Type")?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

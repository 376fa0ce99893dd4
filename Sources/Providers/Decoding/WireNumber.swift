import Logging

/// A number as a server sent it, decoded whatever its size or form (a JSON number or a numeric
/// string), and handed on only inside the range its field allows: a count, a duration, a size
/// or a price out of range (negative, absurdly large, not a number) is dropped with a log line,
/// never converted into a trap.
struct WireNumber: Decodable, Sendable {
    let value: Double

    /// Up to a trillion: tokens, models, context lengths.
    static let countRange: ClosedRange<Double> = 0...1e12
    /// Up to 30 days, in nanoseconds.
    static let nanosecondRange: ClosedRange<Double> = 0...2.592e15
    /// Up to a petabyte.
    static let byteRange: ClosedRange<Double> = 0...1e15
    /// Up to a million US dollars, per request or per token.
    static let priceRange: ClosedRange<Double> = 0...1e6

    init(_ value: Double) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
        } else if let text = try? container.decode(String.self), let number = Double(text) {
            value = number
        } else {
            // Out of Double's range (1e400), or not a number at all.
            value = .nan
        }
    }

    /// The value as a whole number within `range`, or nil (logged) outside it.
    func integer(in range: ClosedRange<Double>, _ field: String) -> Int? {
        guard value.isFinite, range.contains(value) else {
            Self.logger.warning("ignored \(field) = \(value) from a server: outside \(range.lowerBound)...\(range.upperBound)")
            return nil
        }
        return Int(value.rounded(.down))
    }

    func count(_ field: String) -> Int? { integer(in: Self.countRange, field) }
    func nanoseconds(_ field: String) -> Int64? { integer(in: Self.nanosecondRange, field).map(Int64.init) }
    func bytes(_ field: String) -> Int64? { integer(in: Self.byteRange, field).map(Int64.init) }

    func price(_ field: String) -> Double? {
        guard value.isFinite, Self.priceRange.contains(value) else {
            Self.logger.warning("ignored \(field) = \(value) from a server: outside \(Self.priceRange.lowerBound)...\(Self.priceRange.upperBound)")
            return nil
        }
        return value
    }

    private static let logger = Logger(label: "parley.wire")
}

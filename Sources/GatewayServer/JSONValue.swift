/// Any JSON value, read as it is, so that each field of a request is checked by Parley (and
/// named when wrong) rather than by a decoder's type error.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Nil for `null` and for a missing field alike.
    subscript(key: String) -> JSONValue? {
        guard case .object(let fields) = self, let value = fields[key] else { return nil }
        if case .null = value { return nil }
        return value
    }

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

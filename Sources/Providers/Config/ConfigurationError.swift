/// A value that cannot be used: which variable, what it held, and what is allowed.
/// Reads `OLLAMA_TIMEOUT=abc: expected a number of seconds > 0`.
public struct ConfigurationError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    public var variable: String
    /// The value as given; masked when the variable is a secret.
    public var value: String
    public var expected: String

    public init(variable: String, value: String, expected: String) {
        self.variable = variable
        self.value = value
        self.expected = expected
    }

    public var description: String { "\(variable)=\(value): \(expected)" }
}

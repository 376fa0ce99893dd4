/// The raw text of every configuration layer, before typing and validation.
public struct ConfigLayers: Sendable {
    public var dotEnv: [String: String]
    public var environment: [String: String]
    /// Variables set on the command line (`--set NAME=VALUE` and the named flags).
    public var flags: [String: String]

    public init(dotEnv: [String: String] = [:], environment: [String: String] = [:], flags: [String: String] = [:]) {
        self.dotEnv = dotEnv
        self.environment = environment
        self.flags = flags
    }

    /// The layers from highest precedence to lowest.
    var ordered: [(ConfigSource, [String: String])] {
        [(.flag, flags), (.environment, environment), (.dotEnv, dotEnv)]
    }

    /// The raw value of `name` from the highest layer that sets it; within one layer a name
    /// wins over its aliases.
    func lookup(_ name: String, aliases: [String] = []) -> (value: String, source: ConfigSource, via: String)? {
        for (source, values) in ordered {
            for candidate in [name] + aliases {
                if let value = values[candidate] { return (value, source, candidate) }
            }
        }
        return nil
    }
}

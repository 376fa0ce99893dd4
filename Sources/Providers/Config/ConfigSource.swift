/// Where an effective setting came from, in precedence order: a flag beats the environment,
/// which beats `.env`, which beats the default.
public enum ConfigSource: String, Sendable, Codable, Comparable {
    case defaultValue = "default"
    case dotEnv = ".env"
    case environment
    case flag

    private var rank: Int {
        switch self {
        case .defaultValue: 0
        case .dotEnv: 1
        case .environment: 2
        case .flag: 3
        }
    }

    public static func < (lhs: ConfigSource, rhs: ConfigSource) -> Bool { lhs.rank < rhs.rank }
}

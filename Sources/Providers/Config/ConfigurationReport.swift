import ChatCore

/// The outcome of loading configuration: every effective setting with its source, every
/// error at once, warnings, and the typed `Settings` when there were no errors.
public struct ConfigurationReport: Sendable {
    public var effective: [EffectiveSetting]
    public var errors: [ConfigurationError]
    public var warnings: [String]
    /// Nil when `errors` is not empty.
    public var settings: Settings?

    public init(effective: [EffectiveSetting], errors: [ConfigurationError], warnings: [String], settings: Settings?) {
        self.effective = effective
        self.errors = errors
        self.warnings = warnings
        self.settings = settings
    }
}

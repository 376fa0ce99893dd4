import Foundation
import Providers

/// The `--json` form of `parley config`.
struct ConfigJSON: Encodable {
    struct Problem: Encodable {
        let variable: String
        let value: String
        let expected: String
        let message: String
    }

    let envFile: String?
    let settings: [EffectiveSetting]
    let errors: [Problem]
    let warnings: [String]
    let valid: Bool

    init(dotEnvPath: String?, report: ConfigurationReport) {
        envFile = dotEnvPath
        settings = report.effective
        errors = report.errors.map { Problem(variable: $0.variable, value: $0.value, expected: $0.expected, message: $0.description) }
        warnings = report.warnings
        valid = report.errors.isEmpty
    }

    func encoded() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

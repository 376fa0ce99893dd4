import Foundation
import Providers

/// Reads the configuration layers of this process: `.env` (or `--env-file`), the
/// environment and the flags, and loads them into a report.
struct ConfigurationSource {
    /// The `.env` file that was read, if any.
    let dotEnvPath: String?
    let report: ConfigurationReport

    /// Thrown when `--env-file` names a file that cannot be read.
    struct UnreadableFile: Error, CustomStringConvertible {
        let path: String
        var description: String { "cannot read the settings file \(path)" }
    }

    init(options: ConfigOptions) throws {
        let environment = ProcessInfo.processInfo.environment
        let explicitPath = options.envFile
        let path = explicitPath ?? FileManager.default.currentDirectoryPath + "/.env"
        var warnings: [String] = []
        var dotEnv: [String: String] = [:]
        if let data = FileManager.default.contents(atPath: path) {
            let text = String(decoding: data, as: UTF8.self)
            if String(data: data, encoding: .utf8) == nil {
                warnings.append("\(path): not valid UTF-8; the bad bytes were read as U+FFFD")
            }
            let file = DotEnvFile(parsing: text)
            dotEnv = file.values
            warnings += file.warnings.map { "\(path): \($0), skipped" }
            if let exposed = Self.exposedSecrets(in: file, at: path) { warnings.append(exposed) }
            dotEnvPath = path
        } else if explicitPath != nil {
            throw UnreadableFile(path: path)
        } else {
            dotEnvPath = nil
        }
        var report = SettingsLoader.load(ConfigLayers(dotEnv: dotEnv, environment: environment, flags: try options.flagValues()))
        report.warnings = warnings + report.warnings
        self.report = report
    }

    /// A warning when the file holds an API key and other users may read it.
    static func exposedSecrets(in file: DotEnvFile, at path: String) -> String? {
        let secrets = file.values.filter { ConfigVariable.isSecret($0.key) && !$0.value.isEmpty }.map(\.key).sorted()
        guard !secrets.isEmpty,
              let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0
        else { return nil }
        let readers = mode & 0o007 != 0 ? "any user" : "its group"
        return "\(path) holds \(secrets.joined(separator: ", ")) and \(readers) can read it (mode \(String(mode & 0o777, radix: 8))); run: chmod 600 \(path)"
    }
}

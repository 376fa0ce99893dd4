import Foundation
import Providers
import Testing

@Suite struct EnvExampleTests {
    /// `.env.example` at the repository root, found from this file's path.
    private static func example() throws -> DotEnvFile {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return DotEnvFile(parsing: try String(contentsOf: root.appendingPathComponent(".env.example"), encoding: .utf8))
    }

    @Test func listsEveryVariableWithItsDefault() throws {
        let file = try Self.example()
        #expect(file.warnings.isEmpty)
        for variable in ConfigVariable.all {
            #expect(file.values[variable.name] == variable.defaultValue, "\(variable.name)")
        }
        #expect(Set(file.values.keys) == Set(ConfigVariable.all.map(\.name)))
    }

    @Test func documentsEveryNamedProviderSetting() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(".env.example"), encoding: .utf8)
        for setting in NamedProviderSetting.all {
            let mark = setting.inheritsFamily ? "*" : setting.defaultValue
            #expect(text.contains("# NAME_\(setting.suffix)=\(mark) "), "\(setting.suffix)")
            #expect(text.contains(setting.comment), "\(setting.suffix)")
        }
    }

    @Test func loadsWithoutErrors() throws {
        let report = SettingsLoader.load(ConfigLayers(dotEnv: try Self.example().values, environment: ["HOME": "/h"]))
        #expect(report.errors.isEmpty)
    }
}

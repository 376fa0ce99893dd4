import ArgumentParser
import ChatCore
import Foundation
import Providers

/// `parley config`: every effective setting, where it came from, and every problem at once.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Show every effective setting and where it came from (default, .env, environment, flag).",
        discussion: "API keys are masked. Exits with status 2 when a setting is invalid, listing every invalid one."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(name: .customLong("json"), help: "Print as JSON.")
    var json = false

    func run() throws {
        let source: ConfigurationSource
        do {
            source = try ConfigurationSource(options: options)
        } catch let error as ConfigurationSource.UnreadableFile {
            FileHandle.standardError.write(Data("parley: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let report = source.report
        if json {
            print(try ConfigJSON(dotEnvPath: source.dotEnvPath, report: report).encoded())
        } else {
            print(ConfigTable(dotEnvPath: source.dotEnvPath, report: report).text)
        }
        if !json {
            for warning in report.warnings {
                FileHandle.standardError.write(Data("parley: warning: \(warning)\n".utf8))
            }
        }
        guard report.errors.isEmpty else {
            if !json {
                let count = report.errors.count
                var message = "parley: \(count) invalid setting\(count == 1 ? "" : "s"):\n"
                for error in report.errors { message += "  \(error)\n" }
                FileHandle.standardError.write(Data(message.utf8))
            }
            throw ExitCode(2)
        }
    }
}

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
            Terminal.error("\(error)")
            throw ExitCodeError.usage
        }
        let report = source.report
        if json {
            Terminal.out(try ConfigJSON(dotEnvPath: source.dotEnvPath, report: report).encoded() + "\n")
        } else {
            Terminal.line(ConfigTable(dotEnvPath: source.dotEnvPath, report: report).text)
        }
        if !json {
            for warning in report.warnings { Terminal.error("warning: \(warning)") }
        }
        guard report.errors.isEmpty else {
            if !json {
                let count = report.errors.count
                Terminal.error("\(count) invalid setting\(count == 1 ? "" : "s"):\n" + report.errors.map { "  \($0)" }.joined(separator: "\n"))
            }
            throw ExitCodeError.usage
        }
    }
}

import ChatCore
import CurlTransport
import Foundation
import Logging
import Providers
import TerminalUI

/// Everything a command needs to talk to providers, built from the configuration: the libcurl
/// client, the registry, the health monitor and the router; logging goes to the data folder.
struct ProviderSetup {
    let settings: Settings
    let client: CurlHTTPClient
    let registry: ProviderRegistry
    let monitor: HealthMonitor
    let router: FallbackRouter
    let logger: Logger
    /// Configuration warnings (already on stderr), for the chat screen to repeat.
    let warnings: [String]

    /// Loads the configuration; on invalid settings prints every error and exits with 2.
    static func load(_ options: ConfigOptions) throws -> ProviderSetup {
        let (settings, warnings) = try checkedSettings(options)
        LogFile.bootstrap(dataDirectory: settings.dataDirectory)
        let client = CurlHTTPClient()
        let registry = ProviderRegistry.make(settings: settings, transport: client)
        let monitor = HealthMonitor(providers: registry.providers)
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: settings.enableFallback)
        return ProviderSetup(settings: settings, client: client, registry: registry, monitor: monitor, router: router, logger: Logger(label: "parley"), warnings: warnings)
    }

    /// The settings alone, for commands that talk to no provider.
    static func loadSettings(_ options: ConfigOptions) throws -> Settings {
        try checkedSettings(options).settings
    }

    /// The settings and their warnings; warnings go to stderr, invalid settings exit with 2.
    private static func checkedSettings(_ options: ConfigOptions) throws -> (settings: Settings, warnings: [String]) {
        let source: ConfigurationSource
        do {
            source = try ConfigurationSource(options: options)
        } catch {
            Terminal.error("\(error)")
            throw ExitCodeError.usage
        }
        for warning in source.report.warnings { Terminal.error("warning: \(warning)") }
        guard let settings = source.report.settings else {
            let count = source.report.errors.count
            Terminal.error("\(count) invalid setting\(count == 1 ? "" : "s"):\n" + source.report.errors.map { "  \($0)" }.joined(separator: "\n"))
            throw ExitCodeError.usage
        }
        return (settings, source.report.warnings)
    }
}

/// The log file in the data folder; the terminal never gets log lines.
enum LogFile {
    static func bootstrap(dataDirectory: String) {
        let sink = FileLogHandler.Sink(path: dataDirectory + "/parley.log")
        LoggingSystem.bootstrap { FileLogHandler(label: $0, sink: sink) }
    }
}

/// Exit statuses of Parley's commands: 1 a failure, 2 a usage or configuration error.
enum ExitCodeError: Error {
    case failure
    case usage

    var status: Int32 {
        switch self {
        case .failure: 1
        case .usage: 2
        }
    }
}

/// Everything the headless commands write, in one place. Text for people (lines on stderr,
/// tables and lists on stdout) always goes through the chat screen's sanitiser, since it
/// holds names, titles and error bodies a server chose. Data (an answer, an export, JSON) is
/// written as it is when it goes to a file or a pipe, and sanitised only when a terminal would
/// interpret it: `parley ask … > file.py` keeps the bytes, a model cannot set the title of
/// the terminal it prints on.
enum Terminal {
    static let stdoutIsTerminal = isatty(1) == 1
    static let stderrIsTerminal = isatty(2) == 1

    /// A line for people on stderr, prefixed with the program's name.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("parley: \(TerminalText.sanitized(text))\n".utf8))
    }

    /// A line of a table or list for people on stdout.
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((TerminalText.sanitized(text) + "\n").utf8))
    }

    /// Data on stdout: raw to a file or pipe, sanitised on a terminal.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((stdoutIsTerminal ? TerminalText.sanitized(text) : text).utf8))
    }

    /// Data on stderr (a model's reasoning): raw to a file or pipe, sanitised on a terminal.
    static func errorData(_ text: String) {
        FileHandle.standardError.write(Data((stderrIsTerminal ? TerminalText.sanitized(text) : text).utf8))
    }

    static var stdinIsTerminal: Bool { isatty(0) == 1 }

    /// A status line rewritten in place on a terminal (stdout): the text sanitised, the
    /// carriage return and the erase to the end of the line Parley's own.
    static func overwrite(_ text: String, ending: Bool = false) {
        FileHandle.standardOutput.write(Data(("\r" + TerminalText.sanitized(text) + "\u{1B}[K" + (ending ? "\n" : "")).utf8))
    }
}

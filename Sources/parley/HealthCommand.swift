import ArgumentParser
import ChatCore
import Foundation
import Providers

/// `parley health`: checks every provider now and prints the results.
struct HealthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "health",
        abstract: "Check every provider now.",
        discussion: "Exit status 1 when no provider (the demo aside) is healthy."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        await setup.monitor.checkAll()
        let entries = await ProviderStatusRow.all(setup)
        if json {
            Terminal.out(try JSONOutput.encode(["providers": entries]) + "\n")
        } else {
            let width = entries.map(\.provider.count).max() ?? 0
            for entry in entries {
                let name = entry.provider.padding(toLength: width, withPad: " ", startingAt: 0)
                let state = entry.status.state.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0)
                Terminal.line("\(entry.status.state.symbol) \(name)  \(state) \(HealthLine.details(entry.status))")
            }
        }
        await setup.client.shutdown()
        let anyHealthy = entries.contains { $0.provider != ProviderID.demo.rawValue && $0.status.state == .healthy }
        if !anyHealthy { throw ExitCodeError.failure }
    }
}

/// JSON as the commands print it: sorted keys, dates in ISO 8601.
enum JSONOutput {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

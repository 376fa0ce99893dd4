import ArgumentParser
import ChatCore
import Foundation
import Providers

/// `parley providers`: each provider, its kind, URL and status.
struct ProvidersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "providers",
        abstract: "List the providers: kind, URL, status (checked now), and which is the default."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print as JSON.")
    var json = false

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let notice = await DefaultProviderChoice.settle(setup.registry, monitor: setup.monitor)
        // Choosing the default checked some providers already; check the others once.
        await setup.monitor.ensureChecked(setup.registry.ids)
        let entries = await ProviderStatusRow.all(setup)
        if json {
            Terminal.out(try JSONOutput.encode(["providers": entries]) + "\n")
        } else {
            let nameWidth = max(8, entries.map(\.provider.count).max() ?? 0) + 2
            let urlWidth = entries.map(\.url.count).max() ?? 0
            Terminal.line("  " + "PROVIDER".padding(toLength: nameWidth, withPad: " ", startingAt: 0) + "KIND    " + "URL".padding(toLength: urlWidth + 2, withPad: " ", startingAt: 0) + "STATUS")
            for entry in entries {
                let marker = entry.isDefault ? "* " : "  "
                let name = entry.provider.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
                let kind = entry.kind.padding(toLength: 8, withPad: " ", startingAt: 0)
                let url = entry.url.padding(toLength: urlWidth + 2, withPad: " ", startingAt: 0)
                let details = HealthLine.details(entry.status)
                Terminal.line("\(marker)\(name)\(kind)\(url)\(entry.status.state.symbol) \(entry.status.state.rawValue)\(details.isEmpty ? "" : " · " + details)")
            }
            Terminal.line("* default provider")
            for line in notice ?? [] { Terminal.error(line) }
        }
        await setup.client.shutdown()
    }
}

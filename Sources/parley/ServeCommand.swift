import ArgumentParser
import ChatCore
import Foundation
import GatewayServer
import Providers

/// `parley serve`: the OpenAI API in front of the providers, on loopback unless told otherwise.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the OpenAI API (chat completions, models, providers, health) with Parley's routing and fallback.",
        discussion: """
        Every answer says who gave it (x-parley-provider, x-parley-model, x-parley-requested, \
        x-parley-fallback). Off this machine a token is required: PARLEY_SERVE_TOKEN, sent by \
        clients as 'Authorization: Bearer TOKEN' (or --no-auth to serve anyone).
        """
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Port to listen on (0 picks a free one).", valueName: "port"))
    var port = GatewayConfiguration.defaultPort

    @Option(name: .customLong("max-concurrent"), help: ArgumentHelp("Chats answered at once; past that clients get 429.", valueName: "n"))
    var maxConcurrent = 64

    @Flag(name: .customLong("no-auth"), help: "Serve anyone who can reach the address, without a token.")
    var noAuth = false

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard (1...10_000).contains(maxConcurrent) else { throw ValidationError("--max-concurrent must be from 1 to 10000") }
    }

    func run() async throws {
        let setup = try ProviderSetup.load(options)
        let configuration = GatewayConfiguration(
            host: host, port: port, token: setup.settings.serveToken?.revealedForRequest, allowsAnyone: noAuth,
            maxConcurrentChats: maxConcurrent
        )
        if let refusal = configuration.refusal {
            Terminal.error(refusal)
            throw ExitCodeError.usage
        }
        let server = GatewayServer(registry: setup.registry, monitor: setup.monitor, router: setup.router, configuration: configuration, logger: setup.logger)
        let monitor = setup.monitor, registry = setup.registry
        Task {
            _ = await DefaultProviderChoice.settle(registry, monitor: monitor)
            await monitor.ensureChecked(registry.ids)
            await monitor.startAutomaticChecks()
        }
        let host = self.host
        let auth = configuration.token != nil ? "a token is required" : "no token"
        do {
            try await server.serveUntilSignalled { bound in
                Terminal.error("serving the OpenAI API on http://\(host):\(bound)/v1 (\(auth)); Ctrl-C stops")
            }
        } catch {
            Terminal.error("cannot serve on \(host):\(port): \(error)")
            throw ExitCodeError.failure
        }
        await setup.monitor.stopAutomaticChecks()
        await setup.client.shutdown()
    }
}

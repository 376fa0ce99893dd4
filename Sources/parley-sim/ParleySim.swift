import ArgumentParser
import Foundation
import Logging
import ProviderSimulator

/// `parley-sim`: a simulated Ollama / OpenRouter / OpenAI-compatible provider on loopback.
@main
struct ParleySim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley-sim",
        abstract: "A simulated LLM provider: Ollama's API at /api, OpenRouter's at /api/v1, OpenAI-compatible at /v1.",
        discussion: """
        Prints the bound port, then serves until interrupted. Flags set the default behaviour of \
        every model; a scenario file (JSON, see README) can set models, per-model behaviour and a key. \
        While it runs: POST /_sim/behavior, PUT /_sim/scenario, POST /_sim/down, GET /_sim/stats.
        Faults: \(SimulatedFault.allCases.map(\.rawValue).joined(separator: ", ")).
        """
    )

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one (printed).")
    var port = 0

    @Option(help: ArgumentHelp("Scenario file (JSON).", valueName: "path"))
    var scenario: String?

    @Option(name: .customLong("model"), help: ArgumentHelp("A model to list (repeatable; replaces the standard list).", valueName: "name"))
    var models: [String] = []

    @Option(help: "Reply text of every model.")
    var reply: String?

    @Option(help: "Tokens to generate when no reply text is given.")
    var tokens: Int?

    @Option(name: .customLong("tokens-per-second"), help: "Pace of the stream; 0 = unthrottled.")
    var tokensPerSecond: Double?

    @Option(name: .customLong("header-delay"), help: "Seconds before the response headers (a model loading).")
    var headerDelay: Double?

    @Option(help: "Reasoning text sent before the answer.")
    var thinking: String?

    @Option(help: ArgumentHelp("Fault of every model.", valueName: "fault"))
    var fault: SimulatedFault?

    @Option(name: .customLong("fault-count"), help: "The fault hits only this many requests.")
    var faultCount: Int?

    @Option(name: .customLong("fault-after"), help: "Tokens sent before a mid-stream fault.")
    var faultAfter: Int?

    @Option(name: .customLong("retry-after"), help: "Retry-After seconds sent with 429 and 503.")
    var retryAfter: Double?

    @Option(name: .customLong("stall-seconds"), help: "How long the stall faults last.")
    var stallSeconds: Double?

    @Option(name: .customLong("api-key"), help: "Demand 'Authorization: Bearer KEY' on the OpenAI-compatible routes.")
    var apiKey: String?

    @Flag(help: "Log each request to stderr.")
    var verbose = false

    func run() async throws {
        var scenario = try loadScenario()
        if !models.isEmpty { scenario.models = models.map { SimulatedModel(name: $0) } }
        if let apiKey { scenario.apiKey = apiKey }
        var behavior = scenario.defaultBehavior
        if let reply { behavior.reply = reply }
        if let tokens { behavior.tokens = tokens }
        if let tokensPerSecond { behavior.tokensPerSecond = tokensPerSecond }
        if let headerDelay { behavior.headerDelay = headerDelay }
        if let thinking { behavior.thinking = thinking }
        if let fault { behavior.fault = fault }
        if let faultCount { behavior.faultCount = faultCount }
        if let faultAfter { behavior.faultAfterTokens = faultAfter }
        if let retryAfter { behavior.retryAfter = retryAfter }
        if let stallSeconds { behavior.stallSeconds = stallSeconds }
        scenario.defaultBehavior = behavior

        var logger = Logger(label: "parley-sim") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        let simulator = ProviderSimulator(scenario: scenario, host: host, logger: logger)
        let bound = try await simulator.start(port: port)
        // Written unbuffered: scripts read the port from a pipe while the simulator runs.
        FileHandle.standardOutput.write(Data("""
            parley-sim listening on http://\(host):\(bound)
              Ollama:            http://\(host):\(bound)  (OLLAMA_BASE_URL)
              OpenRouter-style:  http://\(host):\(bound)/api/v1  (OPENROUTER_BASE_URL)
              OpenAI-compatible: http://\(host):\(bound)/v1

            """.utf8))
        while !Task.isCancelled {
            try await Task.sleep(for: .seconds(3600))
        }
    }

    private func loadScenario() throws -> SimulatorScenario {
        guard let scenario else { return SimulatorScenario() }
        guard let data = FileManager.default.contents(atPath: scenario) else {
            throw ValidationError("cannot read the scenario file \(scenario)")
        }
        do {
            return try JSONDecoder().decode(SimulatorScenario.self, from: data)
        } catch {
            throw ValidationError("the scenario file \(scenario) is not a valid scenario: \(error)")
        }
    }
}

extension SimulatedFault: ExpressibleByArgument {}

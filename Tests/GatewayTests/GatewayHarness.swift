import ChatCore
import CurlTransport
import Foundation
import GatewayServer
import Logging
import ProviderSimulator
import Providers
import Testing

/// `parley serve`'s server on loopback in front of two simulated providers — an Ollama and an
/// OpenRouter with a key — with Parley's real registry, monitor and router, and a libcurl
/// client of its own to talk to it as an API client would.
struct GatewayHarness {
    static let apiKey = "sk-or-v1-gateway0123456789abcdef0123456789abcdef42"

    let ollama: ProviderSimulator
    let openRouter: ProviderSimulator
    /// What the providers use; idle once every upstream transfer has ended.
    let upstream: CurlHTTPClient
    /// What the test uses to reach the gateway.
    let client: CurlHTTPClient
    let server: GatewayServer
    let baseURL: String

    /// What one request got back.
    struct Reply {
        var status: Int
        var head: HTTPResponseHead
        var body: [UInt8]

        var text: String { String(decoding: body, as: UTF8.self) }
        func header(_ name: String) -> String? { head.value(for: name) }

        /// The body as a JSON object (an empty one when it is not).
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }

        /// The payloads of an SSE body's `data:` lines, in order.
        var events: [String] {
            text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
        }
    }

    static func with<T>(
        reply: String = "four words of answer",
        environment extra: [String: String] = [:],
        configuration: GatewayConfiguration = GatewayConfiguration(port: 0),
        _ body: (GatewayHarness) async throws -> T
    ) async throws -> T {
        let behavior = ModelBehavior(reply: reply)
        let ollama = ProviderSimulator(scenario: SimulatorScenario(models: [SimulatedModel(name: "llama2:latest")], defaultBehavior: behavior))
        let openRouter = ProviderSimulator(scenario: SimulatorScenario(models: [SimulatedModel(name: "openai/gpt-4o")], defaultBehavior: behavior, apiKey: apiKey))
        let ports = (try await ollama.start(), try await openRouter.start())
        var environment = [
            "HOME": "/nonexistent",
            "PREFERRED_PROVIDER": "ollama",
            "OLLAMA_BASE_URL": "http://127.0.0.1:\(ports.0)",
            // Patient: on a loaded machine the in-process simulators can be starved for seconds,
            // and no test here is about a timeout.
            "OLLAMA_TIMEOUT": "10",
            "OLLAMA_MAX_RETRIES": "0",
            "OPENROUTER_BASE_URL": "http://127.0.0.1:\(ports.1)/api/v1",
            "OPENROUTER_API_KEY": apiKey,
            "OPENROUTER_DEFAULT_MODEL": "openai/gpt-4o",
            "OPENROUTER_TIMEOUT": "10",
            "OPENROUTER_MAX_RETRIES": "0",
        ]
        environment.merge(extra) { $1 }
        let report = SettingsLoader.load(ConfigLayers(environment: environment))
        let settings = try #require(report.settings, "\(report.errors)")
        let upstream = CurlHTTPClient()
        let registry = ProviderRegistry.make(settings: settings, transport: upstream, demo: DemoProvider(tokenInterval: .zero))
        let monitor = HealthMonitor(providers: registry.providers, checkTimeout: .seconds(5))
        let router = FallbackRouter(registry: registry, monitor: monitor, fallbackEnabled: settings.enableFallback)
        let server = GatewayServer(registry: registry, monitor: monitor, router: router, configuration: configuration, logger: .init(label: "gateway-test") { _ in SwiftLogNoOpLogHandler() })
        let port = try await server.start()
        let harness = GatewayHarness(
            ollama: ollama, openRouter: openRouter, upstream: upstream, client: CurlHTTPClient(), server: server,
            baseURL: "http://127.0.0.1:\(port)"
        )
        do {
            let result = try await body(harness)
            await harness.tearDown()
            return result
        } catch {
            await harness.tearDown()
            throw error
        }
    }

    private func tearDown() async {
        await server.stop()
        await ollama.stop()
        await openRouter.stop()
        await client.shutdown()
        await upstream.shutdown()
    }

    static let timeouts = HTTPTimeouts(connect: .seconds(5), firstByte: .seconds(30), idle: .seconds(30))

    func get(_ path: String, headers: [HTTPHeader] = []) async throws -> Reply {
        try await send(HTTPRequest(method: "GET", url: baseURL + path, headers: headers, timeouts: Self.timeouts))
    }

    func post(_ path: String, json: String = "", headers: [HTTPHeader] = []) async throws -> Reply {
        try await send(HTTPRequest(
            method: "POST", url: baseURL + path, headers: [HTTPHeader("Content-Type", "application/json")] + headers,
            body: Array(json.utf8), timeouts: Self.timeouts
        ))
    }

    /// A chat request for `model`, whole or streamed.
    func chat(_ model: String, stream: Bool = false, extra: String = "", headers: [HTTPHeader] = []) async throws -> Reply {
        try await post("/v1/chat/completions", json: #"{"model":"\#(model)","stream":\#(stream),"messages":[{"role":"user","content":"Hello!"}]\#(extra)}"#, headers: headers)
    }

    func send(_ request: HTTPRequest) async throws -> Reply {
        let response = try await client.send(request)
        return Reply(status: response.head.status, head: response.head, body: try await response.body.collect(upTo: 16 * 1024 * 1024))
    }
}

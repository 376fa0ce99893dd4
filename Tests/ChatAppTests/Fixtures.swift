import ChatApp
import ChatCore
import Foundation
import TerminalUI

/// Fixed states for the update and snapshot tests: no clock, no network.
enum Fixtures {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func state(width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(size: Size(width: width, height: height), providers: [.ollama, .openrouter, .demo], defaultProvider: .ollama, now: now)
        state.defaultModels = [.ollama: "llama2", .openrouter: "anthropic/claude-3.5-sonnet", .demo: "parley-demo"]
        state.health = [
            .ollama: HealthStatus(state: .healthy, checkedAt: now.addingTimeInterval(-4), latencySeconds: 0.012, modelCount: 3, loadedModels: [LoadedModel(name: "llama2:latest", sizeBytes: 3_826_793_677, gpuBytes: 3_826_793_677, unloadsAt: now.addingTimeInterval(250))]),
            .openrouter: HealthStatus(state: .down, checkedAt: now.addingTimeInterval(-9), reason: "cannot connect to https://openrouter.ai (unknown host)"),
            .demo: HealthStatus(state: .healthy, checkedAt: now, latencySeconds: 0, modelCount: 1),
        ]
        state.models = [
            .ollama: [
                ModelInfo(provider: .ollama, name: "llama2:latest", sizeBytes: 3_826_793_677, parameterSize: "7B", contextLength: 4096),
                ModelInfo(provider: .ollama, name: "mistral:latest", sizeBytes: 4_113_301_824, parameterSize: "7.2B", contextLength: 32768),
            ],
            .openrouter: [ModelInfo(provider: .openrouter, name: "anthropic/claude-3.5-sonnet", contextLength: 200_000)],
            .demo: [ModelInfo(provider: .demo, name: "parley-demo")],
        ]
        return state
    }

    /// Models with everything their providers tell: Ollama's sizes, quantisations and
    /// capabilities (an embedding model among them), OpenRouter's prices and modalities.
    static func catalogue() -> AppState {
        var state = state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        state.health[.openrouter] = HealthStatus(state: .healthy, checkedAt: now, latencySeconds: 0.18, modelCount: 2)
        state.models = [
            .ollama: [
                ModelInfo(provider: .ollama, name: "llama3.2:latest", sizeBytes: 2_019_393_189, parameterSize: "3.2B", quantization: "Q4_K_M", contextLength: 131_072, capabilities: ["completion", "tools"]),
                ModelInfo(provider: .ollama, name: "llava:7b", sizeBytes: 4_733_363_377, parameterSize: "7B", quantization: "Q4_0", contextLength: 32768, capabilities: ["completion", "vision"]),
                ModelInfo(provider: .ollama, name: "qwen3:8b", sizeBytes: 5_225_388_164, parameterSize: "8.2B", quantization: "Q4_K_M", contextLength: 40960, capabilities: ["completion", "tools", "thinking"]),
                ModelInfo(provider: .ollama, name: "nomic-embed-text:latest", sizeBytes: 274_302_450, parameterSize: "137M", quantization: "F16", contextLength: 2048, capabilities: ["embedding"]),
            ],
            .openrouter: [
                ModelInfo(provider: .openrouter, name: "openai/gpt-4o", contextLength: 128_000, promptPrice: 0.0000025, completionPrice: 0.00001, inputModalities: ["text", "image", "file"]),
                ModelInfo(provider: .openrouter, name: "meta-llama/llama-3.3-70b-instruct:free", contextLength: 131_072, promptPrice: 0, completionPrice: 0, inputModalities: ["text"]),
            ],
            .demo: [ModelInfo(provider: .demo, name: "parley-demo")],
        ]
        return state
    }

    /// A pool of three Ollama hosts, `gpus`, with box2 down and an answer streaming from box3.
    static func pool(width: Int = 80, height: Int = 24) -> AppState {
        var state = AppState(size: Size(width: width, height: height), providers: ["box1", "box2", "box3", "gpus", .demo], defaultProvider: "gpus", now: now)
        state.pools = ["gpus": ["box1", "box2", "box3"]]
        let loaded = LoadedModel(name: "llama3:latest", sizeBytes: 4_661_224_676, gpuBytes: 4_661_224_676, unloadsAt: now.addingTimeInterval(250))
        state.health = [
            "box1": HealthStatus(state: .healthy, checkedAt: now.addingTimeInterval(-4), latencySeconds: 0.003, modelCount: 2),
            "box2": HealthStatus(state: .down, checkedAt: now.addingTimeInterval(-4), reason: "cannot connect to http://box2:11434 (connection refused)"),
            "box3": HealthStatus(state: .healthy, checkedAt: now.addingTimeInterval(-4), latencySeconds: 0.005, modelCount: 2, loadedModels: [loaded]),
            "gpus": HealthStatus(state: .healthy, checkedAt: now.addingTimeInterval(-4), latencySeconds: 0.003, modelCount: 3, loadedModels: [loaded], reason: "box2: cannot connect"),
            .demo: HealthStatus(state: .healthy, checkedAt: now, latencySeconds: 0, modelCount: 1),
        ]
        _ = state.update(.input(.paste("Why is the sky blue?")))
        _ = state.update(.input(.enter))
        _ = state.update(.chat(requestID: 1, .attempt(ModelTarget(provider: "box3", model: "llama3"))))
        _ = state.update(.chat(requestID: 1, .text("Sunlight scatters off air molecules;")))
        return state
    }

    /// `/compare` of three models: llama2 answered, mistral (the same Ollama host) streaming
    /// after it, claude (another provider) answered beside them after a retry.
    static func comparison(width: Int = 120, height: Int = 40) -> AppState {
        var state = state(width: width, height: height)
        state.pullTargets = [.ollama]
        state.health[.openrouter] = HealthStatus(state: .healthy, checkedAt: now, latencySeconds: 0.18, modelCount: 1)
        _ = state.update(.input(.paste("/compare ollama:llama2 ollama:mistral openrouter:anthropic/claude-3.5-sonnet")))
        _ = state.update(.input(.enter))
        _ = state.update(.input(.paste("Why is the sky blue? One sentence.")))
        _ = state.update(.input(.enter))
        let mistral = ModelTarget(provider: .ollama, model: "mistral")
        func finish(_ requestID: Int, _ target: ModelTarget, _ text: String, tokens: Int, cost: Double?) {
            _ = state.update(.chat(requestID: requestID, .attempt(target)))
            _ = state.update(.chat(requestID: requestID, .text(text)))
            _ = state.update(.chat(requestID: requestID, .completed(ChatOutcome(
                requested: ModelRef(provider: target.provider, model: target.model), answeredBy: target, attempts: 1,
                timeToFirstTokenSeconds: 0.2, tokensPerSecond: 45, stats: CompletionStats(promptTokens: 14, completionTokens: tokens, costUSD: cost), interruption: nil
            ))))
        }
        _ = state.update(.chat(requestID: 2, .retry(RetryNotice(target: openRouter, attempt: 1, limit: 2, delaySeconds: 0.5, reason: "rate limited (429)"))))
        finish(2, openRouter, "Air molecules scatter short blue wavelengths of sunlight far more than red ones.", tokens: 17, cost: 0.00026)
        finish(1, ollama, "Sunlight scatters off the air, and blue light scatters most (Rayleigh scattering).", tokens: 19, cost: nil)
        _ = state.update(.chat(requestID: 3, .attempt(mistral)))
        _ = state.update(.chat(requestID: 3, .text("Because shorter wavelengths")))
        return state
    }

    static let ollama = ModelTarget(provider: .ollama, model: "llama2")
    static let openRouter = ModelTarget(provider: .openrouter, model: "anthropic/claude-3.5-sonnet")

    /// A conversation where the first provider failed and the second answered.
    static func conversationWithFallback() -> AppState {
        var state = state()
        _ = state.update(.input(.paste("Why is the sky blue?")))
        _ = state.update(.input(.enter))
        let events: [ChatEvent] = [
            .attempt(openRouter),
            .fallback(FallbackNotice(from: openRouter, to: ollama, reason: "cannot connect to https://openrouter.ai (unknown host)")),
            .attempt(ollama),
            .text("Sunlight scatters off air molecules; "),
            .text("blue light, with its short wavelength, scatters most (Rayleigh scattering)."),
            .done(CompletionStats(finishReason: "stop", completionTokens: 24, generationDurationNanos: 500_000_000)),
            .completed(ChatOutcome(
                requested: ModelRef(provider: .openrouter, model: "anthropic/claude-3.5-sonnet"), answeredBy: ollama, attempts: 2,
                timeToFirstTokenSeconds: 0.21, tokensPerSecond: 48, stats: nil, interruption: nil,
                hops: [FallbackNotice(from: openRouter, to: ollama, reason: "unknown host")]
            )),
        ]
        for event in events { _ = state.update(.chat(requestID: 1, event)) }
        return state
    }
}

@testable import ChatApp
import ChatCore
import Foundation
import Providers
import TerminalUI
import Testing

/// Pulling a model from the picker: the offer, the progress while chatting, the end.
@Suite struct PullFromPickerTests {
    private func pickerState(typing name: String) -> AppState {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste(name)))
        return state
    }

    @Test func aNameNoProviderHasIsOfferedAsAPullIntoEachOllama() {
        var state = pickerState(typing: "llama3.2:1b")
        #expect(state.picker.pullOffers(targets: state.pullTargets, models: state.models) == [ModelTarget(provider: .ollama, model: "llama3.2:1b")])
        #expect(RootView.render(state).grid.text.contains("⤓ pull llama3.2:1b into ollama"))
        let effects = state.update(.input(.enter))
        #expect(effects == [.pullModel(ModelTarget(provider: .ollama, model: "llama3.2:1b"))])
        #expect(state.overlay == nil)
        #expect(state.entries.last?.text.contains("Pulling llama3.2:1b into ollama") == true)
        // Asked again while it runs: joined, not started twice.
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("llama3.2:1b")))
        #expect(state.update(.input(.enter)).isEmpty)
        #expect(state.entries.last?.text.contains("already being pulled") == true)
    }

    @Test func aModelAProviderHasOrAnotherProvidersNameOffersNoPull() {
        let listed = pickerState(typing: "llama2")
        #expect(listed.picker.pullOffers(targets: listed.pullTargets, models: listed.models).isEmpty)
        let elsewhere = pickerState(typing: "openrouter:some/model")
        #expect(elsewhere.picker.pullOffers(targets: elsewhere.pullTargets, models: elsewhere.models).isEmpty)
        let named = pickerState(typing: "ollama:qwen3")
        #expect(named.picker.pullOffers(targets: named.pullTargets, models: named.models) == [ModelTarget(provider: .ollama, model: "qwen3")])
    }

    @Test func progressShowsInTheStatusLineAndTheEndSaysSoAndRefreshesTheList() {
        var state = pickerState(typing: "qwen3")
        _ = state.update(.input(.enter))
        let pull = ModelTarget(provider: .ollama, model: "qwen3")
        var progress = PullProgress()
        progress.take(PullStatusLine(status: "pulling aaaa", digest: "sha256:aaaa", total: 2_000_000_000, completed: 0), at: .zero)
        progress.take(PullStatusLine(status: "pulling aaaa", digest: "sha256:aaaa", total: 2_000_000_000, completed: 900_000_000), at: .seconds(2))
        _ = state.update(.pullProgressed(pull, progress))
        let statusLine = RootView.render(state).grid.text.split(separator: "\n").last ?? ""
        #expect(statusLine.contains("pulling qwen3 · 45% · 900 MB of 2.0 GB · 450 MB/s · 2 s left"))
        let effects = state.update(.pullFinished(pull, nil))
        #expect(effects == [.checkHealth(.ollama)])
        #expect(state.pulls.isEmpty)
        #expect(state.entries.last?.text.contains("qwen3 is now on ollama") == true)
    }

    @Test func aFailedPullSaysWhyAndWhatToDo() {
        var state = pickerState(typing: "qwen3")
        _ = state.update(.input(.enter))
        let failure = ProviderError(.serverError, "the pull of 'qwen3' stopped: the Ollama machine's disk is full", hint: "free some space")
        _ = state.update(.pullFinished(ModelTarget(provider: .ollama, model: "qwen3"), failure))
        #expect(state.pulls.isEmpty)
        #expect(state.entries.dropLast().last?.text.contains("disk is full — free some space") == true)
        // Going on is one key away: the picker opens on the same pull.
        #expect(state.entries.last?.text == "Ctrl-P then Enter pulls it again; Ollama goes on from the layers it has.")
        _ = state.update(.input(.control("p")))
        #expect(state.update(.input(.enter)) == [.pullModel(ModelTarget(provider: .ollama, model: "qwen3"))])
    }

    @Test func aModelNotFoundOpensThePickerOnTheOfferToPullIt() {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.paste("hi")))
        _ = state.update(.input(.enter))
        let requestID = try! #require(state.active?.requestID)
        _ = state.update(.chat(requestID: requestID, .attempt(ModelTarget(provider: .ollama, model: "codellama"))))
        _ = state.update(.chatFailed(requestID: requestID, ProviderError(.modelNotFound, "model 'codellama' not found on ollama")))
        #expect(state.entries.last?.text == "Ctrl-P then Enter pulls codellama into ollama from here.")
        _ = state.update(.input(.control("p")))
        #expect(state.picker.filter == "ollama:codellama")
        #expect(state.update(.input(.enter)) == [.pullModel(ModelTarget(provider: .ollama, model: "codellama"))])
    }

    @Test func thePickerShowsWhatEachModelCanDoAndSetsEmbeddingModelsApart() {
        var state = Fixtures.state(width: 120, height: 40)
        state.models[.ollama] = [
            ModelInfo(provider: .ollama, name: "qwen3:4b", parameterSize: "4B", capabilities: ["completion", "tools", "thinking"]),
            ModelInfo(provider: .ollama, name: "llava:latest", capabilities: ["completion", "vision"]),
            ModelInfo(provider: .ollama, name: "nomic-embed-text:latest", capabilities: ["embedding"]),
        ]
        _ = state.update(.input(.control("p")))
        let text = RootView.render(state).grid.text
        #expect(text.contains("qwen3:4b  4B · tools · thinking"))
        #expect(text.contains("llava:latest  vision"))
        #expect(text.contains("embedding models — they turn text into vectors and cannot chat"))
        #expect(text.contains("ollama:nomic-embed-text:latest"))
        let rows = state.picker.rows(order: state.providerOrder, models: state.models)
        #expect(!rows.contains { $0.name == "nomic-embed-text:latest" }, "an embedding model cannot be picked for chat")
    }

    @Test func escAsksWhetherToStopAPullAndSaysOllamaMayGoOn() {
        var state = pickerState(typing: "qwen3")
        _ = state.update(.input(.enter))
        let pull = ModelTarget(provider: .ollama, model: "qwen3")
        _ = state.update(.input(.escape))
        #expect(state.overlay == .confirmStopPull(pull))
        #expect(RootView.render(state).grid.text.contains("Ollama may go on downloading it in the background"))
        #expect(state.update(.input(.character("n"))).isEmpty)
        #expect(state.pulls[pull] != nil, "n keeps it")
        _ = state.update(.input(.escape))
        #expect(state.update(.input(.character("y"))) == [.cancelPull(pull)])
        #expect(state.pulls[pull] == nil)
        #expect(state.entries.last?.text.hasPrefix("Stopped pulling qwen3 into ollama.") == true)
        // The cancelled task's end says nothing more.
        let notes = state.entries.count
        _ = state.update(.pullFinished(pull, ProviderError(.cancelled, "cancelled")))
        #expect(state.entries.count == notes)
    }

    @Test func thePickerDeletesAfterNamingTheRoomItFreesAndLoadsAndUnloads() {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("llama2")))
        #expect(RootView.render(state).grid.text.contains("Ctrl-L load · Ctrl-U unload · Ctrl-D delete"))
        let target = ModelTarget(provider: .ollama, model: "llama2:latest")
        #expect(state.update(.input(.control("d"))).isEmpty)
        #expect(RootView.render(state).grid.text.contains("Delete llama2:latest from ollama's disk? It frees 3.8 GB. y / n"))
        #expect(state.update(.input(.character("y"))) == [.changeModel(target, .delete)])
        #expect(state.update(.modelChanged(target, .delete, nil)) == [.checkHealth(.ollama)])
        #expect(state.entries.last?.text == "llama2:latest deleted from ollama.")

        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("llama2")))
        #expect(state.update(.input(.control("l"))) == [.changeModel(target, .load)])
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("llama2")))
        #expect(state.update(.input(.control("u"))) == [.changeModel(target, .unload)])
        _ = state.update(.modelChanged(target, .unload, ProviderError(.connectionFailed, "cannot connect")))
        #expect(state.entries.last?.text == "llama2:latest was not unloaded on ollama: cannot connect")
    }

    @Test func aModelOfAProviderThatCannotManageItsModelsIsLeftAlone() {
        var state = Fixtures.state(width: 120, height: 40)
        state.pullTargets = [.ollama]
        _ = state.update(.input(.control("p")))
        _ = state.update(.input(.paste("claude")))
        #expect(state.update(.input(.control("d"))).isEmpty)
        #expect(state.overlay == .modelPicker)
        #expect(!RootView.render(state).grid.text.contains("Ctrl-D delete"))
    }
}

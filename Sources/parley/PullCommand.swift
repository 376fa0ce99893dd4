import ArgumentParser
import ChatApp
import ChatCore
import Foundation
import Providers

/// `parley pull NAME [--provider P]`: pulls a model into an Ollama provider. On a terminal a
/// progress line is rewritten in place (bytes over every layer, speed, time left); piped, one
/// line per phase. Exit status 0 when the model is in place, 1 when the pull failed.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull a model into an Ollama provider, showing its progress.",
        discussion: "Without --provider: the default provider when it is an Ollama, else the first Ollama. Exit status 1 when the pull failed."
    )

    @OptionGroup var managed: ManagedModelArguments

    func run() async throws {
        let name = managed.name
        try await managed.run { target in try await Self.pull(name, into: target) }
    }

    /// Pulls, showing progress; throws the `ProviderError` that stopped it.
    private static func pull(_ model: String, into provider: any ModelManaging) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        var progress = PullProgress()
        var shownPhase = PullProgress.Phase.starting
        var lastDrawn: ContinuousClock.Instant?
        let destination = provider.id.rawValue
        do {
            try await provider.pull(model) { line in
                let now = clock.now
                progress.take(line, at: now - start)
                if Terminal.stdoutIsTerminal {
                    // Ten redraws a second are enough to read, however fast lines come.
                    if let lastDrawn, now - lastDrawn < .milliseconds(100), progress.phase == shownPhase { return }
                    lastDrawn = now
                    shownPhase = progress.phase
                    Terminal.overwrite(PullReport.progressLine(progress, model: model, provider: destination))
                } else if progress.phase != shownPhase {
                    shownPhase = progress.phase
                    if let line = PullReport.phaseLine(progress, model: model, provider: destination) { Terminal.line(line) }
                }
            }
        } catch let error as ProviderError {
            if Terminal.stdoutIsTerminal, lastDrawn != nil { Terminal.out("\n") }
            throw error
        } catch {
            throw ProviderError(.cancelled, "the pull was interrupted")
        }
        if Terminal.stdoutIsTerminal {
            Terminal.overwrite(PullReport.phaseLine(progress, model: model, provider: destination) ?? "", ending: true)
        }
    }
}

import ChatCore
import Foundation

extension OllamaProvider: ModelManaging {
    private struct PullBody: Encodable {
        var model: String
        var stream = true
    }

    /// Pulls `model` (`/api/pull`), giving each status line to `progress` as it arrives.
    /// Returns when Ollama says `success`; throws a `ProviderError` with what to do when the
    /// model is unknown, the stream reports an error, or it ends before `success`.
    public func pull(_ model: String, progress: (PullStatusLine) -> Void) async throws {
        let pullRequest = request("POST", "/api/pull", body: JSONBody.encode(PullBody(model: model)), timeouts: .chat(settings, firstByteFactor: 10))
        var succeeded = false
        var failure: String?
        do {
            let response = try await transport.send(pullRequest)
            guard response.head.status < 400 else {
                throw HTTPStatusError.error(head: response.head, body: try await response.body.prefix(upTo: HTTPStatusError.longestBody))
            }
            var lines = LineSplitter(maxLineBytes: 64 * 1024)
            func take(_ bytes: UnsafeRawBufferPointer) {
                guard !bytes.isEmpty, let line = try? JSONDecoder().decode(PullStatusLine.self, from: Data(bytes)) else { return }
                if let error = line.error { failure = error }
                if line.status == "success" { succeeded = true }
                progress(line)
            }
            for try await chunk in response.body {
                try lines.feed(chunk, onLine: take)
                if failure != nil || succeeded { break }
            }
            try lines.finish(onLine: take)
        } catch let error as ProviderError where [.connectionLost, .timedOut, .truncatedStream].contains(error.kind) {
            throw refine(ProviderError(error.kind, "the pull of '\(model)' was cut off: \(error.message)", hint: Self.resumeHint), model: nil)
        } catch let error as ProviderError {
            throw refine(error, model: nil)
        }
        if let failure { throw refine(Self.pullFailure(failure, model: model), model: nil) }
        guard succeeded else {
            throw ProviderError(.truncatedStream, "the pull of '\(model)' ended before Ollama said it was done", hint: Self.resumeHint)
        }
    }

    private static let resumeHint = "pull again: Ollama keeps the layers it has and goes on from there"

    /// What Ollama's error line means for the user.
    private static func pullFailure(_ message: String, model: String) -> ProviderError {
        // Shown to people, who need its start, not a megabyte of it.
        let text = String(message.prefix(500))
        if text.contains("file does not exist") || text.contains("not found") {
            return ProviderError(.modelNotFound, "Ollama's library has no model '\(model)' (\(text))", hint: "check the name at https://ollama.com/library, with its tag (llama3.2:1b)")
        }
        if text.contains("no space left") {
            return ProviderError(.serverError, "the pull of '\(model)' stopped: the Ollama machine's disk is full (\(text))", hint: "free some space (ollama rm a model you no longer use), then " + resumeHint)
        }
        return ProviderError(.streamError, "the pull of '\(model)' failed: \(text)", hint: resumeHint)
    }
}

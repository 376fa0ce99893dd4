/// The demo provider's replies: clearly labelled, varied by what was asked, with the markdown
/// a real model sends (headings, lists, inline code, a fenced code block).
enum DemoReplies {
    static let label = "*Demo reply — no language model was involved. Configure Ollama or OpenRouter for real answers.*"

    static func reply(to prompt: String, turn: Int) -> String {
        let lowered = prompt.lowercased()
        let quoted = prompt.count > 80 ? String(prompt.prefix(77)) + "…" : prompt
        let body: String
        if ["code", "swift", "function", "program", "bug", "script"].contains(where: lowered.contains) {
            body = code
        } else if ["why", "how", "explain", "what"].contains(where: lowered.contains) {
            body = explanation
        } else {
            body = variants[turn % variants.count]
        }
        return "\(label)\n\nYou asked: “\(quoted.isEmpty ? "(nothing)" : quoted)”\n\n\(body)"
    }

    private static let code = """
    ## A small example

    Here is a function that retries with **exponential backoff** and jitter:

    ```swift
    func backoff(attempt: Int, base: Double = 0.5) -> Double {
        let delay = base * pow(2, Double(attempt))
        return delay * Double.random(in: 0.5...1.5)
    }
    ```

    Call `backoff(attempt:)` before each retry; cap the result so a long outage does not
    stall the caller.
    """

    private static let explanation = """
    ## How Parley would answer

    1. Your message goes to the **preferred provider** (`PREFERRED_PROVIDER`).
    2. If it fails before the first token, Parley retries, then *falls back* to the next
       healthy provider — and tells you which one answered.
    3. The answer streams in token by token, like this one.

    > Tip: `parley config` shows every setting and where it came from.
    """

    private static let variants = [
        """
        ## Getting started

        - Run `ollama serve` and `ollama pull llama2` for a local model, or
        - put `OPENROUTER_API_KEY=sk-or-v1-…` in `.env` for cloud models.

        Then ask again: the sidebar shows each provider's health as it is checked.
        """,
        """
        ## What the demo shows

        This text streams at a realistic pace so you can try the screen: scrolling, the
        **model picker**, cancelling with `Esc`, and the status line's *tokens per second*.

        ```sh
        parley models      # every model of every provider
        parley health      # check each provider now
        ```
        """,
    ]
}

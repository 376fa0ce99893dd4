import ArgumentParser

/// `parley`: a full-screen chat for large language models on Ollama, OpenRouter and any
/// OpenAI-compatible server. Each subcommand is wiring only; the work lives in the libraries.
@main
struct Parley: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parley",
        abstract: "Chat with language models on Ollama, OpenRouter and OpenAI-compatible servers.",
        discussion: """
        Settings come from flags, then the environment, then .env in the working directory, \
        then defaults. 'parley config' shows every effective value and where it came from.
        """,
        subcommands: [ConfigCommand.self]
    )
}

import ArgumentParser
import Foundation
import Storage

/// `parley export ID`: a saved conversation as Markdown or JSON, to stdout or a file.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a saved conversation as Markdown or JSON.",
        discussion: "The id is shown by 'parley search' and when a conversation is continued; 'last' exports the latest."
    )

    @OptionGroup var options: ConfigOptions

    @Option(help: ArgumentHelp("md or json.", valueName: "format"))
    var format: String = "md"

    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of stdout.", valueName: "path"))
    var output: String?

    @Flag(name: .customLong("all-branches"), help: "Every branch (answers regenerated, messages edited), not only the one last shown.")
    var allBranches = false

    @Argument(help: "The conversation's id, or 'last'.")
    var id: String

    func validate() throws {
        guard ConversationExport.Format(rawValue: format) != nil else {
            throw ValidationError("--format \(format): expected md or json")
        }
    }

    func run() async throws {
        let settings = try ProviderSetup.loadSettings(options)
        let store = try StoreLocation.open(dataDirectory: settings.dataDirectory)
        guard let conversation = try id == "last" ? store.latest() : store.conversation(id: id) else {
            Terminal.error("no saved conversation has the id \(id)")
            throw ExitCodeError.failure
        }
        let format = ConversationExport.Format(rawValue: format)!
        let branch = try store.branch(of: conversation)
        let text = allBranches
            ? try ConversationExport.renderTree(conversation, branch: branch, all: try store.messages(of: conversation.id), as: format)
            : try ConversationExport.render(conversation, branch, as: format)
        if let output {
            try text.write(toFile: output, atomically: true, encoding: .utf8)
            Terminal.error("exported “\(conversation.title)” to \(output)")
        } else {
            Terminal.out(text.hasSuffix("\n") ? text : text + "\n")
        }
    }
}

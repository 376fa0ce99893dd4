import ArgumentParser
import Foundation
import Storage

/// `parley search WORDS`: messages of every saved conversation that hold all the words.
struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search every saved conversation.",
        discussion: "Words match as prefixes, accents ignored; best matches first. Open one with 'parley --resume ID'."
    )

    @OptionGroup var options: ConfigOptions

    @Flag(help: "Print as JSON.")
    var json = false

    @Argument(help: "The words to find.")
    var words: [String]

    func run() async throws {
        let settings = try ProviderSetup.loadSettings(options)
        let store = try StoreLocation.open(dataDirectory: settings.dataDirectory)
        let hits = try store.search(words.joined(separator: " "))
        if json {
            Terminal.out(try JSONOutput.encode(["hits": hits]) + "\n")
            return
        }
        guard !hits.isEmpty else {
            Terminal.error("nothing found for \(words.joined(separator: " "))")
            throw ExitCodeError.failure
        }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        for hit in hits {
            let snippet = hit.snippet.replacingOccurrences(of: "\n", with: " ")
            Terminal.line("\(hit.conversationTitle) · \(formatter.string(from: hit.updatedAt)) · \(hit.kind) #\(hit.position + 1)")
            Terminal.line("  \(snippet)")
            Terminal.line("  parley --resume \(hit.conversationID)")
        }
    }
}

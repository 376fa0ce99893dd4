import Storage

/// Where conversations are kept: `$PARLEY_DATA_DIR/conversations.sqlite`.
enum StoreLocation {
    static func path(dataDirectory: String) -> String {
        dataDirectory + "/conversations.sqlite"
    }

    /// Opens the store for a command, or says why it cannot be and exits with 1.
    static func open(dataDirectory: String) throws -> ConversationStore {
        let (store, problem) = ConversationStore.open(at: path(dataDirectory: dataDirectory), beforeReadingBack: Terminal.error)
        if let problem { Terminal.error(problem) }
        guard let store else { throw ExitCodeError.failure }
        return store
    }
}

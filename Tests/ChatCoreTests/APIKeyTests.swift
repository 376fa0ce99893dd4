import ChatCore
import Testing

@Suite struct APIKeyTests {
    static let secret = "sk-or-v1-0123456789abcdef0123456789abcdef9f3a"

    @Test func masksKeepPrefixAndLastFour() {
        #expect(APIKey.mask(Self.secret) == "sk-or-v1-…9f3a")
        #expect(APIKey.mask("abcdefghijklmnop") == "…mnop")
        #expect(APIKey.mask("short") == "…(5 characters)")
    }

    @Test(arguments: ["sk-or-v1-abc", "sk-or-v1-abcdefgh", "abc-defghijklmnopqrstuvwxyz", "sk-or-v1-0123456789abcdef0123456789abcdef9f3a", "x"])
    func atMostTheLastFourCharactersOfAKeyShowWhateverItsLength(key: String) {
        let masked = APIKey.mask(key)
        let shown = masked.split(separator: "…").last.map(String.init) ?? ""
        let marker = masked.split(separator: "…", omittingEmptySubsequences: false).first.map(String.init) ?? ""
        #expect(marker.isEmpty || ["sk-or-v1-", "sk-ant-", "sk-proj-", "sk-"].contains(marker))
        if !shown.hasPrefix("(") {
            #expect(shown.count <= 4)
            #expect(key.count - marker.count - shown.count >= 8, "\(masked) hides too little of \(key)")
        }
    }

    @Test func interpolationDumpAndReflectionNeverShowTheKey() {
        let key = APIKey(Self.secret)
        var dumped = ""
        dump(key, to: &dumped)
        let settingsText = "\(ProviderSettings(enabled: true, baseURL: "https://x", defaultModel: "m", timeoutSeconds: 1, maxRetries: 0, temperature: 0, maxTokens: nil, streaming: true, healthCheckIntervalSeconds: 1, autoHealthCheck: true, apiKey: key))"
        for text in ["\(key)", String(describing: key), String(reflecting: key), dumped, settingsText] {
            #expect(!text.contains("0123456789abcdef"), "leaked in \(text)")
        }
        #expect(key.revealedForRequest == Self.secret)
    }
}

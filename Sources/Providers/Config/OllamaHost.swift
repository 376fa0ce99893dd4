import Foundation

/// Reads `OLLAMA_HOST` the way Ollama's own client does: `host`, `host:port`, `:port` or a
/// full URL. Without a scheme the port defaults to 11434; `0.0.0.0` (a listen address) is
/// reached through 127.0.0.1.
public enum OllamaHost {
    public static let defaultPort = 11434

    /// The base URL `value` stands for, or nil when it cannot be one.
    public static func baseURL(from value: String) -> String? {
        let text = value.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return nil }
        let lowered = text.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            return BaseURL.normalized(text)
        }
        guard !text.contains("://") else { return nil }
        var host = text
        var port = String(defaultPort)
        if let colon = text.lastIndex(of: ":"), !text.hasSuffix("]") {
            host = String(text[..<colon])
            port = String(text[text.index(after: colon)...])
        }
        if host.isEmpty || host == "0.0.0.0" { host = "127.0.0.1" }
        return BaseURL.normalized("http://\(host):\(port)")
    }
}

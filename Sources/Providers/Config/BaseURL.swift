/// Checks and normalises the base URL of a provider.
public enum BaseURL {
    /// `text` without trailing slashes when it is an `http://` or `https://` URL with a host
    /// and, if given, a numeric port; nil otherwise.
    public static func normalized(_ text: String) -> String? {
        let lowered = text.lowercased()
        guard let schemeEnd = ["http://", "https://"].first(where: { lowered.hasPrefix($0) })?.count else { return nil }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        let rest = url.dropFirst(schemeEnd)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.contains(where: { $0 == " " || $0.isNewline }) else { return nil }
        let hostAndPort = authority.split(separator: "@").last ?? authority
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            let afterHost = hostAndPort[hostAndPort.index(after: close)...]
            return isValidPortSuffix(afterHost) ? url : nil
        }
        guard let colon = hostAndPort.firstIndex(of: ":") else { return url }
        guard colon != hostAndPort.startIndex else { return nil }
        return isValidPortSuffix(hostAndPort[colon...]) ? url : nil
    }

    /// Empty, or `:` followed by a port number from 1 to 65535.
    private static func isValidPortSuffix(_ suffix: Substring) -> Bool {
        if suffix.isEmpty { return true }
        guard suffix.first == ":", let port = Int(suffix.dropFirst()) else { return false }
        return (1...65535).contains(port)
    }
}

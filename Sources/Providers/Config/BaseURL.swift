import ChatCore
import Foundation

/// Checks and normalises the base URL of a provider, and takes credentials out of it.
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

    /// Where the authority of `url` (after `scheme://`) starts and ends.
    private static func authorityRange(_ url: String) -> Range<String.Index>? {
        guard let scheme = url.range(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        return scheme.upperBound..<end
    }

    /// `url` without its user and password, and them as credentials (percent-decoded).
    public static func splittingCredentials(_ url: String) -> (url: String, credentials: URLCredentials?) {
        guard let authority = authorityRange(url), let at = url[authority].lastIndex(of: "@") else { return (url, nil) }
        let userinfo = url[authority.lowerBound..<at]
        let colon = userinfo.firstIndex(of: ":")
        let user = String(userinfo[..<(colon ?? userinfo.endIndex)])
        let password = colon.map { String(userinfo[userinfo.index(after: $0)...]) } ?? ""
        var stripped = url
        stripped.removeSubrange(authority.lowerBound...at)
        let credentials = URLCredentials(
            user: user.removingPercentEncoding ?? user, password: password.removingPercentEncoding ?? password
        )
        return (stripped, credentials)
    }

    /// `text` with the user and password of every URL in it replaced by `…`, as browsers show
    /// URLs: for values shown back (`parley config`, an error naming a bad value).
    public static func maskingCredentials(in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            result += rest[..<scheme.upperBound]
            rest = rest[scheme.upperBound...]
            let end = rest.firstIndex { "/?#, \t\n".contains($0) } ?? rest.endIndex
            if let at = rest[..<end].lastIndex(of: "@") {
                result += "…"
                rest = rest[at...]
            }
        }
        return result + rest
    }

    /// The host of `url`, lowercased, without port or brackets.
    public static func host(of url: String) -> String? {
        guard let authority = authorityRange(url) else { return nil }
        var host = url[authority]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            return String(host[host.index(after: host.startIndex)..<close]).lowercased()
        }
        return String(host.prefix { $0 != ":" }).lowercased()
    }

    /// Whether `url` points at this machine (`localhost`, `127.x.x.x`, `::1`).
    public static func isLoopback(_ url: String) -> Bool {
        guard let host = host(of: url) else { return false }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    /// Whether `url` is plain `http://`, readable by anyone on the way.
    public static func isPlainHTTP(_ url: String) -> Bool {
        url.lowercased().hasPrefix("http://")
    }
}

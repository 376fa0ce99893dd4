import CCurl
import ChatCore
import Foundation
import Providers

/// Turns libcurl's result codes into `ProviderError`s that say what happened and what to do.
enum CurlErrorMapping {
    static func error(_ code: CURLcode, transfer: CurlTransfer) -> ProviderError {
        let origin = origin(of: transfer.request.url)
        let detail = transfer.curlErrorText
        let connectHint = transfer.request.connectionHint ?? "check that the server is running and the URL is right"
        switch code {
        case CURLE_COULDNT_CONNECT:
            return ProviderError(.connectionFailed, "cannot connect to \(origin) (\(systemReason(transfer) ?? reason(detail, fallback: "connection refused")))", hint: connectHint)
        case CURLE_COULDNT_RESOLVE_HOST:
            return ProviderError(.connectionFailed, "cannot connect to \(origin) (unknown host)", hint: "check the host name in the URL")
        case CURLE_OPERATION_TIMEDOUT:
            let seconds = format(transfer.request.timeouts.connect)
            // A host that swallows packets: no connection was made, as when it is refused, so
            // the provider is down and skipped, rather than costing this wait on every prompt.
            return ProviderError(.connectionFailed, "cannot connect to \(origin) (no answer within \(seconds) s)", hint: connectHint)
        case CURLE_GOT_NOTHING:
            return ProviderError(.connectionLost, "\(origin) closed the connection without answering", hint: "the server may have crashed; try again")
        case CURLE_PARTIAL_FILE, CURLE_RECV_ERROR, CURLE_SEND_ERROR:
            return ProviderError(.connectionLost, "the connection to \(origin) broke in the middle of the response", hint: "the reply so far is kept; try again")
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CERTPROBLEM:
            return ProviderError(
                .connectionFailed, "cannot make a secure connection to \(origin) (\(reason(detail, fallback: "TLS failed")))",
                hint: "Parley always verifies certificates; fix the server's certificate or the system's CA bundle"
            )
        case CURLE_TOO_MANY_REDIRECTS:
            return ProviderError(.connectionFailed, "\(origin) redirected too many times", hint: "check the URL")
        case CURLE_UNSUPPORTED_PROTOCOL:
            return ProviderError(.connectionFailed, "cannot follow \(transfer.request.url): only http and https are used", hint: "check the URL")
        case CURLE_WRITE_ERROR, CURLE_ABORTED_BY_CALLBACK:
            return ProviderError(.cancelled, "cancelled")
        default:
            let text = String(cString: curl_easy_strerror(code))
            return ProviderError(.connectionFailed, "request to \(origin) failed: \(reason(detail, fallback: text))", hint: connectHint)
        }
    }

    static func noFirstByte(_ transfer: CurlTransfer) -> ProviderError {
        let seconds = format(transfer.request.timeouts.firstByte)
        return ProviderError(
            .timedOut, "no response from \(origin(of: transfer.request.url)) within \(seconds) s",
            hint: "the server may be overloaded or still loading the model; try again, or raise the timeout"
        )
    }

    static func stalled(_ transfer: CurlTransfer) -> ProviderError {
        let seconds = format(transfer.request.timeouts.idle)
        return ProviderError(
            .timedOut, "the stream from \(origin(of: transfer.request.url)) stalled: nothing received for \(seconds) s",
            hint: "the reply so far is kept; try again"
        )
    }

    /// Seconds as a person writes them: `30`, `0.5`.
    private static func format(_ duration: Duration) -> String {
        let seconds = duration.inSeconds
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// The operating system's reason for a failed connect (`connection refused`), when known.
    private static func systemReason(_ transfer: CurlTransfer) -> String? {
        var code = 0
        parley_curl_easy_getinfo_long(transfer.handle, CURLINFO_OS_ERRNO, &code)
        guard code != 0, let text = strerror(Int32(code)) else { return nil }
        return String(cString: text).lowercased()
    }

    /// `scheme://host:port` of a URL, which is what a user recognises in a message.
    static func origin(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return String(url[..<schemeEnd.upperBound]) + authority
    }

    /// libcurl's detail text reduced to its reason: "Failed to connect to 127.0.0.1 port 9:
    /// Connection refused" becomes "connection refused".
    private static func reason(_ detail: String, fallback: String) -> String {
        guard !detail.isEmpty else { return fallback }
        let last = detail.split(separator: ":").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? detail
        guard let first = last.first else { return fallback }
        return first.lowercased() + last.dropFirst()
    }
}

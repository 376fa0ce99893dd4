/// The token clients present, compared in constant time: how long a wrong guess takes says
/// nothing of how much of it was right.
struct BearerToken: Sendable {
    private let expected: [UInt8]

    init(_ token: String) {
        expected = Array(token.utf8)
    }

    /// Whether `header` (an `Authorization` value) carries the token.
    func admits(_ header: String?) -> Bool {
        let prefix = "Bearer "
        guard let header, header.hasPrefix(prefix) else { return false }
        let given = Array(header.utf8.dropFirst(prefix.utf8.count))
        var difference = UInt8(given.count == expected.count ? 0 : 1)
        for index in expected.indices {
            difference |= expected[index] ^ (index < given.count ? given[index] : 0)
        }
        return difference == 0
    }
}

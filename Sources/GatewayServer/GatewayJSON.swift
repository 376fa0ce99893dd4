import Foundation

/// How the gateway writes JSON: keys sorted (stable for people and tests), slashes left alone.
enum GatewayJSON {
    static func encode(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every body the gateway writes is a plain struct of strings and numbers, which always
        // encode; a non-finite number is the one exception, and none is written.
        return Array((try? encoder.encode(value)) ?? Data(#"{"error":{"message":"could not encode the response","type":"server_error","param":null,"code":"internal"}}"#.utf8))
    }
}

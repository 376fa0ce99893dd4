import Foundation

/// JSON text built from bytes, so the simulator can put exactly the bytes a fault needs
/// (invalid UTF-8 included) inside a JSON string.
enum JSONText {
    /// `bytes` as a quoted JSON string: quotes, backslashes and control characters escaped,
    /// every other byte passed through untouched.
    static func quoted(_ bytes: [UInt8]) -> [UInt8] {
        if !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return [0x22] + bytes + [0x22]
        }
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            switch byte {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case ..<0x20: out += Array(String(format: "\\u%04x", byte).utf8)
            default: out.append(byte)
            }
        }
        out.append(0x22)
        return out
    }

    static func quoted(_ text: String) -> [UInt8] {
        quoted(Array(text.utf8))
    }
}

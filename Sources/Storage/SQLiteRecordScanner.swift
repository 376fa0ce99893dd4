import Foundation

/// Reads the rows of a SQLite file that SQLite itself refuses to open (a damaged header or
/// schema page), straight from the file format: every table leaf page of the file — the
/// newest committed copy from its write-ahead log where there is one — and every record on
/// it. No schema is needed; the caller recognises its tables by the shape of their records.
/// https://www.sqlite.org/fileformat2.html
public struct SQLiteRecordScanner {
    /// A value of a record, as the file stores it.
    public enum Value: Hashable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
        case blob(Data)
    }

    private let pages: [Int: Data]
    private let pageSize: Int

    init(databasePath: String) {
        self.init(
            file: (try? Data(contentsOf: URL(fileURLWithPath: databasePath), options: .mappedIfSafe)) ?? Data(),
            wal: try? Data(contentsOf: URL(fileURLWithPath: databasePath + "-wal"))
        )
    }

    /// The page size read with: the file header's, else the WAL header's, else the size
    /// under which the file's first pages hold the most records (a damaged header may hold
    /// any number there).
    public init(file: Data, wal: Data?) {
        let size = Self.statedPageSize(file) ?? wal.flatMap(Self.walPageSize) ?? Self.probedPageSize(file)
        self.init(pages: Self.pages(of: file, wal: wal, pageSize: size), pageSize: size)
    }

    private init(pages: [Int: Data], pageSize: Int) {
        self.pages = pages
        self.pageSize = pageSize
    }

    /// Every record found on a table leaf page, in page order.
    public func records() -> [[Value]] {
        var found: [[Value]] = []
        for number in pages.keys.sorted() {
            guard let page = pages[number] else { continue }
            found += leafRecords(page, headerOffset: number == 1 ? 100 : 0)
        }
        return found
    }

    /// Whether the file at `path` starts with a SQLite header SQLite can read (an absent or
    /// empty file is a new database).
    static func hasReadableHeader(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        return header.isEmpty || statedPageSize(header) != nil
    }

    private static func walPageSize(_ wal: Data) -> Int? {
        guard wal.count >= 32 else { return nil }
        let bytes = [UInt8](wal.prefix(12))
        let size = Int(bytes[8]) << 24 | Int(bytes[9]) << 16 | Int(bytes[10]) << 8 | Int(bytes[11])
        return (512...65536).contains(size) && size & (size - 1) == 0 ? size : nil
    }

    private static func probedPageSize(_ file: Data) -> Int {
        // The same bytes for every size (the first MiB): under the right one every leaf page
        // in them is found whole.
        let sample = file.prefix(1 << 20)
        var best = (size: 4096, records: 0)
        for size in [4096, 1024, 2048, 8192, 16384, 32768, 65536, 512] {
            let records = SQLiteRecordScanner(pages: pages(of: sample, wal: nil, pageSize: size), pageSize: size).records().count
            if records > best.records { best = (size, records) }
        }
        return best.size
    }

    private static func statedPageSize(_ file: Data) -> Int? {
        guard file.count >= 100, file.prefix(16) == Data("SQLite format 3\u{0}".utf8) else { return nil }
        let raw = Int(file[file.startIndex + 16]) << 8 | Int(file[file.startIndex + 17])
        let size = raw == 1 ? 65536 : raw
        return (512...65536).contains(size) && size & (size - 1) == 0 ? size : nil
    }

    /// The file's pages by number (from 1), replaced by the newest copy committed to the WAL.
    private static func pages(of file: Data, wal: Data?, pageSize: Int) -> [Int: Data] {
        var pages: [Int: Data] = [:]
        var offset = 0
        while offset + pageSize <= file.count {
            // A slice: the pages share the (mapped) file's bytes.
            pages[offset / pageSize + 1] = file[file.startIndex + offset ..< file.startIndex + offset + pageSize]
            offset += pageSize
        }
        if let wal { pages.merge(committedFrames(wal, pageSize: pageSize)) { _, newer in newer } }
        return pages
    }

    /// WAL frames of the current salt up to the last commit; frames after it were never
    /// committed and must not be read.
    private static func committedFrames(_ wal: Data, pageSize: Int) -> [Int: Data] {
        guard wal.count >= 32 else { return [:] }
        let bytes = [UInt8](wal)
        func u32(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
        }
        guard u32(0) & 0xFFFF_FFFE == 0x377F_0682, Int(u32(8)) == pageSize else { return [:] }
        let salts = (u32(16), u32(20))
        var committed: [Int: Data] = [:]
        var pending: [Int: Data] = [:]
        var offset = 32
        while offset + 24 + pageSize <= bytes.count {
            let number = Int(u32(offset))
            guard number > 0, (u32(offset + 8), u32(offset + 12)) == salts else { break }
            pending[number] = Data(bytes[offset + 24 ..< offset + 24 + pageSize])
            if u32(offset + 4) != 0 {
                committed.merge(pending) { _, newer in newer }
                pending = [:]
            }
            offset += 24 + pageSize
        }
        return committed
    }

    /// The records of a table leaf page (type 13); nothing for any other page, and nothing
    /// past the first cell that does not add up.
    private func leafRecords(_ page: Data, headerOffset: Int) -> [[Value]] {
        let bytes = [UInt8](page)
        guard bytes.count > headerOffset + 8, bytes[headerOffset] == 13 else { return [] }
        let cellCount = Int(bytes[headerOffset + 3]) << 8 | Int(bytes[headerOffset + 4])
        guard headerOffset + 8 + cellCount * 2 <= bytes.count else { return [] }
        var records: [[Value]] = []
        for cell in 0..<cellCount {
            let pointerAt = headerOffset + 8 + cell * 2
            let start = Int(bytes[pointerAt]) << 8 | Int(bytes[pointerAt + 1])
            guard start >= headerOffset + 8, start < bytes.count,
                  let payload = payload(bytes, at: start),
                  let record = Self.record(payload)
            else { continue }
            records.append(record)
        }
        return records
    }

    /// A cell's payload: payload size, row id, the local part, then the overflow chain.
    private func payload(_ bytes: [UInt8], at start: Int) -> [UInt8]? {
        var at = start
        guard let size = Self.varint(bytes, &at), Self.varint(bytes, &at) != nil,
              size >= 0, size < 1 << 30
        else { return nil }
        let total = Int(size)
        let usable = pageSize
        let maxLocal = usable - 35
        var local = total
        if total > maxLocal {
            let minLocal = (usable - 12) * 32 / 255 - 23
            let candidate = minLocal + (total - minLocal) % (usable - 4)
            local = candidate <= maxLocal ? candidate : minLocal
        }
        guard at + local <= bytes.count else { return nil }
        var payload = Array(bytes[at ..< at + local])
        guard local < total else { return payload }
        guard at + local + 4 <= bytes.count else { return nil }
        var next = Int(bytes[at + local]) << 24 | Int(bytes[at + local + 1]) << 16 | Int(bytes[at + local + 2]) << 8 | Int(bytes[at + local + 3])
        var visited: Set<Int> = []
        while payload.count < total {
            guard next > 0, visited.insert(next).inserted, let overflow = pages[next] else { return nil }
            let chunk = [UInt8](overflow)
            let take = min(total - payload.count, usable - 4)
            payload += chunk[4 ..< 4 + take]
            next = Int(chunk[0]) << 24 | Int(chunk[1]) << 16 | Int(chunk[2]) << 8 | Int(chunk[3])
        }
        return payload
    }

    /// A record: a header of serial types, then the values they describe.
    static func record(_ payload: [UInt8]) -> [Value]? {
        var at = 0
        guard let headerSize = varint(payload, &at), headerSize >= 1, Int(headerSize) <= payload.count else { return nil }
        var types: [Int64] = []
        while at < Int(headerSize) {
            guard let type = varint(payload, &at) else { return nil }
            types.append(type)
        }
        guard at == Int(headerSize) else { return nil }
        var values: [Value] = []
        for type in types {
            switch type {
            case 0: values.append(.null)
            case 1...6:
                let length = [1, 2, 3, 4, 6, 8][Int(type) - 1]
                guard at + length <= payload.count else { return nil }
                var value = Int64(Int8(bitPattern: payload[at]))
                for byte in payload[at + 1 ..< at + length] { value = value << 8 | Int64(byte) }
                values.append(.integer(value))
                at += length
            case 7:
                guard at + 8 <= payload.count else { return nil }
                let bits = payload[at ..< at + 8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                values.append(.real(Double(bitPattern: bits)))
                at += 8
            case 8: values.append(.integer(0))
            case 9: values.append(.integer(1))
            case 12...:
                let length = Int((type - 12) / 2)
                guard at + length <= payload.count else { return nil }
                let bytes = payload[at ..< at + length]
                if type % 2 == 0 {
                    values.append(.blob(Data(bytes)))
                } else {
                    guard let text = String(bytes: bytes, encoding: .utf8) else { return nil }
                    values.append(.text(text))
                }
                at += length
            default: return nil
            }
        }
        return values
    }

    /// SQLite's big-endian varint: up to 8 bytes of 7 bits, a ninth of 8.
    static func varint(_ bytes: [UInt8], _ at: inout Int) -> Int64? {
        var value: UInt64 = 0
        for index in 0..<9 {
            guard at < bytes.count else { return nil }
            let byte = bytes[at]
            at += 1
            if index == 8 { return Int64(bitPattern: value << 8 | UInt64(byte)) }
            value = value << 7 | UInt64(byte & 0x7F)
            if byte & 0x80 == 0 { return Int64(bitPattern: value) }
        }
        return nil
    }
}

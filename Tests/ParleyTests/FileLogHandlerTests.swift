import Foundation
import Logging
@testable import parley
import Testing

@Suite struct FileLogHandlerTests {
    @Test func writesOneLinePerRecordIntoACreatedFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sub/parley.log").path
        let sink = FileLogHandler.Sink(path: path)
        #expect(!FileManager.default.fileExists(atPath: path))
        var logger = Logger(label: "test") { FileLogHandler(label: $0, sink: sink) }
        logger[metadataKey: "provider"] = "ollama"
        logger.info("first")
        logger.debug("hidden below the level")
        logger.warning("second", metadata: ["status": "503"])
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasSuffix("info [test] first provider=ollama"))
        #expect(lines[1].hasSuffix("warning [test] second provider=ollama status=503"))
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)
    }

    @Test func pastItsSizeLimitTheLogMovesToDotOneAndStartsAgain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-log-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("parley.log").path
        let sink = FileLogHandler.Sink(path: path, maxBytes: 1000)
        let logger = Logger(label: "test") { FileLogHandler(label: $0, sink: sink) }
        for index in 0..<100 { logger.info("line \(index) \(String(repeating: "x", count: 40))") }
        let current = try String(contentsOfFile: path, encoding: .utf8)
        let previous = try String(contentsOfFile: path + ".1", encoding: .utf8)
        #expect(current.utf8.count <= 1000)
        #expect(previous.utf8.count <= 1000)
        #expect(current.contains("line 99 "))
        #expect(!FileManager.default.fileExists(atPath: path + ".2"))
    }
}

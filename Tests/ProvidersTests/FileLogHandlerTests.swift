import Foundation
import Logging
import Providers
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
}

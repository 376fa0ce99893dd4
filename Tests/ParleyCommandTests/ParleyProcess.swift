import Foundation

/// Runs the built `parley` executable, as a user would, and captures what it printed.
struct ParleyProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `parley` sits beside the test bundle in the build folder.
    static var executable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("parley")
    }

    /// Runs `parley` on a thread of its own and waits without holding one of the few
    /// threads of the concurrency pool, which the other tests' servers need.
    /// With `onTerminal`, `parley` runs with a pseudo-terminal as its stdout and stderr (through
    /// util-linux `script`), as in a user's shell; what it wrote comes back as `stdout`.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, directory: URL, onTerminal: Bool = false
    ) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                continuation.resume(with: Swift.Result {
                    try runBlocking(arguments, environment: environment, stdin: stdin, directory: directory, onTerminal: onTerminal)
                })
            }
            thread.start()
        }
    }

    private static func runBlocking(_ arguments: [String], environment: [String: String], stdin: String?, directory: URL, onTerminal: Bool) throws -> Result {
        let process = Process()
        if onTerminal {
            let command = ([executable.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
            process.arguments = ["-qec", command, "/dev/null"]
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.currentDirectoryURL = directory
        process.environment = ["HOME": directory.path, "PATH": "/usr/bin:/bin"].merging(environment) { $1 }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    /// A fresh folder holding `.env` with `contents`, removed by the caller.
    static func folder(dotEnv contents: String?) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parley-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let contents {
            let file = folder.appendingPathComponent(".env")
            try contents.write(to: file, atomically: true, encoding: .utf8)
            // As a careful user keeps it; the tests of the permission warning loosen it.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        return folder
    }
}

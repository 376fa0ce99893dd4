#if PARLEY_FUZZING
import Foundation

/// libFuzzer's driver. SwiftPM points an executable's `main` at the module's own entry point,
/// so this `@main` hands control to libFuzzer instead of relying on libFuzzer's `main`.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

/// The target under fuzzing, named by `PARLEY_FUZZ_TARGET`; read once, as libFuzzer calls the
/// callback millions of times.
private let target: FuzzTarget = {
    let name = ProcessInfo.processInfo.environment["PARLEY_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let known = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set PARLEY_FUZZ_TARGET to one of: \(known)\n".utf8))
        exit(2)
    }
    return target
}()

/// `PARLEY_FUZZ_TARGET=sse parley-fuzz [libFuzzer options] CORPUS_DIR...` in a build with
/// `-sanitize=fuzzer` (scripts/fuzz.sh).
@main
enum FuzzEntry {
    static func main() {
        _ = target
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(runFuzzerDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            target.run(Array(UnsafeBufferPointer(start: data, count: size)))
            return 0
        })
    }
}
#endif

import Foundation

// parley-bench [decoders|transport|frames|store|serve|pool|all] [runs] [store folder to keep]: prints one line per figure. Build in release
// mode (make bench); the transport benchmark starts the release parley-sim beside it.
let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "all"
let runs = arguments.dropFirst().first.flatMap { Int($0) } ?? 5

if mode == "decoders" || mode == "all" {
    try DecoderBenchmark.run(runs: runs)
}
if mode == "transport" || mode == "all" {
    try await TransportBenchmark.run(runs: runs)
}
if mode == "serve" || mode == "all" {
    try await ServeBenchmark.run(runs: runs)
}
if mode == "pool" || mode == "all" {
    try await PoolBenchmark.run()
}
if mode == "frames" || mode == "all" {
    FrameBenchmark.run(runs: runs)
}
if mode == "store" || mode == "all" {
    try StoreBenchmark.run(runs: runs, keepIn: arguments.dropFirst(2).first)
}

import ChatCore
import Hummingbird

/// Writes one streamed reply: opening, thinking, tokens at the scripted pace, closing, with
/// the behaviour's mid-stream fault planted where the script says.
struct ReplyStreamer: Sendable {
    let framing: any ReplyFraming
    let behavior: ModelBehavior
    let promptTokens: Int

    /// Thrown from the body writer to make the server close the connection mid-response.
    struct DroppedConnection: Error {}

    func write(to writer: inout any ResponseBodyWriter) async throws {
        let script = ReplyScript(behavior: behavior)
        var output = PacedOutput(tokensPerSecond: behavior.tokensPerSecond, drip: behavior.fault == .slowDrip ? .milliseconds(behavior.dripMilliseconds) : nil)
        let hugeLine = behavior.fault == .hugeLine ? Self.hugeLine(framing) : nil
        let start = ContinuousClock.now
        try await output.send(framing.opening(), isToken: false, to: &writer)
        for token in script.thinking {
            try await output.send(framing.thinking(token), isToken: true, to: &writer)
        }
        for (index, token) in script.tokens.enumerated() {
            if index == script.faultIndex, try await plantFault(output: &output, writer: &writer) {
                return
            }
            if index == script.faultIndex, let hugeLine {
                try await output.flush(to: &writer)
                try await output.send(hugeLine, isToken: true, to: &writer)
                continue
            }
            try await output.send(framing.token(token), isToken: true, to: &writer)
        }
        if script.faultIndex == script.tokens.count, try await plantFault(output: &output, writer: &writer) {
            return
        }
        if behavior.fault != .missingTerminal {
            let elapsed = ContinuousClock.now - start
            let nanos = Int64(elapsed.wholeNanoseconds)
            let closing = behavior.fault == .absurdStats ? framing.absurdClosing()
                : framing.closing(promptTokens: promptTokens, completionTokens: script.tokens.count + script.thinking.count, elapsedNanos: nanos)
            try await output.send(closing, isToken: false, to: &writer)
        }
        try await output.flush(to: &writer)
        try await writer.finish(nil)
    }

    /// The 20 MB line, framed by splicing its bytes where a short marker was framed: `x` needs
    /// no escaping, and escaping 20 MB byte by byte takes long enough in a debug or sanitizer
    /// build to look like a stall to the client.
    private static func hugeLine(_ framing: any ReplyFraming) -> [UInt8] {
        let marker = Array("huge-line-marker".utf8)
        var frame = framing.token(marker)
        if let range = frame.firstRange(of: marker) {
            frame.replaceSubrange(range, with: [UInt8](repeating: 0x78, count: ReplyScript.hugeTokenBytes))
        }
        return frame
    }

    /// How much an endless event sends before the simulator gives up on the client.
    static let endlessBytes = 64 * 1024 * 1024

    /// Carries out a mid-stream fault; true when the response ends with it.
    private func plantFault(output: inout PacedOutput, writer: inout any ResponseBodyWriter) async throws -> Bool {
        switch behavior.fault {
        case .stallMidStream:
            try await output.flush(to: &writer)
            try await Task.sleep(for: .seconds(behavior.stallSeconds))
            return false
        case .dropMidStream:
            try await output.flush(to: &writer)
            throw DroppedConnection()
        case .errorAfter200:
            try await output.send(framing.errorRecord("simulated failure after the stream started"), isToken: false, to: &writer)
        case .malformedLine:
            try await output.send(framing.malformedRecord(), isToken: false, to: &writer)
        case .endlessEvent:
            try await output.send(framing.endlessOpening(), isToken: false, to: &writer)
            try await output.flush(to: &writer)
            let chunk = framing.endlessChunk()
            var sent = 0
            // Bounded, so a client that never hangs up does not keep the simulator busy forever.
            while sent < Self.endlessBytes {
                try await writer.write(ByteBuffer(bytes: chunk))
                sent += chunk.count
            }
        default:
            return false
        }
        try await output.flush(to: &writer)
        try await writer.finish(nil)
        return true
    }
}

/// Paces and batches output: tokens at `tokensPerSecond` when set, else batched into
/// 16 KiB writes; every byte alone, `drip` apart, when dripping.
struct PacedOutput {
    private let interval: Duration?
    private let drip: Duration?
    private var pending: [UInt8] = []
    private var nextTokenTime = ContinuousClock.now

    init(tokensPerSecond: Double?, drip: Duration?) {
        interval = tokensPerSecond.flatMap { $0 > 0 ? .seconds(1 / $0) : nil }
        self.drip = drip
    }

    mutating func send(_ bytes: [UInt8], isToken: Bool, to writer: inout any ResponseBodyWriter) async throws {
        guard !bytes.isEmpty else { return }
        if let drip {
            for byte in bytes {
                try await writer.write(ByteBuffer(bytes: [byte]))
                try await Task.sleep(for: drip)
            }
            return
        }
        if let interval, isToken {
            try await flush(to: &writer)
            nextTokenTime = max(nextTokenTime + interval, ContinuousClock.now - interval)
            try await Task.sleep(until: nextTokenTime)
            try await writer.write(ByteBuffer(bytes: bytes))
            return
        }
        pending += bytes
        if interval != nil || pending.count >= 16 * 1024 { try await flush(to: &writer) }
    }

    mutating func flush(to writer: inout any ResponseBodyWriter) async throws {
        guard !pending.isEmpty else { return }
        try await writer.write(ByteBuffer(bytes: pending))
        pending.removeAll(keepingCapacity: true)
    }
}

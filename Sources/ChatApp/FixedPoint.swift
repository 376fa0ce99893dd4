/// Numbers for the screen with a fixed count of decimals, without Foundation's
/// `String(format:)`, which is slow enough to show in a frame's cost.
enum FixedPoint {
    static func text(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // Beyond 1e15 a Double no longer holds whole numbers, and beyond Int's range the
        // conversion traps: such a figure (from a stored or hostile number) is not shown.
        guard value.isFinite, abs(value) * scale < 1e15 else { return "–" }
        let scaled = Int((abs(value) * scale).rounded())
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        let whole = scaled / Int(scale)
        var fraction = String(scaled % Int(scale))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(sign)\(whole).\(fraction)"
    }
}

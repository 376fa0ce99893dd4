import ArgumentParser

/// The options every command shares: where `.env` is and the settings given as flags.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("env-file"), help: ArgumentHelp("Read settings from this file instead of ./.env.", valueName: "path"))
    var envFile: String?

    @Option(name: .customLong("set"), help: ArgumentHelp("Set any variable, e.g. --set OLLAMA_TIMEOUT=60 (repeatable).", valueName: "NAME=VALUE"))
    var assignments: [String] = []

    @Option(name: .customLong("prefer"), help: ArgumentHelp("Preferred provider (PREFERRED_PROVIDER).", valueName: "name"))
    var provider: String?

    @Option(name: .customLong("theme"), help: ArgumentHelp("Theme name or file (PARLEY_THEME).", valueName: "name|path"))
    var theme: String?

    @Flag(name: .customLong("no-fallback"), help: "Never fall back to another provider (ENABLE_FALLBACK=false).")
    var noFallback = false

    /// The flag layer of the configuration, by variable name.
    func flagValues() throws -> [String: String] {
        var values: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw ValidationError("--set expects NAME=VALUE, got '\(assignment)'")
            }
            values[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        if let provider { values["PREFERRED_PROVIDER"] = provider }
        if let theme { values["PARLEY_THEME"] = theme }
        if noFallback { values["ENABLE_FALLBACK"] = "false" }
        return values
    }
}

import ChatCore
import Providers

/// The text form of `parley config`: one aligned row per variable, then the providers it adds up to.
struct ConfigTable {
    let dotEnvPath: String?
    let report: ConfigurationReport

    var text: String {
        var lines = ["Settings file: \(dotEnvPath ?? "none (no .env in the working directory)")", ""]
        let nameWidth = report.effective.map(\.name.count).max() ?? 0
        let valueWidth = min(48, report.effective.map { display($0.value).count }.max() ?? 0)
        lines.append(pad("NAME", nameWidth) + "  " + pad("VALUE", valueWidth) + "  SOURCE")
        for setting in report.effective {
            let source = setting.source.rawValue + (setting.via.map { " (\($0))" } ?? "")
            lines.append(pad(setting.name, nameWidth) + "  " + pad(display(setting.value), valueWidth) + "  " + source)
        }
        if let settings = report.settings {
            lines.append("")
            lines.append(contentsOf: providerSummary(settings))
        }
        return lines.joined(separator: "\n")
    }

    private func providerSummary(_ settings: Settings) -> [String] {
        var lines = ["Providers:"]
        let ollama = settings.ollama.enabled ? "enabled, \(settings.ollama.baseURL)" : "disabled (OLLAMA_ENABLED=false)"
        lines.append("  ollama      \(ollama)")
        let openRouter: String
        if !settings.openRouter.enabled {
            openRouter = "disabled (OPENROUTER_ENABLED=false)"
        } else if settings.openRouter.apiKey == nil {
            openRouter = "not configured (set OPENROUTER_API_KEY to use it)"
        } else {
            openRouter = "enabled, \(settings.openRouter.baseURL)"
        }
        lines.append("  openrouter  \(openRouter)")
        for extra in settings.extraProviders {
            let state = extra.settings.enabled
                ? "\(extra.kind.rawValue), \(extra.baseURL)\(extra.settings.apiKey == nil ? "" : ", with its key")"
                : "disabled (\(extra.id.settingsPrefix)_ENABLED=false)"
            lines.append("  \(pad(extra.id.rawValue, 10))  \(state)")
        }
        for pool in settings.pools {
            let members = pool.members.map(\.rawValue).joined(separator: pool.order == .priority ? " > " : ", ")
            lines.append("  \(pad(pool.id.rawValue, 10))  pool of \(members)\(pool.order == .priority ? " (in this order)" : " (loaded first, then least busy)")")
        }
        lines.append("  demo        built in, no network")
        lines.append("Preferred: \(settings.preferredProvider); fallback \(settings.enableFallback ? "on" : "off")")
        return lines
    }

    private func display(_ value: String) -> String {
        value.isEmpty ? "(empty)" : value
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

import ChatCore
import Foundation

/// The short facts of a model, in the order a reader scans them: parameters, quantisation,
/// size on disk, context length, price in and out (or `free`), what it takes in beyond text,
/// and what it can do beyond plain chat. The picker and `parley models` show the same facts.
public enum ModelFacts {
    public static func of(_ model: ModelInfo) -> [String] {
        var facts: [String] = []
        if let parameters = model.parameterSize, !parameters.isEmpty { facts.append(parameters) }
        if let quantization = model.quantization, !quantization.isEmpty { facts.append(quantization) }
        if let size = model.sizeBytes, size > 0 { facts.append(HumanUnits.bytes(size)) }
        if let context = model.contextLength, context > 0 { facts.append("ctx \(context)") }
        if model.isFree {
            facts.append("free")
        } else if let prompt = model.promptPrice, let completion = model.completionPrice {
            facts.append("\(pricePerMillion(prompt))/M in \(pricePerMillion(completion))/M out")
        }
        if let modalities = model.inputModalities, modalities != ["text"] {
            facts.append("in: " + modalities.joined(separator: "+"))
        }
        // As Ollama's /api/show says; `completion` is what every chat model does.
        facts += ["tools", "vision", "thinking"].filter { model.capabilities?.contains($0) == true }
        return facts
    }

    /// USD per million tokens from USD per token: cents where they matter, more digits for the
    /// fractions of a cent some models cost.
    static func pricePerMillion(_ perToken: Double) -> String {
        let perMillion = perToken * 1e6
        return perMillion >= 0.01 || perMillion == 0 ? String(format: "$%.2f", perMillion) : String(format: "$%.4f", perMillion)
    }
}

import ChatCore
import Testing

@Suite struct ModelRefTests {
    static let known: Set<ProviderID> = [.ollama, .openrouter, .demo, "gpu"]

    @Test(arguments: [
        ("ollama:llama2", "ollama", "llama2"),
        ("ollama:llama3:8b", "ollama", "llama3:8b"),
        ("openrouter:anthropic/claude-3.5-sonnet", "openrouter", "anthropic/claude-3.5-sonnet"),
        ("openrouter:meta-llama/llama-3-8b-instruct:free", "openrouter", "meta-llama/llama-3-8b-instruct:free"),
        ("gpu:llama3", "gpu", "llama3"),
        ("demo:parley-demo", "demo", "parley-demo"),
        ("  ollama:llama2 ", "ollama", "llama2"),
    ])
    func prefixedNamesNameTheirProvider(text: String, provider: String, model: String) {
        let ref = ModelRef(parsing: text, knownProviders: Self.known)
        #expect(ref.provider == ProviderID(provider))
        #expect(ref.model == model)
        #expect(ref.description == "\(provider):\(model)")
    }

    @Test(arguments: ["llama2", "llama3:8b", "anthropic/claude-3.5-sonnet", "mistral:7b-instruct-q4_K_M", "hf.co/user/repo:Q4_K_M", "unknown:model"])
    func bareNamesStayBare(text: String) {
        let ref = ModelRef(parsing: text, knownProviders: Self.known)
        #expect(ref.isBare)
        #expect(ref.model == text)
        #expect(ref.description == text)
    }

    @Test func untaggedOllamaNameMeansLatest() {
        #expect(ModelRef.sameOllamaModel("llama2", "llama2:latest"))
        #expect(ModelRef.sameOllamaModel("llama2:latest", "llama2"))
        #expect(!ModelRef.sameOllamaModel("llama2", "llama2:7b"))
        #expect(ModelRef.canonicalOllamaName("registry.local:5000/team/llama2") == "registry.local:5000/team/llama2:latest")
        #expect(ModelRef.canonicalOllamaName("hf.co/user/repo:Q4_K_M") == "hf.co/user/repo:Q4_K_M")
    }
}

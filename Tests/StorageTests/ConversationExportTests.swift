import Foundation
import Storage
import Testing

@Suite struct ConversationExportTests {
    static let created = Date(timeIntervalSince1970: 1_800_000_000)
    static let conversation = StoredConversation(id: "c1", title: "Sky \"blue\"", model: "ollama:llama2", systemPrompt: "Be brief.", temperature: 0.2, maxTokens: 300, createdAt: created, updatedAt: created.addingTimeInterval(60))

    static var messages: [StoredMessage] {
        let outcome = Data(#"{"requested":{"model":"llama2"},"answeredBy":{"provider":"openrouter","model":"openai/gpt-4o"},"attempts":2,"timeToFirstTokenSeconds":0.2,"tokensPerSecond":40,"stats":{"promptTokens":12,"completionTokens":30},"hops":[]}"#.utf8)
        return [
            StoredMessage(id: "1", conversationID: "c1", position: 0, kind: "user", text: "Why is the sky blue?", thinking: "", status: .complete, outcome: nil, createdAt: created, updatedAt: created),
            StoredMessage(id: "2", conversationID: "c1", position: 1, kind: "note-warning", text: "ollama:llama2 failed → falling back", thinking: "", status: .complete, outcome: nil, createdAt: created, updatedAt: created),
            StoredMessage(id: "3", conversationID: "c1", position: 2, kind: "assistant", text: "Rayleigh scattering.\n\n```\nλ⁻⁴\n```", thinking: "", status: .complete, target: "openrouter:openai/gpt-4o", outcome: outcome, createdAt: created, updatedAt: created),
            StoredMessage(id: "4", conversationID: "c1", position: 3, kind: "assistant", text: "And at sun", thinking: "", status: .interrupted, target: "ollama:llama2", outcome: nil, createdAt: created, updatedAt: created),
        ]
    }

    @Test func markdownHasFrontMatterAndEveryMessage() throws {
        let text = try ConversationExport.render(Self.conversation, Self.messages, as: .markdown)
        let expected = """
        ---
        title: "Sky \\"blue\\""
        id: c1
        model: "ollama:llama2"
        answered_by: ["openrouter:openai/gpt-4o"]
        created: 2027-01-15T08:00:00Z
        updated: 2027-01-15T08:01:00Z
        messages: 3
        prompt_tokens: 12
        completion_tokens: 30
        system: "Be brief."
        temperature: 0.2
        ---

        # Sky "blue"

        ## You

        Why is the sky blue?

        > ollama:llama2 failed → falling back

        ## openrouter:openai/gpt-4o

        Rayleigh scattering.

        ```
        λ⁻⁴
        ```

        ## ollama:llama2

        And at sun

        *(interrupted: the answer is incomplete)*

        """
        #expect(text == expected)
    }

    @Test func jsonCarriesMessagesAndOutcomes() throws {
        let text = try ConversationExport.render(Self.conversation, Self.messages, as: .json)
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        let messages = document?["messages"] as? [[String: Any]]
        #expect(messages?.count == 4)
        #expect(messages?[3]["status"] as? String == "interrupted")
        let outcome = messages?[2]["outcome"] as? [String: Any]
        #expect((outcome?["answeredBy"] as? [String: Any])?["provider"] as? String == "openrouter")
        #expect((document?["conversation"] as? [String: Any])?["maxTokens"] as? Int == 300)
    }
}

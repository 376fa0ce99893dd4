/// The part of a chat request (either family) the simulator reads.
struct ChatRequestBody: Decodable {
    struct Message: Decodable {
        var role: String?
        var content: String?
    }

    var model: String?
    var messages: [Message]?
    var stream: Bool?
}

/// `/api/show`, `/api/pull` and `/api/delete` name their model as `model` (or the older `name`).
struct ModelRequestBody: Decodable {
    var model: String?
    var name: String?
    var stream: Bool?

    var modelName: String? { model ?? name }
}

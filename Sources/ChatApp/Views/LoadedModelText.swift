import ChatCore

/// How a loaded model's size and place read, in the sidebar and in `parley ps` alike:
/// `3.8 GB on GPU`, `3.8 GB on CPU`, `3.8 GB, 45% GPU`.
public enum LoadedModelText {
    public static func size(_ model: LoadedModel) -> String? {
        guard let size = model.sizeBytes else { return nil }
        let place = switch model.gpuShare.map({ Int(($0 * 100).rounded()) }) {
        case 100: " on GPU"
        case 0: " on CPU"
        case let share?: ", \(share)% GPU"
        case nil: ""
        }
        return HumanUnits.bytes(size) + place
    }
}

import Foundation

/// The committed hand-print model: `Models/handprint.onnx` plus its sidecar
/// `Models/handprint.json` (class order, input size, softmax temperature), both written by
/// `training/train_handprint.py`.
public struct HandprintModel: Sendable, Hashable {
    /// Where the ONNX file is.
    public var onnxURL: URL
    /// Output order of the network.
    public var classes: [Character]
    /// Side of the square input image in pixels.
    public var side: Int
    /// Divides the logits before softmax so probabilities match observed accuracy (fitted on
    /// held-out writers at training time).
    public var temperature: Double

    private struct Sidecar: Decodable {
        var classes: String
        var side: Int
        var temperature: Double
    }

    /// Loads the model description next to `onnxURL` (same name, `.json`).
    public init(onnxURL: URL) throws {
        let sidecarURL = onnxURL.deletingPathExtension().appendingPathExtension("json")
        let sidecar: Sidecar
        do {
            sidecar = try JSONDecoder().decode(Sidecar.self, from: Data(contentsOf: sidecarURL))
        } catch {
            throw HandwritingError("cannot read the hand-print model description \(sidecarURL.path): \(error.localizedDescription); "
                                   + "it is written by training/train_handprint.py next to the .onnx file")
        }
        self.onnxURL = onnxURL
        self.classes = Array(sidecar.classes)
        self.side = sidecar.side
        self.temperature = sidecar.temperature
    }

    /// The model shipped with the engine (the `Models` resource of IS03Vision).
    public static func bundled() throws -> HandprintModel {
        guard let url = Bundle.module.url(forResource: "handprint", withExtension: "onnx", subdirectory: "Models") else {
            throw HandwritingError("the hand-print model Models/handprint.onnx is missing from the IS03Vision resources; "
                                   + "rebuild the package (see training/README.md)")
        }
        return try HandprintModel(onnxURL: url)
    }
}

/// A failure of the handwriting stage (model missing, OCR engine not installed, …), with what to do.
public struct HandwritingError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

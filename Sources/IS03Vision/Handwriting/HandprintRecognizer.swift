import COpenCVShim
import Foundation

/// Reads one hand-printed character per normalised box with the trained CNN (OpenCV dnn).
///
/// Owns one network; not safe to share across threads: give each worker its own instance
/// (loading takes a few milliseconds).
public final class HandprintRecognizer {
    public let model: HandprintModel
    private let net: OpaquePointer

    /// Loads `model` (default: the bundled one). Throws when OpenCV cannot read the file.
    public init(model: HandprintModel? = nil) throws {
        let model = try model ?? HandprintModel.bundled()
        var error = is03cv_error()
        var handle: OpaquePointer?
        let status = is03cv_dnn_load_onnx(model.onnxURL.path, &handle, &error)
        guard status == Int32(IS03CV_OK), let handle else {
            throw HandwritingError("cannot load the hand-print model \(model.onnxURL.path): \(Shim.message(error))")
        }
        self.model = model
        self.net = handle
    }

    deinit { is03cv_dnn_free(net) }

    /// Calibrated class probabilities for each glyph (`NormalizedBox.glyph`, side × side floats),
    /// in `model.classes` order. All glyphs go through the network as one batch.
    public func probabilities(_ glyphs: [[Float]]) throws -> [[Double]] {
        guard !glyphs.isEmpty else { return [] }
        let side = model.side, classes = model.classes.count
        var input = [Float]()
        input.reserveCapacity(glyphs.count * side * side)
        for glyph in glyphs {
            guard glyph.count == side * side else {
                throw HandwritingError("a glyph of \(glyph.count) values does not fit the model's \(side)×\(side) input; "
                                       + "normalise boxes with the BoxCropConfig the model was trained with")
            }
            input += glyph
        }
        var logits = [Float](repeating: 0, count: glyphs.count * classes)
        var error = is03cv_error()
        let status = input.withUnsafeBufferPointer { inputBuffer in
            logits.withUnsafeMutableBufferPointer { outputBuffer in
                is03cv_dnn_forward(net, inputBuffer.baseAddress, Int32(glyphs.count), 1, Int32(side), Int32(side),
                                   outputBuffer.baseAddress, Int32(classes), &error)
            }
        }
        guard status == Int32(IS03CV_OK) else {
            throw HandwritingError("the hand-print network failed: \(Shim.message(error))")
        }
        return (0..<glyphs.count).map { index in
            softmax(logits[(index * classes)..<((index + 1) * classes)].map { Double($0) / model.temperature })
        }
    }

    /// The best characters for each glyph, most likely first, restricted to `allowed` (nil = all
    /// classes) and renormalised over them, so a box of a letters-only field never reads a class
    /// outside its alphabet.
    public func classify(_ glyphs: [[Float]], allowed: Set<Character>? = nil, top: Int = 3) throws -> [[CharacterAlternative]] {
        try probabilities(glyphs).map { probabilities in
            var pairs = zip(model.classes, probabilities).filter { allowed?.contains($0.0) ?? true }
            let total = pairs.reduce(0) { $0 + $1.1 }
            if total > 0 { pairs = pairs.map { ($0.0, $0.1 / total) } }
            return pairs.sorted { $0.1 > $1.1 }.prefix(top).map { CharacterAlternative(character: String($0.0), confidence: $0.1) }
        }
    }

    private func softmax(_ values: [Double]) -> [Double] {
        let top = values.max() ?? 0
        let exps = values.map { exp($0 - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}

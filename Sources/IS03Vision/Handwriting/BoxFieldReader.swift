import IS03Core

/// Settings of `BoxFieldReader`.
public struct HandprintReaderConfig: Sendable, Hashable {
    /// A character whose calibrated CNN confidence is at least this is accepted without review.
    /// Calibrated on held-out synthetic writers so that accepted characters are ≥ 99.5 % right
    /// (`is03 glyphs` + `training/measure_handprint.py`, figures in training/README.md).
    public var acceptConfidence = 0.991
    /// Ask Tesseract for a second opinion on boxes below `acceptConfidence`. Off by default:
    /// measured on synthetic hand-print it does not improve accuracy (training/README.md).
    public var useTesseract = false
    /// How many alternatives each box reports.
    public var alternatives = 3
    /// Box normalisation (must match what the model was trained with).
    public var boxes = BoxCropConfig.standard

    public init() {}
    public static let standard = HandprintReaderConfig()
}

/// The reading of one letter box.
public struct BoxReading: Codable, Sendable, Hashable {
    /// True when the box holds no writing (decided from ink alone, never by OCR).
    public var isBlank: Bool
    /// The best character, nil for a blank box.
    public var character: String?
    /// Calibrated probability 0…1 that `character` (or blank) is right.
    public var confidence: Double
    /// Best candidates, most likely first (empty for blank boxes).
    public var alternatives: [CharacterAlternative]
    /// Ink found in the box after removing the printed lines (mm²).
    public var inkAreaMM2: Double
    /// Whether `confidence` reaches the configured accept threshold.
    public var accepted: Bool
}

/// The reading of a whole `letters` field.
public struct BoxFieldReading: Codable, Sendable, Hashable {
    public var boxes: [BoxReading]
    /// The characters of the written boxes in order; a blank box between written ones is a space,
    /// trailing blanks are dropped.
    public var text: String
    /// Probability that the whole text is right (product of the box confidences).
    public var confidence: Double
    /// True when every box was accepted.
    public var accepted: Bool
}

/// Reads the boxes of a `letters` field: blank or written from ink, then the CNN (and optionally
/// Tesseract) per written box. Holds one recogniser and one OCR engine: one reader per thread.
public final class BoxFieldReader {
    public let config: HandprintReaderConfig
    private let normalizer: BoxCropNormalizer
    private let recognizer: HandprintRecognizer
    private let tesseract: TesseractReader?

    /// Loads the bundled model (and Tesseract when the config asks for it).
    public init(config: HandprintReaderConfig = .standard, model: HandprintModel? = nil) throws {
        self.config = config
        normalizer = BoxCropNormalizer(config: config.boxes)
        recognizer = try HandprintRecognizer(model: model)
        tesseract = config.useTesseract ? try TesseractReader() : nil
    }

    /// Reads `boxes` (crops of one field, in order). `allowed` limits the characters (default:
    /// the 33 capitals and hyphen).
    public func read(_ boxes: [BoxCrop], allowed: [Character] = HandprintClasses.characters) throws -> BoxFieldReading {
        let normal = boxes.map { normalizer.normalize($0) }
        let written = normal.indices.filter { !normal[$0].isBlank }
        let guesses = try recognizer.classify(written.map { normal[$0].glyph }, allowed: Set(allowed), top: config.alternatives)
        var byIndex: [Int: [CharacterAlternative]] = [:]
        for (index, guess) in zip(written, guesses) {
            byIndex[index] = refine(guess, glyph: normal[index].glyph, allowed: allowed)
        }
        let readings = normal.indices.map { index -> BoxReading in
            let box = normal[index]
            guard let alternatives = byIndex[index], let best = alternatives.first else {
                // Blank: the further below the ink threshold, the surer.
                let share = box.inkAreaMM2 / max(config.boxes.blankInkAreaMM2, 1e-9)
                let confidence = min(max(0.999 - 0.5 * share, 0.5), 0.999)
                return BoxReading(isBlank: true, character: nil, confidence: confidence, alternatives: [],
                                  inkAreaMM2: box.inkAreaMM2, accepted: confidence >= config.acceptConfidence)
            }
            return BoxReading(isBlank: false, character: best.character, confidence: best.confidence,
                              alternatives: alternatives, inkAreaMM2: box.inkAreaMM2,
                              accepted: best.confidence >= config.acceptConfidence)
        }
        let lastWritten = readings.lastIndex { !$0.isBlank }
        let text = lastWritten.map { last in readings[...last].map { $0.character ?? " " }.joined() } ?? ""
        let confidence = readings.reduce(1.0) { $0 * $1.confidence }
        return BoxFieldReading(boxes: readings, text: text, confidence: confidence, accepted: readings.allSatisfy(\.accepted))
    }

    /// When Tesseract is enabled and the CNN is unsure, agreement between the two raises the
    /// confidence a little and disagreement lowers it; the CNN's ranking is kept.
    private func refine(_ guess: [CharacterAlternative], glyph: [Float], allowed: [Character]) -> [CharacterAlternative] {
        guard let tesseract, let best = guess.first, best.confidence < config.acceptConfidence else { return guess }
        let second = tesseract.readGlyph(glyph, side: config.boxes.side, whitelist: String(allowed))
        var refined = guess
        if second.first?.character == best.character {
            refined[0].confidence = min(best.confidence + 0.5 * (1 - best.confidence) * (second.first?.confidence ?? 0), 0.999)
        } else {
            refined[0].confidence = best.confidence * 0.9
        }
        return refined
    }
}

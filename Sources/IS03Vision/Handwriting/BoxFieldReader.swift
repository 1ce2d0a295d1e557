import IS03Core

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
    /// Why a box with ink reads blank (a trailing speck), nil otherwise.
    public var note: String?
}

/// The reading of a whole `letters` field.
public struct BoxFieldReading: Codable, Sendable, Hashable {
    public var boxes: [BoxReading]
    /// The characters of the written boxes in order; a blank box between written ones is a space,
    /// trailing blanks are dropped.
    public var text: String
    /// Probability that the whole text is right: the product of every box's confidence
    /// (written boxes' characters and blank boxes' blankness).
    public var confidence: Double
    /// The weakest box's confidence (where an operator should look first).
    public var weakestBoxConfidence: Double
    /// True when every written box and every gap inside the name was accepted, their joint
    /// probability reaches the accept threshold too, and the box right after the name held no
    /// ink that was read as blank.
    public var accepted: Bool
    /// The most likely whole strings with their probabilities, best first (the first is
    /// `text`), built from the per-box alternatives, so a reconciler can match names.
    public var alternatives: [CharacterAlternative]
}

/// Reads the boxes of a `letters` field: blank or written from ink, then the CNN (and optionally
/// Tesseract) per written box, then the field as a whole. Holds one recogniser and one OCR
/// engine: one reader per thread.
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
        let distributions = try recognizer.probabilities(written.map { normal[$0].glyph })
        var byIndex: [Int: [CharacterAlternative]] = [:]
        for (index, probabilities) in zip(written, distributions) {
            byIndex[index] = combine(probabilities, glyph: normal[index].glyph, allowed: allowed)
        }
        var readings = normal.indices.map { index -> BoxReading in
            let box = normal[index]
            guard let alternatives = byIndex[index], let best = alternatives.first else {
                return blankReading(box)
            }
            return BoxReading(isBlank: false, character: best.character, confidence: best.confidence,
                              alternatives: alternatives, inkAreaMM2: box.inkAreaMM2,
                              accepted: best.confidence >= config.acceptConfidence)
        }
        let doubtfulEnd = dropTrailingSpecks(&readings, edgeInkOnly: normal.map(\.inkNearEdgesOnly))
        return summarize(readings, doubtfulEnd: doubtfulEnd)
    }

    /// A box with no writing: the further its leftover ink is below the blank threshold, the surer.
    private func blankReading(_ box: NormalizedBox) -> BoxReading {
        let share = box.inkAreaMM2 / max(config.boxes.blankInkAreaMM2, 1e-9)
        let confidence = min(max(0.9999 - 0.5 * share, 0.5), 0.9999)
        return BoxReading(isBlank: true, character: nil, confidence: confidence, alternatives: [],
                          inkAreaMM2: box.inkAreaMM2, accepted: confidence >= config.acceptConfidence)
    }

    /// Boxes after the last letter are blank unless they hold a letter: ink of letter size
    /// (`trailingSpeckInkMM2`) that either the CNN reads with some certainty
    /// (`trailingMinConfidence`) or that reaches into the box, as writing does. An unsure letter
    /// is kept as an unsure letter (so the field goes to review with its full length), never
    /// dropped: a writer's last letter is often the sloppiest. What is left, specks and remnants
    /// of the printed box lines hugging the edges, reads blank (not accepted, with a note), so it
    /// never lengthens a name. Returns whether the box right after the name was such ink: it
    /// might have been a badly written last letter, so the field is not ok.
    private func dropTrailingSpecks(_ readings: inout [BoxReading], edgeInkOnly: [Bool]) -> Bool {
        func letterSized(_ index: Int) -> Bool { !readings[index].isBlank && readings[index].inkAreaMM2 >= config.trailingSpeckInkMM2 }
        func letter(_ index: Int) -> Bool {
            letterSized(index) && (readings[index].confidence >= config.trailingMinConfidence || !edgeInkOnly[index])
        }
        // When no box passes, fall back to ink alone rather than blank a badly written name.
        let lastLetter = readings.indices.last(where: letter) ?? readings.indices.last(where: letterSized) ?? -1
        var nextToName = false
        for index in readings.indices where index > lastLetter && !readings[index].isBlank {
            let box = readings[index]
            if index == lastLetter + 1 && lastLetter >= 0 { nextToName = true }
            readings[index] = BoxReading(
                isBlank: true, character: nil, confidence: 0.9, alternatives: [], inkAreaMM2: box.inkAreaMM2, accepted: false,
                note: "ink after the last letter that does not read as one (\(Double(Int(box.inkAreaMM2 * 100)) / 100) mm², "
                    + "best «\(box.character ?? "?")» at \(Double(Int(box.confidence * 100)) / 100)): a speck or box-line remnant, read as blank")
        }
        return nextToName
    }

    private func summarize(_ readings: [BoxReading], doubtfulEnd: Bool) -> BoxFieldReading {
        let lastWritten = readings.lastIndex { !$0.isBlank }
        let text = lastWritten.map { last in readings[...last].map { $0.character ?? " " }.joined() } ?? ""
        let confidence = readings.reduce(1.0) { $0 * $1.confidence }
        // Boxes that decide the text: every written box and every gap inside the name. Each
        // must be accepted, and so must their joint probability: eight letters each 99.2 % sure
        // make a name only 94 % sure (measured: such a name was read wrong while every box passed).
        let deciding = lastWritten.map { Array(readings[...$0].drop { $0.isBlank }) } ?? []
        let decidingConfidence = deciding.reduce(1.0) { $0 * $1.confidence }
        return BoxFieldReading(boxes: readings, text: text, confidence: confidence,
                               weakestBoxConfidence: readings.map(\.confidence).min() ?? 1,
                               accepted: !doubtfulEnd && deciding.allSatisfy(\.accepted) && decidingConfidence >= config.acceptConfidence,
                               alternatives: stringAlternatives(readings, upTo: lastWritten))
    }

    /// The `stringAlternatives` most probable strings, boxes taken as independent. Keeping the
    /// best k prefixes after each box is exact for the k best products.
    private func stringAlternatives(_ readings: [BoxReading], upTo last: Int?) -> [CharacterAlternative] {
        guard let last else { return [] }
        let k = max(1, config.stringAlternatives)
        var beam: [(text: String, p: Double)] = [("", 1)]
        let blankFactor = readings[(last + 1)...].reduce(1.0) { $0 * $1.confidence }
        for box in readings[...last] {
            let options: [(String, Double)] = box.isBlank
                ? [(" ", box.confidence)]
                : box.alternatives.map { ($0.character, $0.confidence) }
            let extended: [(text: String, p: Double)] = beam.flatMap { prefix in
                options.map { option -> (text: String, p: Double) in (prefix.text + option.0, prefix.p * option.1) }
            }
            beam = Array(extended.sorted { $0.p > $1.p }.prefix(k))
        }
        return beam.map { CharacterAlternative(character: $0.text, confidence: $0.p * blankFactor) }
    }

    /// The box's alternatives: the CNN's probabilities restricted to `allowed` and renormalised,
    /// combined with Tesseract's reading when enabled and the CNN is unsure.
    private func combine(_ probabilities: [Double], glyph: [Float], allowed: [Character]) -> [CharacterAlternative] {
        let allowedSet = Set(allowed)
        var pairs = zip(recognizer.model.classes, probabilities).filter { allowedSet.contains($0.0) }
        func normalise() {
            let total = pairs.reduce(0) { $0 + $1.1 }
            if total > 0 { pairs = pairs.map { ($0.0, $0.1 / total) } }
        }
        normalise()
        if let tesseract, let cnnBest = pairs.map(\.1).max(), cnnBest < config.acceptConfidence,
           let read = tesseract.readGlyph(glyph, side: config.boxes.side, whitelist: String(allowed)).first?.character,
           let said = read.first, read.count == 1 {
            // Naive Bayes: P(char | CNN, Tesseract) ∝ P(char | CNN) · P(Tesseract says `said` | char);
            // the likelihood ratio of "said it" over "said something else" is the agreement weight.
            pairs = pairs.map { ($0.0, $0.0 == said ? $0.1 * config.tesseractAgreementWeight : $0.1) }
            normalise()
        }
        return pairs.sorted { $0.1 > $1.1 }.prefix(config.alternatives)
            .map { CharacterAlternative(character: String($0.0), confidence: $0.1) }
    }
}

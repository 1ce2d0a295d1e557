import CTesseract
import Foundation
import IS03Core

/// Tesseract OCR (`rus`, LSTM engine) through its C API: printed words, and single boxes as a
/// second opinion for the hand-print CNN.
///
/// Owns one `TessBaseAPI` handle, freed in `deinit`; not thread-safe, so every worker makes its
/// own reader. Start the process with `OMP_THREAD_LIMIT=1` (libgomp reads it at load): single
/// letters then take about 2 ms instead of 5–27 ms.
public final class TesseractReader {
    /// What Tesseract read, with per-character choices.
    public struct Reading: Sendable, Hashable {
        /// The recognised text (may be empty).
        public var text: String
        /// Mean symbol confidence 0…1 (Tesseract's own scale divided by 100; not calibrated).
        public var confidence: Double
        /// Per symbol: Tesseract's choices, best first, confidence 0…1.
        public var symbols: [[CharacterAlternative]]
    }

    /// Page segmentation for `read`.
    public enum Layout: Sendable {
        /// One word (PSM 8): single boxes and printed surnames.
        case word
        /// A raw line without layout analysis (PSM 13).
        case rawLine
        /// A line of text (PSM 7).
        case line
    }

    private let handle: OpaquePointer

    /// Starts Tesseract with `language` from the system tessdata (or `dataPath`).
    /// The corresponding C calls are `TessBaseAPICreate` and `TessBaseAPIInit2` (LSTM only).
    public init(language: String = "rus", dataPath: String? = nil) throws {
        guard let handle = TessBaseAPICreate() else { throw HandwritingError("Tesseract could not allocate an engine") }
        guard TessBaseAPIInit2(handle, dataPath, language, OEM_LSTM_ONLY) == 0 else {
            TessBaseAPIDelete(handle)
            throw HandwritingError("Tesseract could not load the '\(language)' model; install tesseract-ocr-\(language) "
                                   + "(scripts/bootstrap does) or point TESSDATA_PREFIX at its tessdata folder")
        }
        // Choices per symbol from the LSTM decoder (alternatives with confidences).
        TessBaseAPISetVariable(handle, "lstm_choice_mode", "2")
        self.handle = handle
    }

    deinit { TessBaseAPIDelete(handle) }

    /// Recognises `image` (dark text on light paper). `whitelist` limits the characters.
    public func read(_ image: GrayImage, layout: Layout = .word, whitelist: String? = nil) -> Reading {
        switch layout {
        case .word: TessBaseAPISetPageSegMode(handle, PSM_SINGLE_WORD)
        case .rawLine: TessBaseAPISetPageSegMode(handle, PSM_RAW_LINE)
        case .line: TessBaseAPISetPageSegMode(handle, PSM_SINGLE_LINE)
        }
        TessBaseAPISetVariable(handle, "tessedit_char_whitelist", whitelist ?? "")
        image.pixels.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.width))
        }
        defer { TessBaseAPIClear(handle) }
        guard TessBaseAPIRecognize(handle, nil) == 0, let iterator = TessBaseAPIGetIterator(handle) else {
            return Reading(text: "", confidence: 0, symbols: [])
        }
        defer { TessResultIteratorDelete(iterator) }
        var text = "", symbols: [[CharacterAlternative]] = [], confidences: [Double] = []
        repeat {
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { continue }
            let symbol = String(cString: raw)
            TessDeleteText(raw)
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_SYMBOL)) / 100
            text += symbol
            confidences.append(confidence)
            var choices: [CharacterAlternative] = []
            if let choice = TessResultIteratorGetChoiceIterator(iterator) {
                repeat {
                    if let choiceText = TessChoiceIteratorGetUTF8Text(choice) {
                        let value = String(cString: choiceText)
                        if !choices.contains(where: { $0.character == value }) {
                            choices.append(CharacterAlternative(character: value,
                                                                confidence: Double(TessChoiceIteratorConfidence(choice)) / 100))
                        }
                    }
                } while TessChoiceIteratorNext(choice) != 0
                TessChoiceIteratorDelete(choice)
            }
            if choices.isEmpty { choices = [CharacterAlternative(character: symbol, confidence: confidence)] }
            symbols.append(choices.sorted { $0.confidence > $1.confidence })
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        let mean = confidences.isEmpty ? 0 : confidences.reduce(0, +) / Double(confidences.count)
        return Reading(text: text, confidence: mean, symbols: symbols)
    }

    /// Reads one normalised box glyph (`NormalizedBox.glyph`) as a single character: the glyph
    /// is drawn dark on white, enlarged and padded, as Tesseract likes its input.
    public func readGlyph(_ glyph: [Float], side: Int, whitelist: String) -> [CharacterAlternative] {
        let scale = 2, pad = 20
        let size = side * scale + 2 * pad
        var image = GrayImage(width: size, height: size)
        for y in 0..<(side * scale) {
            for x in 0..<(side * scale) {
                let ink = glyph[(y / scale) * side + x / scale]
                image[x + pad, y + pad] = UInt8(255 - min(max(ink, 0), 1) * 255)
            }
        }
        return read(image, layout: .word, whitelist: whitelist).symbols.first ?? []
    }
}

import Foundation
import IS03Core
import IS03Render
import IS03Vision

/// `is03 glyphs --measure`: accuracy of the hand-print recogniser on freshly synthesised boxes of
/// writers it never saw (a seed other than the training seeds), beside Tesseract on the same boxes.
enum GlyphsMeasure {
    static func run(count: Int, seed: UInt64) throws {
        let config = HandprintReaderConfig.standard
        let classes = HandprintClasses.characters
        let synthesizer = GlyphCropSynthesizer(seed: seed, alphabet: classes)
        let normalizer = BoxCropNormalizer(config: config.boxes)
        let recognizer = try HandprintRecognizer()
        let tesseract = try TesseractReader()
        var total = 0, right = 0, accepted = 0, acceptedRight = 0, tessRight = 0, blanked = 0, agreeRescued = 0
        var cnnSeconds = 0.0, tessSeconds = 0.0
        let clock = ContinuousClock()
        for index in 0..<count {
            let sample = try synthesizer.sample(index)
            guard let truth = sample.character.map(String.init) else { continue }
            total += 1
            let start = clock.now
            let normal = normalizer.normalize(BoxCrop(image: sample.image, box: sample.expectedBox, pixelsPerMM: sample.pixelsPerMM))
            if normal.isBlank { blanked += 1; continue }
            let best = try recognizer.classify([normal.glyph]).first?.first
            cnnSeconds += (clock.now - start).seconds
            let tessStart = clock.now
            let tess = tesseract.readGlyph(normal.glyph, side: normal.side, whitelist: String(classes)).first?.character
            tessSeconds += (clock.now - tessStart).seconds
            if tess == truth { tessRight += 1 }
            guard let best else { continue }
            if best.character == truth { right += 1 }
            if best.confidence >= config.acceptConfidence {
                accepted += 1
                if best.character == truth { acceptedRight += 1 }
            } else if tess == best.character, best.character == truth {
                agreeRescued += 1
            }
        }
        func pct(_ a: Int, _ b: Int) -> String { String(format: "%.2f%%", b == 0 ? 0 : 100 * Double(a) / Double(b)) }
        print("hand-print boxes (seed \(seed), unseen writers): \(total)")
        print("CNN accuracy: \(pct(right, total)) (\(blanked) written boxes judged blank count as wrong)")
        print("accepted at confidence ≥ \(config.acceptConfidence): \(pct(accepted, total)) of boxes, \(pct(acceptedRight, accepted)) right")
        print("Tesseract alone on the same boxes: \(pct(tessRight, total))")
        print("rejected boxes where Tesseract agrees with a right CNN answer: \(agreeRescued)")
        print(String(format: "ms per box: normalise + CNN %.2f, Tesseract %.2f", 1000 * cnnSeconds / Double(max(total, 1)),
                     1000 * tessSeconds / Double(max(total, 1))))
    }
}

extension GlyphsMeasure {
    /// Real letters of one part of the split, each put into `copies` form boxes with scan damage
    /// and read as a one-box field by the run-time `BoxFieldReader` (normaliser, CNN, accept
    /// threshold, trailing-box rule), exactly as a sheet's name boxes are read.
    static func runReal(items: [(index: Int, item: RealLetterSet.Item)], part: RealLetterSet.Part, copies: Int, seed: UInt64) throws {
        let reader = try BoxFieldReader()
        let synthesizer = RealLetterBoxSynthesizer(seed: seed)
        var total = 0, right = 0, accepted = 0, acceptedRight = 0, blanked = 0
        var confusions: [String: Int] = [:], wrongAccepted: [String] = []
        for (index, item) in items {
            let letter = try RealLetterSet.image(item)
            for copy in 0..<copies {
                guard let sample = try synthesizer.box(letter: letter, character: item.character, index: index, copy: copy) else { continue }
                let crop = BoxCrop(image: sample.image, box: sample.expectedBox, pixelsPerMM: sample.pixelsPerMM)
                let box = try reader.read([crop]).boxes[0]
                let truth = String(item.character)
                total += 1
                if box.isBlank { blanked += 1; continue }
                if box.character == truth { right += 1 } else { confusions["\(truth)→\(box.character ?? "?")", default: 0] += 1 }
                if box.accepted {
                    accepted += 1
                    if box.character == truth { acceptedRight += 1 } else {
                        wrongAccepted.append("\(item.url.lastPathComponent) \(truth)→\(box.character ?? "?") \(box.confidence)")
                    }
                }
            }
        }
        func pct(_ a: Int, _ b: Int) -> String { String(format: "%.2f%%", b == 0 ? 0 : 100 * Double(a) / Double(b)) }
        print("real letters, part \(part.rawValue): \(items.count) images × \(copies) boxes (seed \(seed)) = \(total) boxes")
        print("right: \(pct(right, total)) = \(right) of \(total) (\(blanked) written boxes judged blank count as wrong)")
        print("accepted at confidence ≥ \(reader.config.acceptConfidence): \(pct(accepted, total)) = \(accepted) of boxes, "
              + "\(pct(acceptedRight, accepted)) of them right (\(accepted - acceptedRight) wrong)")
        print("commonest confusions: " + confusions.sorted { $0.value > $1.value }.prefix(12).map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        for line in wrongAccepted.prefix(20) { print("  accepted wrong: \(line)") }
    }
}

extension Duration {
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

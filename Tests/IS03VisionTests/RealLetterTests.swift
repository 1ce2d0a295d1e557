import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// The real handwritten letters sit beside the repository (`../shared/data/handwritten-letters`,
/// CC BY-SA 4.0, QazaqMNIST from CoMNIST); CI machines without them skip the reading test.
private let realLettersRoot: URL = {
    let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return repo.deletingLastPathComponent().appendingPathComponent("shared/data/handwritten-letters", isDirectory: true)
}()

private let haveRealLetters = FileManager.default.fileExists(atPath: realLettersRoot.appendingPathComponent("А").path)

@Suite("Real handwritten letters")
struct RealLetterTests {
    @Test("the Swift split rule agrees with training/real_letters.py")
    func splitAgreesWithPython() {
        // Parts printed by `training/real_letters.py`'s part_of for these names.
        let expected: [(Character, String, RealLetterSet.Part)] = [
            ("А", "58a9cea0bee57.png", .test), ("А", "58a9cec8ab77a.png", .train),
            ("Ё", "58aa0bf821f27.png", .test), ("Ё", "58a7656064aa0.png", .train),
            ("Й", "58af211d0b9d6.png", .train), ("Я", "58af20fde3dfb.png", .test),
            ("Щ", "58bc2b70c782e.png", .calibration), ("Щ", "58af21138ea1d.png", .train),
        ]
        for (letter, name, part) in expected {
            #expect(RealLetterSet.part(letter: letter, fileName: name) == part, "\(letter)/\(name)")
        }
    }

    @Test("held-back real letters in form boxes: mostly read right, none accepted wrong",
          .enabled(if: haveRealLetters, "skipped: \(realLettersRoot.path) is absent (the real handwritten letters)"))
    func readsHeldBackLetters() throws {
        let items = try RealLetterSet(root: realLettersRoot).items(.test)
        #expect(items.count == 3140, "the fixed split's test part")
        // Every 40th held-back image: about 80 letters of all 33 kinds.
        let chosen = stride(from: 0, to: items.count, by: 40).map { items[$0] }
        let synthesizer = RealLetterBoxSynthesizer(seed: 4242)
        let reader = try BoxFieldReader()
        var right = 0, total = 0
        for (index, item) in chosen.enumerated() {
            let letter = try RealLetterSet.image(item)
            guard let sample = try synthesizer.box(letter: letter, character: item.character, index: index) else { continue }
            let box = try reader.read([BoxCrop(image: sample.image, box: sample.expectedBox, pixelsPerMM: sample.pixelsPerMM)]).boxes[0]
            total += 1
            // Scan damage can leave too little of a faint letter to be writing; such a box reads
            // blank (counted wrong below) and is never accepted.
            #expect(!(box.isBlank && box.accepted), "\(item.url.lastPathComponent) (\(item.character)) accepted as an empty box")
            if box.character == String(item.character) { right += 1 }
            if box.accepted {
                #expect(box.character == String(item.character),
                        "\(item.url.path): «\(item.character)» accepted as «\(box.character ?? "?")» at \(box.confidence)")
            }
        }
        #expect(Double(right) >= 0.85 * Double(total), "read \(right) of \(total) right")
    }
}

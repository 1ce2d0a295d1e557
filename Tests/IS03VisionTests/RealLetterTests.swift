import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

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
}

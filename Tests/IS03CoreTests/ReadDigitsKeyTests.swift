@testable import IS03Core
import Testing

/// A number read from the sheet with a column lost (a pale mark the scan dropped) is weak
/// evidence about its owner, never evidence against him: the lost column keeps its place.
/// Before, the blank was removed, every more significant digit shifted by one, and a sheet
/// whose document had one faded digit scored far below a namesake with no document at all
/// (a wrong automatic match on the realistic benchmark).
@Suite("Digits read from the sheet")
struct ReadDigitsKeyTests {
    static func read(_ text: String, confidence: Double = 0.99) -> MatchScorer.DigitsKey {
        MatchScorer.DigitsKey(SheetEvidence.DigitsRead(text: text, confidence: confidence))
    }

    @Test("A lost column inside, at the start or at the end still favours the owner", arguments: ["55 677", " 59677", "55967 "])
    func lostColumn(text: String) {
        let owner = MatchScorer.digitKey("559677")
        let stranger = MatchScorer.digitKey("120443")
        let key = Self.read(text)
        #expect(key.score(owner) > 0, "«\(text)» against its owner: \(key.score(owner))")
        #expect(key.score(owner) > key.score(stranger))
        // A participant with no document on the list is not preferred to the owner.
        #expect(key.score(owner) > key.score([]))
    }

    @Test("A whole number read is the strongest evidence; one read wrong counts against")
    func wholeNumber() {
        let owner = MatchScorer.digitKey("559677")
        #expect(Self.read("559677").score(owner) > Self.read("55 677").score(owner))
        #expect(Self.read("559678").score(MatchScorer.digitKey("120443")) < 0)
    }

    @Test("A context field with a lost leading column or leading zeros still confirms its value")
    func contextConfirms() {
        #expect(Reconciler.reads(Self.read("0701"), as: "0701"))
        #expect(Reconciler.reads(Self.read(" 701"), as: "0701"))
        #expect(Reconciler.reads(Self.read(" 74635"), as: "374635"))
        #expect(!Reconciler.reads(Self.read("0702"), as: "0701"))
        #expect(!Reconciler.reads(Self.read("  01"), as: "0701"))
    }
}

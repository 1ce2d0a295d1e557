import IS03Core
import Testing

/// Seed 004: the expert «заверяет результаты оценивания… своей подписью».
@Suite struct SignatureCheckTests {
    let engine = ScoringEngine(template: ReadingFixtures.template, categories: ReadingFixtures.categories)

    @Test func anEmptySignatureAreaIsQueuedAsUnsigned() throws {
        let blank = FieldReading(id: "expertSignature", status: .blank, value: nil, confidence: 0.9,
                                 cells: [CellReading(key: "area", rect: PixelRect(x: 0, y: 0, width: 10, height: 10), fill: 0.002)])
        let unsigned = engine.score(ReadingFixtures.sheet(scores: ResultsTests.full, extra: [blank]), categoryID: nil)
        let finding = try #require(unsigned.findings.first { $0.reason == .unsigned })
        #expect(finding.fieldID == "expertSignature" && finding.message.contains("0.002") && unsigned.provisional)

        let signed = FieldReading(id: "expertSignature", status: .ok, value: "1", confidence: 0.95)
        let score = engine.score(ReadingFixtures.sheet(scores: ResultsTests.full, extra: [signed]), categoryID: nil)
        #expect(!score.findings.contains { $0.reason == .unsigned })
        // A terminal outcome is certified by the expert too.
        let removed = engine.score(ReadingFixtures.sheet(scores: [:], flags: ["removed"], extra: [blank]), categoryID: nil)
        #expect(removed.findings.contains { $0.reason == .unsigned })
    }

    @Test func unsignedHasAStableCode() {
        #expect(ReviewReason(rawValue: "unsigned") == .unsigned)
    }
}

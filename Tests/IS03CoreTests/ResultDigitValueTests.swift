import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// A digit column that reaches a result (variant, КИМ number) is either certain or a review
/// item naming the field: never a `?` or a blank column inside the number in the results files.
@Suite struct ResultDigitValueTests {
    static func assemble(kim: FieldReading) -> ResultAssembler.Output {
        let f = ReadingFixtures.self
        let sheet = f.sheet(scores: ResultsTests.full, expertTotal: 16, expertVerdict: "зачёт",
                            extra: ResultsTests.names("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ") + [kim], n: 1)
        return ResultAssembler(template: f.template, categories: f.categories)
            .assemble([SheetToMatch(reading: sheet, packet: "ВДП-0101")], participants: [ResultsTests.people[0]])
    }

    static func files(_ out: ResultAssembler.Output) -> (xml: String, csv: String) {
        (ResultsXML.document(out.results, summary: out.summary, generated: "2023-02-14T10:00:00Z"),
         ResultsCSV.document(out.results, template: ReadingFixtures.template))
    }

    @Test func anUnsureKIMDigitIsQueuedAndNeverWrittenWithAQuestionMark() throws {
        let kim = FieldReading(id: "kim", status: .ambiguous, value: "?57603", confidence: 0.6,
                               alternatives: [Alternative(value: "157603", confidence: 0.35)])
        let out = Self.assemble(kim: kim)
        let item = try #require(out.review.items.first { $0.fieldID == "kim" })
        #expect(item.reason == .lowConfidenceMark)
        #expect(item.message.contains("Номер КИМ") && item.message.contains("столбец 1"))
        #expect(item.machineValue == "?57603" && item.candidates.map(\.value) == ["157603"])
        let record = try #require(out.results.first)
        #expect(record.kim == nil && record.provenance.reviewStatus == .pending)
        let (xml, csv) = Self.files(out)
        #expect(!xml.contains("?57603") && !csv.contains("?57603") && !xml.contains("<kim>") && !csv.contains("?"))
    }

    @Test func aBlankColumnInsideTheNumberIsQueued() throws {
        let out = Self.assemble(kim: FieldReading(id: "kim", status: .ok, value: "8 77 4", confidence: 0.99))
        let item = try #require(out.review.items.first { $0.fieldID == "kim" })
        #expect(item.reason == .noMark && item.message.contains("Номер КИМ") && item.message.contains("пустой столбец"))
        #expect(out.results.first?.kim == nil && out.results.first?.provenance.reviewStatus == .pending)
        let (xml, csv) = Self.files(out)
        #expect(!xml.contains("8 77 4") && !csv.contains("8 77 4"))
    }

    @Test func aBlankKIMIsQueuedLikeABlankVariant() throws {
        let out = Self.assemble(kim: FieldReading(id: "kim", status: .blank, value: nil, confidence: 0.99))
        #expect(out.review.items.first { $0.fieldID == "kim" }?.reason == .noMark)
        #expect(out.results.first?.provenance.reviewStatus == .pending)
    }

    @Test func aCertainKIMGoesIntoBothFilesWithoutAnItem() throws {
        // Leading blank columns are a shorter number, not a gap (and a decided item reads ok at 1).
        let out = Self.assemble(kim: FieldReading(id: "kim", status: .ok, value: " 57603", confidence: 1))
        #expect(!out.review.items.contains { $0.fieldID == "kim" })
        let record = try #require(out.results.first)
        #expect(record.kim == "57603" && record.provenance.reviewStatus == .auto)
        let (xml, csv) = Self.files(out)
        #expect(xml.contains("<kim>57603</kim>") && csv.contains(";57603;"))
    }

    @Test func anExpertTotalWithAGapIsUnclearNotDropped() throws {
        var sheet = ReadingFixtures.sheet(scores: ResultsTests.full, expertVerdict: "зачёт",
                                          extra: ResultsTests.names("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ"), n: 1)
        sheet.fields.append(FieldReading(id: "expertTotal", status: .ok, value: "1 6", confidence: 0.99))
        let out = ResultAssembler(template: ReadingFixtures.template, categories: ReadingFixtures.categories)
            .assemble([SheetToMatch(reading: sheet, packet: "ВДП-0101")], participants: [ResultsTests.people[0]])
        #expect(out.review.items.contains { $0.fieldID == "expertTotal" && $0.reason == .lowConfidenceMark })
        #expect(out.results.first?.score.expertTotal == nil && out.results.first?.provenance.reviewStatus == .pending)
    }
}

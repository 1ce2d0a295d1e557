import Foundation
import IS03Core
import IS03TestSupport
import Testing

/// A verified result names who decided and when, in both files, and the XML stays valid.
@Suite struct VerifiedProvenanceTests {
    @Test func verifiedResultsValidateAndCarryWhoAndWhenInBothFiles() throws {
        var out = ResultsTests.assemble()
        out.results[0].provenance.reviewStatus = .verified
        out.results[0].provenance.verifiedBy = "olga, sveta"
        out.results[0].provenance.verifiedAt = "2023-02-14T09:30:00Z"
        let xml = ResultsXML.document(out.results, summary: out.summary, generated: "2023-02-14T10:00:00Z")
        #expect(xml.contains(#"reviewStatus="verified""#) && xml.contains(#"verifiedBy="olga, sveta""#)
                && xml.contains(#"verifiedAt="2023-02-14T09:30:00Z""#))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("is03-verified-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(xml.utf8).write(to: file)
        let schema = RepositoryPaths.root.appendingPathComponent("schemas/results.xsd")
        let lint = try XMLLint.validate(file, schema: schema)
        #expect(lint.ok, "\(lint.output)")

        let csv = ResultsCSV.document(out.results, template: ReadingFixtures.template).components(separatedBy: "\r\n")
        #expect(csv[0].hasSuffix(";verified_by;verified_at"))
        #expect(csv[1].hasSuffix(";olga, sveta;2023-02-14T09:30:00Z"))
    }
}

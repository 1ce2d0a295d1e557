import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import IS03Core
import IS03TestSupport
import Testing

/// results.xml and results.csv carry the same fields: every value an XML result holds has its
/// CSV column and every CSV column comes from a value of the XML result. A field added to one
/// file and not the other fails here.
@Suite struct ResultFieldParityTests {
    /// XML value (element, or element@attribute) → the CSV columns that carry it. `nil`: the
    /// value is the template's (a criterion's printed code, a part's or group's maximum), the
    /// same for every result, so the CSV leaves it to the template.
    static let columns: [String: [String]?] = [
        "result@participantId": ["participant_id"], "result@reviewStatus": ["review_status"],
        "result@verifiedBy": ["verified_by"], "result@verifiedAt": ["verified_at"],
        "surname": ["surname"], "name": ["name"], "patronymic": ["patronymic"], "class": ["class"],
        "category": ["category"], "examDate": ["exam_date"],
        "place@region": ["region"], "place@msu": ["msu"], "place@oo": ["oo"], "place@auditorium": ["auditorium"],
        "variant": ["variant"], "kim": ["kim"], "expert": ["expert"],
        "criterion@id": ["<criteria>"], "criterion@value": ["<criteria>"], "criterion@code": nil,
        "criterion@scored": ["unscored_criteria"], "criterion@certain": ["uncertain_criteria"],
        "group@id": ["<groups>"], "group@score": ["<groups>"], "group@max": nil,
        "group@marked": ["capped_groups"], "group@cappedBy": ["capped_groups"],
        "part@id": ["<parts>"], "part@score": ["<parts>"], "part@max": nil,
        "total": ["total"], "total@max": ["max"], "total@passMark": ["pass_mark"],
        "outcome": ["outcome"], "outcome@code": ["outcome_code"],
        "expertTotal": ["expert_total"], "expertVerdict": ["expert_verdict"], "flag": ["flags"],
        "provenance@scanFile": ["scan_file"], "provenance@page": ["page"], "provenance@sha256": ["sha256"],
        "provenance@templateId": ["template"], "provenance@engineVersion": ["engine_version"],
        "provenance@matchMethod": ["match_method"],
    ]

    /// Every element with text and every attribute of the XML results, as element@attribute.
    final class Leaves: NSObject, XMLParserDelegate {
        var found = Set<String>()
        private var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            text = ""
            if name != "results" { for key in attributes.keys { found.insert("\(name)@\(key)") } }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { found.insert(name) }
            text = ""
        }
    }

    @Test func xmlAndCSVCarryTheSameFields() throws {
        let out = ResultsTests.assemble()
        let template = ReadingFixtures.template
        let xml = ResultsXML.document(out.results, summary: out.summary, generated: "2023-02-14T10:00:00Z")
        let leaves = Leaves()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = leaves
        #expect(parser.parse())
        // The assembled fixture has every optional value somewhere (flags, expert total, …).
        #expect(leaves.found.isSuperset(of: ["flag", "expertTotal", "expertVerdict", "variant", "expert"]))
        let unmapped = leaves.found.subtracting(Self.columns.keys)
        #expect(unmapped.isEmpty, "XML values without a CSV column: \(unmapped.sorted())")

        let header = ResultsCSV.header(criteria: template.scoring.criteria.map(\.id), parts: template.scoring.parts.map(\.id),
                                       groups: template.scoring.groups.map(\.id))
        let expand: [String: [String]] = ["<criteria>": template.scoring.criteria.map(\.id),
                                          "<parts>": template.scoring.parts.map(\.id),
                                          "<groups>": template.scoring.groups.map { "group:\($0.id)" }]
        let mapped = Set(Self.columns.values.compactMap { $0 }.flatMap { $0 }.flatMap { expand[$0] ?? [$0] })
        #expect(mapped.subtracting(header).isEmpty, "columns the mapping names but the CSV lacks: \(mapped.subtracting(header).sorted())")
        #expect(Set(header).subtracting(mapped).isEmpty, "CSV columns no XML value maps to: \(Set(header).subtracting(mapped).sorted())")
        #expect(header.count == Set(header).count)
    }

    @Test func theSameValuesStandInBothFiles() throws {
        let out = ResultsTests.assemble()
        let template = ReadingFixtures.template
        let lines = ResultsCSV.document(out.results, template: template).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = lines[0].components(separatedBy: ";")
        for (record, line) in zip(out.results, lines.dropFirst()) {
            let row = Dictionary(uniqueKeysWithValues: zip(header, line.components(separatedBy: ";")))
            let s = record.score
            #expect(row["expert_total"] == s.expertTotal.map(String.init) ?? "")
            #expect(row["expert_verdict"] == s.expertVerdict ?? "")
            #expect(row["outcome_code"] == s.outcome.rawValue)
            for group in s.groups { #expect(row["group:\(group.id)"] == String(group.score)) }
            #expect(row["uncertain_criteria"] == s.criteria.filter { !$0.certain }.map(\.id).joined(separator: ","))
            #expect(row["unscored_criteria"] == s.criteria.filter { !$0.inCategory }.map(\.id).joined(separator: ","))
        }
    }
}

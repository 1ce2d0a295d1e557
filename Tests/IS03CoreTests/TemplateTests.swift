import Foundation
import IS03Core
import IS03TestSupport
import Testing

@Suite struct TemplateTests {
    @Test(arguments: ["is03-2023", "is03-2018"])
    func shippedTemplatesLoadAndValidate(id: String) throws {
        let template = try Template.load(id: id, in: RepositoryPaths.templates)
        #expect(template.id == id)
        #expect(template.validate().isEmpty)
        #expect(template.registration.marks.count == 4)
        // Every criterion's choice field offers exactly 0…max.
        for criterion in template.scoring.criteria {
            let values = try #require(template.field(criterion.field)?.values).compactMap(Int.init).sorted()
            #expect(values == Array(0...criterion.max), "criterion \(criterion.id)")
        }
    }

    @Test func criteriaOf2023MatchTheOfficialMaxima() throws {
        let scoring = try Template.load(id: "is03-2023", in: RepositoryPaths.templates).scoring
        #expect(scoring.totalMax == 20)
        #expect(scoring.passMark == 10)
        #expect(scoring.criterion("П1")?.max == 2)
        #expect(scoring.criteria.filter { $0.id != "П1" }.allSatisfy { $0.max == 1 })
        #expect(scoring.parts.map(\.max) == [11, 9])
    }

    @Test func everyReadableRoleIsPresentOn2023Sheet() throws {
        let template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        for role in FieldRole.allCases {
            #expect(template.field(role: role) != nil, "role \(role.rawValue)")
        }
        #expect(template.qr != nil)
    }

    @Test func brokenTemplateIsRejectedNamingTheField() throws {
        let url = RepositoryPaths.templates.appendingPathComponent("is03-2023.json")
        var json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var fields = try #require(json["fields"] as? [[String: Any]])
        let index = try #require(fields.firstIndex { $0["id"] as? String == "surname" })
        fields[index]["x"] = 190.0  // 28 boxes from x = 190 mm run off the page
        json["fields"] = fields
        let data = try JSONSerialization.data(withJSONObject: json)
        #expect {
            try Template.decode(data, file: "broken.json")
        } throws: { error in
            let text = String(describing: error)
            return text.contains("broken.json") && text.contains("surname") && text.contains("outside the page")
        }
    }

    @Test func criterionPointingAtUnknownFieldIsNamed() throws {
        let url = RepositoryPaths.templates.appendingPathComponent("is03-2023.json")
        let text = try String(contentsOf: url, encoding: .utf8)
            .replacingOccurrences(of: "\"field\": \"crit.М2\"", with: "\"field\": \"crit.nowhere\"")
        #expect {
            try Template.decode(Data(text.utf8), file: "t.json")
        } throws: { error in
            String(describing: error).contains("М2: refers to unknown field `crit.nowhere`")
        }
    }

    @Test func missingKeyIsReportedWithItsPath() {
        #expect {
            try Template.decode(Data(#"{"format": 1, "id": "x"}"#.utf8), file: "t.json")
        } throws: { error in
            String(describing: error).contains("missing `title`")
        }
    }

    @Test func qrPayloadRoundTrips() {
        let payload = QRPayload(templateID: "is03-2023", serial: "000123", participantID: "P-42")
        #expect(QRPayload(decoding: payload.encoded) == payload)
        #expect(QRPayload(decoding: "hello") == nil)
        #expect(QRPayload(decoding: "IS03|is03-2023|7|")?.participantID == nil)
    }

    @Test func seededRandomIsDeterministicPerSeedAndStream() {
        var a = SeededRandom(seed: 7, stream: "marks"), b = SeededRandom(seed: 7, stream: "marks")
        var c = SeededRandom(seed: 7, stream: "names")
        let x = (0..<5).map { _ in a.next() }, y = (0..<5).map { _ in b.next() }, z = (0..<5).map { _ in c.next() }
        #expect(x == y)
        #expect(x != z)
    }
}

import Foundation
import IS03Core
import IS03TestSupport
import Testing

@Suite struct ResultsTests {
    static func person(_ id: String, _ surname: String, _ name: String, _ patronymic: String?, category: String = "standard",
                       auditorium: String? = "0101") -> Participant {
        Participant(id: id, surname: surname, name: name, patronymic: patronymic, className: "9А", documentSeries: "4512",
                    documentNumber: String(id.suffix(1)) + "23456", region: "37", msu: "012", oo: "370045",
                    auditorium: auditorium, absent: auditorium == nil, category: category, examDate: "2023-02-08")
    }

    static let people = [
        person("P1", "Иванов", "Пётр", "Сергеевич"),
        person("P2", "О'Коннор", "Анна", nil, category: "autism"),
        person("P3", "Смирнова", "Мария", "Олеговна"),
        person("P4", "Кузнецов", "Олег", "Игоревич"),
        person("P5", "Отсутствов", "Пётр", "Петрович", auditorium: nil),
        person("P6", "Неявкин", "Илья", "Ильич"),
    ]

    static func names(_ surname: String, _ name: String, _ patronymic: String) -> [FieldReading] {
        [("surname", surname), ("name", name), ("patronymic", patronymic), ("expertSurname", "ПЕТРОВА"), ("expertInitials", "АВ")].map { id, text in
            FieldReading(id: id, status: text.isEmpty ? .blank : .ok, value: text, confidence: 0.95)
        } + [FieldReading(id: "variant", status: .ok, value: "07", confidence: 0.99),
             FieldReading(id: "oo", status: .ok, value: "370045", confidence: 0.99),
             FieldReading(id: "auditorium", status: .ok, value: "0101", confidence: 0.99)]
    }

    static let full: [String: Int] = ["ИЧ": 1, "ТЧ": 1, "П1": 2, "П2": 1, "П3": 1, "П4": 0, "Р1.Г": 1, "Р1.О": 1, "Р1.Р": 1, "Р1.Иск": 1,
                                      "М1": 1, "М2": 1, "М3": 0, "Д1": 1, "Д2": 1, "Р2.Г": 1, "Р2.О": 1, "Р2.Р": 0, "Р2.РО": 0]

    /// Six pages covering the cases a results file must carry.
    static func sheets() -> [SheetToMatch] {
        let f = ReadingFixtures.self
        var pages = [
            f.sheet(scores: full, expertTotal: 16, expertVerdict: "зачёт", extra: names("ИВАНОВ", "ПЕТР", "СЕРГЕЕВИЧ"), n: 1),
            f.sheet(scores: ["ТЧ": 1, "М1": 1, "М2": 0, "Д1": 1, "Д2": 0], expertTotal: 3, expertVerdict: "зачёт",
                    extra: names("О'КОННОР", "АННА", ""), n: 2),
            f.sheet(scores: ["ИЧ": 1, "ТЧ": 1], flags: ["removed"], extra: names("СМИРНОВА", "МАРИЯ", "ОЛЕГОВНА"), n: 3),
            f.sheet(scores: full.merging(["Р2.РО": 1]) { $1 }, expertTotal: 18,
                    extra: names("КУЗНЕЦОВ", "ОЛЕГ", "ИГОРЕВИЧ") + [FieldReading(id: "crit.П1", status: .multiple, value: "2", confidence: 0.5,
                                                                              alternatives: [Alternative(value: "1", confidence: 0.45)])], n: 4),
            f.sheet(scores: full, extra: names("ОТСУТСТВОВ", "ПЕТР", "ПЕТРОВИЧ"), n: 5),
        ]
        pages.append(SheetReading(source: f.source(6), pageClass: .foreign, classReason: "no registration marks & no QR: <text page>"))
        return pages.map { SheetToMatch(reading: $0, packet: "ВДП-0101") }
    }

    static func assemble() -> ResultAssembler.Output {
        ResultAssembler(template: ReadingFixtures.template, categories: ReadingFixtures.categories)
            .assemble(sheets(), participants: people)
    }

    @Test func assembledResultsCarryTheRightOutcomesAndQueue() throws {
        let out = Self.assemble()
        let byID = Dictionary(uniqueKeysWithValues: out.results.map { ($0.participant.id, $0) })
        #expect(out.results.map(\.participant.id) == ["P1", "P2", "P3", "P4", "P5"])
        #expect(byID["P1"]?.score.total == 16 && byID["P1"]?.score.outcome == .pass && byID["P1"]?.provenance.reviewStatus == .auto)
        #expect(byID["P1"]?.expert == "ПЕТРОВА А.В." && byID["P1"]?.variant == "07")
        #expect(byID["P2"]?.score.total == 3 && byID["P2"]?.score.max == 5 && byID["P2"]?.score.outcome == .pass)
        #expect(byID["P3"]?.score.outcome == .removed)
        let p4 = try #require(byID["P4"])
        #expect(p4.provenance.reviewStatus == .pending && p4.flags.contains("provisional") && p4.flags.contains("РО-needs-Р"))
        #expect(byID["P5"]?.flags.contains("absentOnList") == true)
        let reasons = out.review.items.map(\.reason)
        #expect(Set(reasons) == [.multipleMarks, .ruleViolation, .totalMismatch, .absentWithSheet, .foreignPage, .missingSheet])
        #expect(out.review.items.first { $0.reason == .missingSheet }?.participantID == "P6")
        #expect(out.review.items.first { $0.reason == .multipleMarks }?.crop?.hasPrefix("crops/") == true)
        #expect(out.summary == .init(participantsWhoSat: 5, missingSheets: 1))
        let summary = RunSummary(out)
        #expect(summary.sheets == 5 && summary.matched == 5 && summary.results == 5 && summary.resultsAuto == 3)
        #expect(!summary.countCheckOK && summary.queuedByReason["missingSheet"] == 1)
        #expect(summary.lines.last == "review queue: 6 — absentWithSheet 1, foreignPage 1, missingSheet 1, multipleMarks 1, ruleViolation 1, totalMismatch 1")
    }

    @Test func expertsListGivesTheExpertsSpelling() {
        let experts = [Expert(id: "E1", surname: "Петрова", name: "Анна", patronymic: "Викторовна", oo: "370045")]
        let out = ResultAssembler(template: ReadingFixtures.template, categories: ReadingFixtures.categories, experts: experts)
            .assemble(Self.sheets(), participants: Self.people)
        #expect(out.results.allSatisfy { $0.expert == "Петрова А.В." })
    }

    @Test func filesValidateAgainstTheirSchemasAndMatchGoldenFiles() throws {
        let out = Self.assemble()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("is03-results-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ResultFiles.write(out, template: ReadingFixtures.template, to: dir, generated: "2023-02-14T10:00:00Z")
        let schemas = RepositoryPaths.root.appendingPathComponent("schemas")
        for (file, schema) in [(ResultFiles.resultsXML, "results.xsd"), (ResultFiles.reviewXML, "review.xsd")] {
            let result = try XMLLint.validate(dir.appendingPathComponent(file), schema: schemas.appendingPathComponent(schema))
            #expect(result.ok, "\(file): \(result.output)")
        }
        for file in [ResultFiles.resultsXML, ResultFiles.resultsCSV, ResultFiles.reviewXML, ResultFiles.reviewJSON] {
            try Golden.check(String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8), named: file)
        }
        // The JSON queue reads back to the same items.
        let decoded = try ReviewQueue.decode(json: Data(contentsOf: dir.appendingPathComponent(ResultFiles.reviewJSON)))
        #expect(decoded == out.review)
    }

    @Test func streamedFilesAreTheWholeDocuments() throws {
        let out = Self.assemble()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("is03-stream-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let stream = try ResultFileStream(directory: dir)
        #expect(throws: ResultFilesError.self) { try stream.add(result: out.results[0]) }   // before its form is named
        stream.begin(template: ReadingFixtures.template)
        // Results arrive in page order, not the file's: the stream puts them in the file's order.
        for record in out.results.reversed() { try stream.add(result: record) }
        let pageItems = out.review.items.filter { $0.fieldID == "@page" }
        let listItems = out.review.items.filter { $0.fieldID == "@list" }
        let sheetItems = out.review.items.filter { $0.fieldID != "@page" && $0.fieldID != "@list" }
        #expect(!pageItems.isEmpty && !listItems.isEmpty && !sheetItems.isEmpty)
        // Sheet items may arrive before a later page's page item: page items still come first.
        for item in sheetItems { try stream.add(sheetItem: item) }
        for item in pageItems { try stream.add(pageItem: item) }
        try stream.finish(listItems: listItems, summary: out.summary, generated: "2023-02-14T10:00:00Z")

        let queue = ReviewQueue(items: pageItems + sheetItems + listItems)
        let documents: [(String, Data)] = [
            (ResultFiles.resultsXML, Data(ResultsXML.document(out.results, summary: out.summary, generated: "2023-02-14T10:00:00Z").utf8)),
            (ResultFiles.resultsCSV, Data(ResultsCSV.document(out.results, template: ReadingFixtures.template).utf8)),
            (ResultFiles.reviewXML, Data(queue.xml().utf8)),
            (ResultFiles.reviewJSON, try queue.json()),   // Foundation's encoder on the whole queue
        ]
        for (name, document) in documents {
            #expect(try Data(contentsOf: dir.appendingPathComponent(name)) == document, "\(name)")
        }
        // Only the four files: no partial file and no scratch file is left behind.
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir.path)) == Set(documents.map(\.0)))

        // A run with nothing to say writes empty documents the same way.
        let empty = dir.appendingPathComponent("empty")
        let nothing = try ResultFileStream(directory: empty)
        nothing.begin(template: ReadingFixtures.template)
        try nothing.finish(listItems: [], summary: .init(participantsWhoSat: 0, missingSheets: 0), generated: "2023-02-14T10:00:00Z")
        #expect(try Data(contentsOf: empty.appendingPathComponent(ResultFiles.reviewJSON)) == (try ReviewQueue(items: []).json()))
        #expect(try String(contentsOf: empty.appendingPathComponent(ResultFiles.resultsXML), encoding: .utf8)
                == ResultsXML.document([], summary: .init(participantsWhoSat: 0, missingSheets: 0), generated: "2023-02-14T10:00:00Z"))
    }

    @Test func xmlValidatorRejectsABrokenResultsFile() throws {
        // Guards the test above: the schema really constrains the document.
        let out = Self.assemble()
        let text = ResultsXML.document(out.results, summary: out.summary, generated: "2023-02-14T10:00:00Z")
            .replacingOccurrences(of: "code=\"pass\"", with: "code=\"maybe\"")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-broken-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        let result = try XMLLint.validate(url, schema: RepositoryPaths.root.appendingPathComponent("schemas/results.xsd"))
        #expect(!result.ok)
    }

    @Test func escapingKeepsAnyTextWellFormed() {
        #expect(XMLEscaping.escape("О'Коннор & <Ко> \"x\"") == "О&apos;Коннор &amp; &lt;Ко&gt; &quot;x&quot;")
        #expect(XMLEscaping.escape("a\u{0}b\u{1B}c\td") == "abc\td")
    }

    @Test func csvQuotesDelimitersAndDefusesFormulas() {
        let out = Self.assemble()
        let csv = ResultsCSV.document(out.results, template: ReadingFixtures.template)
        let lines = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + out.results.count)
        #expect(lines[0].hasPrefix("participant_id;surname;name;patronymic;class;") && lines[0].contains(";Р2.РО;tasks12;tasks34;total;"))
        var evil = out.results[0]
        evil.participant.surname = "=HYPERLINK(\"x\";1)"
        let row = ResultsCSV.document([evil], template: ReadingFixtures.template).components(separatedBy: "\r\n")[1]
        #expect(row.contains(";\"'=HYPERLINK(\"\"x\"\";1)\";"))
    }
}

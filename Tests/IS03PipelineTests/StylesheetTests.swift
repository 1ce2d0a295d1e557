import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage
import IS03TestSupport
import Testing

/// The region's formats as configuration: the shipped stylesheets over real results XML, their
/// outputs against the schemas in schemas/, and errors in a stylesheet as messages, not crashes.
@Suite struct StylesheetTests {
    private let root = RepositoryPaths.root
    private var exports: URL { root.appendingPathComponent("Templates/exports") }
    private var schemas: URL { root.appendingPathComponent("schemas") }
    private var goldenResults: URL { root.appendingPathComponent("Tests/IS03CoreTests/Golden/results.xml") }

    private func scratch(_ name: String, _ data: Data) throws -> URL {
        let url = try PacketFixture.scratch("xslt").appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    @Test func theSchoolFormHasExactlyTheSeedFieldsAndValidates() throws {
        let form = try Stylesheet(contentsOf: exports.appendingPathComponent("school-form.xsl"))
            .transform(Data(contentsOf: goldenResults), inputName: goldenResults.path)
        let file = try scratch("form.xml", form)
        let lint = try XMLLint.validate(file, schema: schemas.appendingPathComponent("school-form.xsd"))
        #expect(lint.ok, "\(lint.output)")

        let text = String(decoding: form, as: UTF8.self)
        let document = try SafeXMLProbe.rows(text)
        #expect(document.count == 5)
        // Seed 000: код ОО, код ОМС, аудитория, вариант, баллы по критериям, общий балл,
        // зачёт/незачёт, ФИО эксперта, for the participant the row is for.
        #expect(document.allSatisfy { $0 == ["participant", "oo", "msu", "auditorium", "variant", "scores", "total", "outcome", "expert"] })
        #expect(text.contains("<expert>ПЕТРОВА А.В.</expert>"))
        #expect(text.contains("<outcome>зачёт</outcome>"))
    }

    @Test func extraElementsAndAttributesInTheResultsChangeNothing() throws {
        let original = try String(contentsOf: goldenResults, encoding: .utf8)
        // What a later engine may add (e.g. who verified a result, and when).
        let extended = original
            .replacingOccurrences(of: "reviewStatus=\"auto\">", with: "reviewStatus=\"auto\" verified=\"false\">")
            .replacingOccurrences(of: "<expert>", with: "<verifiedBy at=\"2023-02-15T09:00:00Z\">operator-1</verifiedBy>\n    <expert>")
        #expect(extended != original)
        for name in ["school-form.xsl", "results-cp1251.xsl"] {
            let stylesheet = try Stylesheet(contentsOf: exports.appendingPathComponent(name))
            #expect(try stylesheet.transform(Data(extended.utf8), inputName: "extended")
                    == stylesheet.transform(Data(original.utf8), inputName: "original"), "\(name)")
        }
    }

    @Test func theOfficeCSVIsWindows1251AndMatchesItsSchema() throws {
        let stylesheet = try Stylesheet(contentsOf: exports.appendingPathComponent("results-cp1251.xsl"))
        #expect(stylesheet.outputEncoding?.lowercased() == "windows-1251")
        let csv = try stylesheet.transform(Data(contentsOf: goldenResults), inputName: goldenResults.path)
        let schema = try CSVSchema.load(schemas.appendingPathComponent("results-cp1251.csv.json"))
        #expect(schema.problems(in: csv) == [])
        // Windows-1251, not UTF-8: «Пётр» is four bytes there.
        #expect(csv.range(of: Data([0xCF, 0xB8, 0xF2, 0xF0])) != nil)
        let text = try #require(String(data: csv, encoding: .windowsCP1251))
        let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix("P1;Иванов;Пётр;Сергеевич;012;370045;0101;07;1;1;2;"))
        #expect(lines[1].hasSuffix(";16;зачёт;ПЕТРОВА А.В."))
        // A criterion outside the participant's category stays empty (P2: autism).
        #expect(lines[2].hasPrefix("P2;О'Коннор;Анна;;012;370045;0101;07;;1;"))
        // A name a spreadsheet would run as a formula is written as text, quoted where it holds «;».
        let hostile = try String(contentsOf: goldenResults, encoding: .utf8)
            .replacingOccurrences(of: "<surname>Иванов</surname>", with: "<surname>=HYPERLINK(1);x</surname>")
        let guarded = try #require(String(data: try stylesheet.transform(Data(hostile.utf8), inputName: "hostile"), encoding: .windowsCP1251))
        #expect(guarded.contains("\r\nP1;\"'=HYPERLINK(1);x\";Пётр;"))
        #expect(schema.problems(in: try stylesheet.transform(Data(hostile.utf8), inputName: "hostile")) == [])
        // The schema check itself catches a wrong file.
        let wrong = try #require(text.replacingOccurrences(of: ";16;", with: ";шестнадцать;").data(using: .windowsCP1251))
        #expect(schema.problems(in: wrong).contains { $0.contains("«Общий балл»") })
    }

    @Test func aBrokenStylesheetIsAMessageWithFileAndLine() throws {
        let unknownElement = try scratch("unknown.xsl", Data("""
            <?xml version="1.0"?>
            <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
              <xsl:template match="/">
                <xsl:frobnicate/>
              </xsl:template>
            </xsl:stylesheet>
            """.utf8))
        let notXML = try scratch("broken.xsl", Data("""
            <?xml version="1.0"?>
            <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
              <xsl:template match="/"><a></b></xsl:template>
            </xsl:stylesheet>
            """.utf8))
        let badXPath = try scratch("xpath.xsl", Data("""
            <?xml version="1.0"?>
            <xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
              <xsl:template match="/">
                <xsl:value-of select="count(//x"/>
              </xsl:template>
            </xsl:stylesheet>
            """.utf8))
        for (file, line) in [(unknownElement, "line 4"), (notXML, ":3:"), (badXPath, "line 4")] {
            let error = #expect(throws: StylesheetError.self) { _ = try Stylesheet(contentsOf: file) }
            let message = error?.description ?? ""
            #expect(message.contains(file.path) && message.contains(line), "\(message)")
        }
        let missing = #expect(throws: StylesheetError.self) { _ = try Stylesheet(contentsOf: URL(fileURLWithPath: "/nonexistent/form.xsl")) }
        #expect(missing?.description.contains("/nonexistent/form.xsl") == true)
        // A shipped stylesheet given something else stops with its own message.
        let wrongInput = #expect(throws: StylesheetError.self) {
            _ = try Stylesheet(contentsOf: exports.appendingPathComponent("school-form.xsl"))
                .transform(Data("<participants/>".utf8), inputName: "list.xml")
        }
        #expect(wrongInput?.description.contains("not is03 results XML") == true)
        let dtd = #expect(throws: StylesheetError.self) {
            _ = try Stylesheet(contentsOf: exports.appendingPathComponent("school-form.xsl"))
                .transform(Data("<!DOCTYPE r [<!ENTITY a \"x\">]><r/>".utf8), inputName: "evil.xml")
        }
        #expect(dtd?.description.contains("DTD") == true)
    }

    @Test func aRegionsOwnListIsImportedThroughItsMappingStylesheet() async throws {
        let foreign = try scratch("region-list.xml", Data("""
            <?xml version="1.0" encoding="UTF-8"?>
            <ФайлУчастников>
              <Участник Код="P1">
                <Фамилия>Иванов</Фамилия><Имя>Пётр</Имя><Отчество>Сергеевич</Отчество><Класс>9А</Класс>
                <Документ Серия="2410" Номер="123456"/>
                <Регион>37</Регион><ОМС>012</ОМС><ОО>370045</ОО><Аудитория>0101</Аудитория>
                <Категория/><ДатаЭкзамена>08.02.2023</ДатаЭкзамена>
              </Участник>
              <Участник Код="P2">
                <Фамилия>Смирнова</Фамилия><Имя>Мария</Имя><Класс>9Б</Класс>
                <Регион>37</Регион><ОМС>012</ОМС><ОО>370045</ОО><Аудитория>Н</Аудитория>
                <Категория>autism</Категория><ДатаЭкзамена>08.02.2023</ДатаЭкзамена>
              </Участник>
            </ФайлУчастников>
            """.utf8))
        let mapping = root.appendingPathComponent("Templates/lists/participants-example.xsl")
        let mapped = try Stylesheet(contentsOf: mapping).transform(Data(contentsOf: foreign), inputName: foreign.path)
        let lint = try XMLLint.validate(try scratch("mapped.xml", mapped), schema: schemas.appendingPathComponent("participants.xsd"))
        #expect(lint.ok, "\(lint.output)")

        let store = try SQLiteResultStore.inMemory()
        let outcome = try await ReferenceListImport(participants: foreign, experts: nil, participantsMapping: mapping)
            .run(into: store, actor: "test")
        #expect(outcome.problems == [])
        let list = try #require(outcome.list)
        let people = try await store.participants(listID: list.id)
        #expect(people.map(\.id) == ["P1", "P2"])
        #expect(people[0].surname == "Иванов" && people[0].documentNumber == "123456" && people[0].examDate == "2023-02-08")
        #expect(people[1].absent && people[1].category == "autism")

        // The same list without the mapping is not is03's: refused, naming the file.
        await #expect(throws: (any Error).self) {
            _ = try await ReferenceListImport(participants: foreign, experts: nil).run(into: store, actor: "test")
        }
    }
}

/// The child element names of each `<row>` of a school form (written with `indent="yes"`:
/// a row's children stand on their own lines, four spaces in).
enum SafeXMLProbe {
    static func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        for line in text.split(separator: "\n") {
            if line.trimmingCharacters(in: .whitespaces) == "<row>" {
                rows.append([])
            } else if line.hasPrefix("    <"), !line.hasPrefix("     "), !line.hasPrefix("    </"), !rows.isEmpty {
                let name = line.dropFirst(5).prefix { $0.isLetter }
                rows[rows.count - 1].append(String(name))
            }
        }
        return rows
    }
}

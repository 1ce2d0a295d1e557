import Foundation
import IS03Core
import IS03TestSupport
import Testing

@Suite struct ParticipantImportTests {
    static let header = "id;surname;name;patronymic;class;document_series;document_number;region;msu;oo;auditorium;category;exam_date"

    private func write(_ data: Data, ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("is03-participants-\(UUID().uuidString).\(ext)")
        try data.write(to: url)
        return url
    }

    @Test func utf8CSVWithBOMAndQuotedFieldsLoads() throws {
        let text = "\u{FEFF}" + Self.header + "\r\n"
            + "P000123;Иванов;Пётр;Сергеевич;9А;4512;123456;37;012;370045;0101;standard;2023-02-08\r\n"
            + "P000124;\"Римский-Корсаков\";\"Анна; Мария\";;9Б;;;37;012;370045;Н;autism;08.02.2023\r\n"
        let list = try ParticipantList.load(from: write(Data(text.utf8), ext: "csv"))
        #expect(list.problems.isEmpty)
        #expect(list.participants.count == 2)
        let first = list.participants[0]
        #expect(first.id == "P000123" && first.name == "Пётр" && first.patronymic == "Сергеевич")
        #expect(first.auditorium == "0101" && !first.absent && first.examDate == "2023-02-08")
        let second = list.participants[1]
        #expect(second.surname == "Римский-Корсаков" && second.name == "Анна; Мария")
        #expect(second.patronymic == nil && second.documentNumber == nil)
        #expect(second.absent && second.auditorium == nil && second.category == "autism")
        #expect(second.examDate == "2023-02-08")
        #expect(list.present.map(\.id) == ["P000123"])
    }

    @Test func windows1251CommaCSVIsDetectedAndDecoded() throws {
        let text = Self.header.replacingOccurrences(of: ";", with: ",") + "\n"
            + "P1,Ёлкина,Юлия,Эдуардовна,9Щ,,,37,012,370045,0102,zpr,2023-02-08\n"
        // Encode to cp1251 with our own table's inverse, so the test does not lean on Foundation.
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0..<0x80: bytes.append(UInt8(scalar.value))
            case 0x0410...0x044F: bytes.append(UInt8(scalar.value - 0x0410 + 0xC0))
            case 0x0401: bytes.append(0xA8)
            case 0x0451: bytes.append(0xB8)
            default: Issue.record("unexpected scalar \(scalar)")
            }
        }
        #expect(String(bytes: bytes, encoding: .utf8) == nil, "the fixture must not be valid UTF-8")
        #expect(TextDecoding.decode(Data(bytes)).encoding == .windows1251)
        let list = try ParticipantList.load(from: write(Data(bytes), ext: "csv"))
        #expect(list.problems.isEmpty)
        let p = try #require(list.participants.first)
        #expect(p.surname == "Ёлкина" && p.name == "Юлия" && p.patronymic == "Эдуардовна" && p.className == "9Щ")
        #expect(p.classNumber == "9" && p.classLetter == "Щ")
    }

    @Test func badRowsDuplicatesAndPeopleAreReportedWithFileAndLine() throws {
        let text = Self.header + "\n"
            + "P1;Иванов;Пётр;;9А;4512;123456;37;012;370045;0101;standard;2023-02-08\n"
            + "P2;;Анна;;9А;;;37;012;370045;0101;standard;2023-02-08\n"
            + "P1;Петров;Олег;;9А;;;37;012;370045;0101;standard;2023-02-08\n"
            + "P3;ИВАНОВ;Пётр;;9Б;4512;123456;37;012;370045;0102;standard;2023-02-08\n"
            + "P4;Сидоров;Иван;;9А;;;37;012;370045;0101;standard;8 февраля\n"
        let url = try write(Data(text.utf8), ext: "csv")
        let list = try ParticipantList.load(from: url)
        #expect(list.participants.map(\.id) == ["P1", "P3"])
        let byLine = Dictionary(uniqueKeysWithValues: list.problems.map { ($0.line, $0) })
        #expect(byLine[3]?.kind == .invalidRow && byLine[3]?.message.contains("surname") == true)
        #expect(byLine[4]?.kind == .duplicateID && byLine[4]?.message.contains("line 2") == true)
        #expect(byLine[5]?.kind == .duplicatePerson)
        #expect(byLine[6]?.kind == .invalidRow && byLine[6]?.message.contains("exam_date") == true)
        #expect(list.problems.allSatisfy { $0.file == url.path && $0.description.hasPrefix(url.path + ":") })
    }

    @Test func missingHeaderColumnThrowsNamingTheColumn() throws {
        let url = try write(Data("id;surname;name\nP1;А;Б\n".utf8), ext: "csv")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            "\(error)".contains(url.path) && "\(error)".contains("class")
        }
    }

    static let xmlSample = """
    <?xml version="1.0" encoding="UTF-8"?>
    <participants>
      <participant>
        <id>P000123</id><surname>Иванов</surname><name>Пётр</name><patronymic>Сергеевич</patronymic>
        <class>9А</class><document_series>4512</document_series><document_number>123456</document_number>
        <region>37</region><msu>012</msu><oo>370045</oo><auditorium>0101</auditorium>
        <category>standard</category><exam_date>2023-02-08</exam_date>
      </participant>
      <participant>
        <id>P000124</id><surname>Ли &amp; Ко</surname><name>Ян</name>
        <class>9Б</class>
        <region>37</region><msu>012</msu><oo>370045</oo><auditorium>Н</auditorium>
        <category>deaf-sign</category><exam_date>2023-02-08</exam_date>
      </participant>
    </participants>
    """

    @Test func xmlListLoadsAndValidatesAgainstTheXSD() throws {
        let url = try write(Data(Self.xmlSample.utf8), ext: "xml")
        let list = try ParticipantList.load(from: url)
        #expect(list.problems.isEmpty)
        #expect(list.participants.map(\.id) == ["P000123", "P000124"])
        #expect(list.participants[1].surname == "Ли & Ко" && list.participants[1].absent)
        let schema = RepositoryPaths.root.appendingPathComponent("schemas/participants.xsd")
        let result = try XMLLint.validate(url, schema: schema)
        #expect(result.ok, "\(result.output)")
    }

    @Test(arguments: [
        // XXE: an external entity pointing at a local file.
        """
        <?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <participants><participant><id>&xxe;</id></participant></participants>
        """,
        // Billion laughs.
        """
        <?xml version="1.0"?>
        <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
        <participants>&lol2;</participants>
        """,
    ])
    func xmlWithDTDIsRefused(document: String) throws {
        let url = try write(Data(document.utf8), ext: "xml")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            "\(error)".contains("DTD") && "\(error)".contains(url.path)
        }
    }

    @Test func windows1251XMLWithItsDeclarationLoads() throws {
        let text = Self.xmlSample.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"windows-1251\"")
            .replacingOccurrences(of: "Ли &amp; Ко", with: "Ёжикова")
        let bytes: [UInt8] = text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x0410...0x044F: UInt8(scalar.value - 0x0410 + 0xC0)
            case 0x0401: 0xA8
            case 0x0451: 0xB8
            default: UInt8(truncatingIfNeeded: scalar.value)
            }
        }
        let list = try ParticipantList.load(from: write(Data(bytes), ext: "xml"))
        #expect(list.participants.map(\.surname) == ["Иванов", "Ёжикова"])
        #expect(list.participants[0].name == "Пётр")
    }

    @Test func malformedXMLNamesFileAndLine() throws {
        let url = try write(Data("<participants>\n<participant>\n<id>P1</id>\n</participants>".utf8), ext: "xml")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            guard let error = error as? ImportError else { return false }
            return error.file == url.path && error.line >= 3
        }
    }

    @Test func expertsListLoads() throws {
        let text = "id;surname;name;patronymic;oo\nE1;Петрова;Анна;Викторовна;370045\nE1;Другая;Анна;;370045\n"
        let list = try ExpertList.parseCSV(text, file: "experts.csv")
        #expect(list.experts.count == 1)
        #expect(list.experts[0].shortName == "Петрова А.В.")
        #expect(list.problems.first?.kind == .duplicateID && list.problems.first?.line == 3)
        let experts = [Expert(id: "E1", surname: "Петрова", name: "Анна", patronymic: "Викторовна", oo: "370045"),
                       Expert(id: "E2", surname: "Петрова", name: "Ольга", patronymic: nil, oo: "370052"),
                       Expert(id: "E3", surname: "Сидорова", name: "Анна", patronymic: "Ивановна", oo: "370045")]
        #expect(experts.matching(surname: "ПЕТРОВА", initials: "АВ", oo: "370045")?.id == "E1")
        #expect(experts.matching(surname: "ПЕТРОВА", initials: "", oo: "370052")?.id == "E2", "same surname: the school decides")
        #expect(experts.matching(surname: "ПЕТРОВА", initials: "", oo: "370099") == nil, "two fit, neither local")
        #expect(experts.matching(surname: "ПЕТРОВ", initials: "А", oo: "370045") == nil)
    }
}

@Suite struct SampleScansListTests {
    /// The committed sample participant list loads cleanly and every category is scoreable.
    @Test func sampleParticipantListLoads() throws {
        let url = RepositoryPaths.sampleScans.appendingPathComponent("participants.csv")
        try #require(FileManager.default.fileExists(atPath: url.path), "SampleScans/participants.csv is missing")
        let list = try ParticipantList.load(from: url)
        #expect(list.problems.isEmpty, "\(list.problems)")
        #expect(list.participants.count >= 40)
        let known = Set(ReadingFixtures.categories.categories.map(\.id))
        #expect(list.participants.allSatisfy { known.contains($0.category) })
    }
}

import Foundation
import IS03Core
import Testing

/// Participant lists as they arrive from outside: other encodings, workbooks saved under the
/// wrong name, rows cut or padded, hostile XML. Each is read right or refused with an error
/// that names the file and line and says what to do; none crashes or is silently misread.
/// (The common cases — BOM, Windows-1251, bad rows, DTDs — are in ParticipantImportTests.)
@Suite struct HostileParticipantListTests {
    static let header = ParticipantImportTests.header
    static let row = "P1;Иванов;Пётр;;9А;4512;123456;37;012;370045;0101;standard;2023-02-08"

    private func write(_ bytes: [UInt8], ext: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-hostile-\(UUID().uuidString).\(ext)")
        try Data(bytes).write(to: url)
        return url
    }

    /// Excel's «Unicode text» and some registry exports write UTF-16 with a byte-order mark.
    @Test(arguments: [true, false])
    func utf16WithByteOrderMarkIsRead(littleEndian: Bool) throws {
        let text = Self.header + "\r\n" + Self.row + "\r\n"
        var bytes: [UInt8] = littleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for unit in text.utf16 {
            bytes += littleEndian ? [UInt8(unit & 0xFF), UInt8(unit >> 8)] : [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        let list = try ParticipantList.load(from: write(bytes, ext: "csv"))
        #expect(list.participants.map(\.surname) == ["Иванов"])
        #expect(list.problems.isEmpty)
    }

    @Test(arguments: [
        ("xlsx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00] as [UInt8]),
        ("xls", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] as [UInt8]),
    ])
    func aWorkbookSavedAsCSVIsRefusedWithAHint(kind: String, magic: [UInt8]) throws {
        let url = try write(magic + [UInt8](repeating: 0, count: 200) + Array("id;surname".utf8), ext: "csv")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(url.path) && text.contains("Excel") && text.contains("CSV")
        }
    }

    @Test func binaryJunkIsRefusedNamingTheFile() throws {
        var rng = SeededRandom(seed: 1, stream: "junk")
        let url = try write((0..<4096).map { _ in UInt8.random(in: 0...255, using: &rng) }, ext: "csv")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            (error as? ImportError)?.file == url.path
        }
    }

    @Test func cutPaddedAndOddRowsAreReportedByLine() throws {
        let text = Self.header + "\n"
            + Self.row + "\n"
            + "P2;Петров\n"                                          // line 3: cut short
            + "P3;Сидоров;Иван;;9А;;;37;012;370045;0101;standard;2023-02-08;extra;columns\n"  // line 4: padded: kept
            + "P4;\"Незакрытая;Кавычка;;9А;;;37;012;370045;0101;standard;2023-02-08\n"        // line 5: quote never closed
            + Self.row.replacingOccurrences(of: "P1;", with: "P5;").replacingOccurrences(of: "Иванов", with: "Ива\u{0}нов") + "\n"
        let url = try write(Array(text.utf8), ext: "csv")
        let list = try ParticipantList.load(from: url)
        #expect(list.participants.map(\.id).prefix(2) == ["P1", "P3"])
        #expect(!list.participants.contains { $0.surname.contains("\u{0}") }, "a NUL byte was taken into a name")
        let lines = Set(list.problems.map(\.line))
        #expect(lines.contains(3), "\(list.problems)")
        #expect(lines.contains(5), "the unclosed quote swallows the rest of the file; it must be reported: \(list.problems)")
        #expect(list.problems.allSatisfy { $0.file == url.path })
    }

    @Test func aHugeFieldIsReportedNotAccepted() throws {
        let long = String(repeating: "Я", count: 200_000)
        let text = Self.header + "\n" + Self.row.replacingOccurrences(of: "Иванов", with: long) + "\n"
        let url = try write(Array(text.utf8), ext: "csv")
        let list = try ParticipantList.load(from: url)
        #expect(list.participants.isEmpty)
        #expect(list.problems.first?.line == 2)
    }

    @Test(arguments: [
        // The DTD hidden after a comment and in lower case.
        "<?xml version=\"1.0\"?><!-- export --><!doctype p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><participants>&x;</participants>",
        // Parameter entities pulling an external DTD (the classic out-of-band XXE).
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY % ext SYSTEM \"http://127.0.0.1:9/x.dtd\"> %ext;]><participants/>",
        // A public external DTD with no internal subset.
        "<?xml version=\"1.0\"?><!DOCTYPE participants SYSTEM \"http://127.0.0.1:9/p.dtd\"><participants/>",
        // Quadratic blow-up needs a DTD too.
        "<?xml version=\"1.0\"?><!DOCTYPE p [<!ENTITY a \"\(String(repeating: "x", count: 1000))\">]><participants>\(String(repeating: "&a;", count: 1000))</participants>",
    ])
    func everyEntityTrickIsRefused(document: String) throws {
        let url = try write(Array(document.utf8), ext: "xml")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            "\(error)".hasPrefix(url.path) && "\(error)".contains("DTD")
        }
    }

    @Test func utf16XMLWithADTDIsRefused() throws {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE p [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><participants>&x;</participants>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in document.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let url = try write(bytes, ext: "xml")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            "\(error)".hasPrefix(url.path)
        }
    }

    @Test func deeplyNestedXMLIsRefusedWithoutCrashing() throws {
        let depth = 100_000
        let document = "<participants>" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth) + "</participants>"
        let url = try write(Array(document.utf8), ext: "xml")
        #expect {
            _ = try ParticipantList.load(from: url)
        } throws: { error in
            (error as? ImportError)?.file == url.path && "\(error)".contains("nested")
        }
    }

    @Test func xIncludeIsNotFollowed() throws {
        let document = """
            <?xml version="1.0"?>
            <participants xmlns:xi="http://www.w3.org/2001/XInclude">
            <participant><id>P1</id><surname><xi:include href="file:///etc/hostname" parse="text"/></surname></participant>
            </participants>
            """
        let url = try write(Array(document.utf8), ext: "xml")
        let hostname = (try? String(contentsOfFile: "/etc/hostname", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "\u{1}"
        let list = try? ParticipantList.load(from: url)
        #expect(!(list?.participants.contains { $0.surname.contains(hostname) } ?? false))
    }
}

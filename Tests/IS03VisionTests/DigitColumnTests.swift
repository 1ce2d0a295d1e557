import Foundation
import IS03Core
import IS03Vision
import Testing

/// Codes and numbers fill every column of their digit field (leading zeros, as the form asks).
/// A column left blank beside marked ones — at either end or inside — is a digit the scan lost
/// (a pale mark binarised away) or the writer left out, so the field is never `ok`: a faded
/// leading «1» of variant «14» must reach an operator, not the results as a certain «4».
@Suite("Digit columns")
struct DigitColumnTests {
    static let dpi = 200.0

    /// Reads a blank form on which `digits` are marked solidly in `field`, one per column; a
    /// space leaves that column blank.
    static func read(_ field: String, _ digits: String) throws -> FieldReading? {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: dpi)
        for (column, digit) in digits.enumerated() where digit != " " {
            TestPages.mark(&page, template, field: field, value: String(digit), column: column, dpi: dpi)
        }
        let reader = try SheetReader(templates: TestPages.allTemplates())
        reader.readsHandwriting = false
        let reading = reader.read(page: page, source: PageSource(file: "memory", page: 0, sha256: ""))
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        return reading.field(field)
    }

    @Test("Every column marked: the number is read ok")
    func complete() throws {
        let variant = try Self.read("variant", "14")
        #expect(variant?.status == .ok && variant?.value == "14", "\(String(describing: variant))")
        let msu = try Self.read("msu", "036")
        #expect(msu?.status == .ok && msu?.value == "036", "\(String(describing: msu))")
    }

    @Test("A blank column at the start, the end or inside makes the field not ok",
          arguments: [("variant", " 4"), ("variant", "1 "), ("msu", " 36"), ("msu", "0 6"),
                      ("documentNumber", " 24766"), ("classNumber", "0 ")])
    func incomplete(field: String, digits: String) throws {
        let read = try Self.read(field, digits)
        #expect(read != nil && read?.status != .ok, "\(field) «\(digits)»: \(String(describing: read))")
    }

    @Test("An untouched field is blank, not an unsure number")
    func untouched() throws {
        let read = try Self.read("kim", "")
        #expect(read?.status == .blank, "\(String(describing: read))")
    }
}

import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// Handwritten ФИО fields read off whole synthetic sheets, against the truth. Also the
/// whole-name measurement quoted in docs/recognition.md: run it larger with
/// `IS03_NAME_SHEETS=40 IS03_NAME_LEVEL=moderate swift test --filter NameFieldTests`.
@Suite("Handwritten name fields")
struct NameFieldTests {
    struct Tally: CustomStringConvertible {
        var fields = 0, wholeRight = 0, ok = 0, okWrong = 0, inTopAlternatives = 0
        var boxes = 0, boxesRight = 0, trailingJunk = 0
        var sureButWrong: [String] = []
        var junkExamples: [String] = []
        var description: String {
            func pct(_ a: Int, _ b: Int) -> String { String(format: "%.1f%%", b == 0 ? 0 : 100 * Double(a) / Double(b)) }
            return "name fields \(fields): whole value right \(pct(wholeRight, fields)), right within the string alternatives "
                + "\(pct(inTopAlternatives, fields)), status ok \(pct(ok, fields)) of which wrong \(okWrong); "
                + "letters right \(pct(boxesRight, boxes)) of \(boxes); fields with a character past the written name: \(trailingJunk)"
                + (sureButWrong.isEmpty ? "" : "; sure but wrong: \(sureButWrong)")
                + (junkExamples.isEmpty ? "" : "; past the name: \(junkExamples)")
        }
    }

    static let nameFields: Set<String> = ["surname", "name", "patronymic", "expertSurname"]

    static func measure(sheets: Int, level: DegradationLevel, seed: UInt64) throws -> Tally {
        let template = try TestPages.template("is03-2023")
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 0
        let generator = SyntheticPacketGenerator(template: template, seed: seed, level: level, count: sheets, options: options)
        let reader = try SheetReader(templates: TestPages.allTemplates())
        var tally = Tally()
        for index in generator.plan.indices {
            let page = try generator.page(at: index)
            let reading = reader.read(page: page.image, source: PageSource(file: "synthetic", page: index, sha256: ""))
            for truth in page.truth.fields where nameFields.contains(truth.id) {
                guard let expected = truth.value, !expected.isEmpty, let read = reading.field(truth.id) else { continue }
                tally.fields += 1
                let value = read.value ?? ""
                if value == expected { tally.wholeRight += 1 }
                if value == expected || read.alternatives.contains(where: { $0.value == expected }) { tally.inTopAlternatives += 1 }
                if read.status == .ok {
                    tally.ok += 1
                    if value != expected {
                        tally.okWrong += 1
                        tally.sureButWrong.append("\(truth.id) «\(value)» for «\(expected)» at \(read.confidence)")
                    }
                }
                if value.count > expected.count {
                    tally.trailingJunk += 1
                    if tally.junkExamples.count < 6 {
                        let extra = read.cells.dropFirst(expected.count).filter { $0.character != nil }
                            .map { "\($0.key):\($0.character ?? "")@\(($0.confidence ?? 0) * 1000 / 1000)" }
                        tally.junkExamples.append("\(truth.id) «\(value)» for «\(expected)» extra \(extra)")
                    }
                }
                for (cell, char) in zip(read.cells, truth.boxes ?? []) where !char.isEmpty {
                    tally.boxes += 1
                    if cell.character == char { tally.boxesRight += 1 }
                    // The chosen letter is not repeated among the cell's other candidates.
                    #expect(cell.alternatives?.contains { $0.value == cell.character } != true, "\(truth.id)")
                }
            }
        }
        return tally
    }

    @Test("names on synthetic sheets: a name read as sure is right, nothing is added past the name")
    func namesOnSheets() throws {
        let environment = ProcessInfo.processInfo.environment
        let sheets = environment["IS03_NAME_SHEETS"].flatMap(Int.init) ?? 3
        let level = environment["IS03_NAME_LEVEL"].flatMap(DegradationLevel.init(rawValue:)) ?? .clean
        let tally = try Self.measure(sheets: sheets, level: level, seed: 7070)
        print("NameFieldTests (\(sheets) sheets, \(level.rawValue)): \(tally)")
        #expect(tally.fields >= sheets * 3)
        #expect(tally.okWrong == 0, "\(tally)")
        // On clean scans nothing is added past a name. On moderate and heavy scans remnants
        // of the printed box lines still read as letters in some fields (a known gap, measured
        // in docs/recognition.md); those fields are never ok, which the line above checks.
        if level == .clean {
            #expect(tally.trailingJunk == 0, "\(tally)")
            #expect(tally.boxesRight * 100 >= tally.boxes * 85, "\(tally)")
        }
    }
}

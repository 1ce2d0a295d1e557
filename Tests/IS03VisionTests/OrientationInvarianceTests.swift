import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// A sheet fed turned must read exactly as the same sheet fed upright: the same values, the
/// same statuses and the same confidences. Every page of a synthetic packet (light, pale,
/// corrected and double marks among them) is turned by exact quarter turns of its pixel array,
/// so the pixels are the same and only the engine's geometry can differ.
@Suite("Orientation invariance")
struct OrientationInvarianceTests {
    static func packet(dpi: Double, seed: UInt64) throws -> [SyntheticPage] {
        var options = SyntheticPacketOptions()
        options.blankPages = 0
        options.foreignPages = 0
        options.scan = ScanProfile(dpiChoices: [dpi], maxSkew: 2, maxOffset: 2, upsideDownShare: 0, sidewaysShare: 0,
                                   noise: 3...6, blur: 0.3...0.8, jpegShare: 0, jpegQuality: 90...90, lighting: 0.9...1,
                                   bleedShare: 0, bleedStrength: 0...0, paper: 232...248, ink: 15...40)
        return try SyntheticPacketGenerator(template: try TestPages.template("is03-2023"), seed: seed, level: .moderate,
                                            count: 2, options: options).pages()
    }

    @Test("Every page reads the same fed at 0, 90, 180 and 270 degrees", arguments: [200.0, 300.0])
    func fourWays(dpi: Double) throws {
        let reader = try SheetReader(templates: TestPages.allTemplates())
        reader.readsHandwriting = false
        let template = try TestPages.template("is03-2023")
        let marksFields = Set(template.fields.filter { [.choice, .digits, .flag].contains($0.kind) }.map(\.id))
        var worstFill = 0.0
        defer { print("orientation: largest bubble score difference \(worstFill) at \(Int(dpi)) dpi") }
        for (index, page) in try Self.packet(dpi: dpi, seed: UInt64(dpi) + 11).enumerated() {
            let readings = (0..<4).map { turns in
                reader.read(page: TestPages.turned(page.image, quarterTurns: turns),
                            source: PageSource(file: "page \(index + 1) turned \(turns * 90)", page: 0, sha256: ""))
            }
            let upright = readings[0]
            #expect(upright.pageClass == .sheet, "\(upright.classReason ?? "")")
            for (turns, turned) in readings.enumerated().dropFirst() {
                let label = "\(Int(dpi)) dpi page \(index + 1) at \(turns * 90)°"
                #expect(turned.pageClass == upright.pageClass, "\(label): \(turned.classReason ?? "")")
                #expect(turned.orientation == (upright.orientation ?? 0) + turns * 90, "\(label)")
                for field in upright.fields {
                    guard let other = turned.field(field.id) else { Issue.record("\(label): \(field.id) missing"); continue }
                    #expect(other.value == field.value && other.status == field.status,
                            "\(label) \(field.id): \(other.value ?? "nil") \(other.status) vs upright \(field.value ?? "nil") \(field.status)")
                    #expect(abs(other.confidence - field.confidence) <= 0.01,
                            "\(label) \(field.id): confidence \(other.confidence) vs upright \(field.confidence)")
                    // Each bubble's score, not only the decision: a half-filled bubble must
                    // measure the same however the sheet was fed. (Letter boxes are the
                    // hand-print reader's and are compared by value and status only.)
                    guard marksFields.contains(field.id) else { continue }
                    for (cell, turnedCell) in zip(field.cells, other.cells) where cell.key == turnedCell.key {
                        worstFill = max(worstFill, abs(cell.fill - turnedCell.fill))
                    }
                }
            }
        }
        #expect(worstFill <= 0.03, "a bubble's score differs by \(worstFill) between feed orientations")
    }
}

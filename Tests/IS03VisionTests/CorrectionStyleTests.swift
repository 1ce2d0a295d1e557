import Foundation
import IS03Core
import IS03Vision
import Testing

/// Corrections as people make them: a filled bubble struck out with a single slash, an X or a
/// scribble, or a new choice circled. The engine reads the new value or flags the field; it
/// never gives the struck-out value as certain.
@Suite("Correction styles")
struct CorrectionStyleTests {
    static let dpi = 200.0

    enum Correction { case slash, backslash, cross, shortSlash, scribble, circle }

    /// crit.П1 with "2" filled and then corrected as `style`, and "1" filled as the new value
    /// (or, for `circle`, "1" filled and circled while "2" stays filled).
    static func correctedSheet(_ style: Correction) throws -> GrayImage {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: dpi)
        TestPages.mark(&page, template, field: "crit.П1", value: "2", dpi: dpi)
        TestPages.mark(&page, template, field: "crit.П1", value: "1", dpi: dpi)
        guard let field = template.field("crit.П1") else { throw VisionError(message: "no crit.П1") }
        let cells = field.cells(defaults: template.defaults)
        let s = dpi / 25.4
        func centre(_ value: String) -> (x: Double, y: Double, r: Double) {
            let cell = cells.first { if case .bubble(let v, _) = $0.kind { v == value } else { false } }!
            return (cell.rect.center.x * s, cell.rect.center.y * s, cell.rect.width / 2 * s)
        }
        let old = centre("2"), pen = 0.5 * s
        // Strokes reach 1.75 radii from the centre along the diagonal (the short slash 1.45).
        let reach = (style == .shortSlash ? 1.45 : 1.75) / 2.0.squareRoot()
        switch style {
        case .slash, .shortSlash:
            TestPages.line(&page, old.x - old.r * reach, old.y + old.r * reach, old.x + old.r * reach, old.y - old.r * reach, width: pen)
        case .backslash:
            TestPages.line(&page, old.x - old.r * reach, old.y - old.r * reach, old.x + old.r * reach, old.y + old.r * reach, width: pen)
        case .cross:
            TestPages.line(&page, old.x - old.r * reach, old.y + old.r * reach, old.x + old.r * reach, old.y - old.r * reach, width: pen)
            TestPages.line(&page, old.x - old.r * reach, old.y - old.r * reach, old.x + old.r * reach, old.y + old.r * reach, width: pen)
        case .scribble:
            // A zigzag back and forth across the filled bubble, overshooting the ring.
            var y = old.y - old.r * 1.3
            var left = true
            while y < old.y + old.r * 1.3 {
                let next = y + old.r * 0.35
                TestPages.line(&page, old.x + (left ? -1.4 : 1.4) * old.r, y, old.x + (left ? 1.4 : -1.4) * old.r, next, width: pen)
                y = next; left.toggle()
            }
        case .circle:
            let new = centre("1")
            for k in 0..<240 {
                let a = Double(k) / 240 * 2 * Double.pi
                TestPages.disc(&page, new.x + cos(a) * new.r * 1.55, new.y + sin(a) * new.r * 1.55, pen / 2, grey: 25)
            }
        }
        return page
    }

    @Test("A struck-out mark is never read as certain; the new mark is read or the field flagged",
          arguments: [Correction.slash, .backslash, .cross, .shortSlash, .scribble, .circle])
    func correction(style: Correction) throws {
        let reader = try SheetReader(templates: TestPages.allTemplates())
        reader.readsHandwriting = false
        for turns in [0, 2] {
            let page = TestPages.turned(try Self.correctedSheet(style), quarterTurns: turns)
            let reading = reader.read(page: page, source: PageSource(file: "memory", page: 0, sha256: ""))
            #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
            guard let field = reading.field("crit.П1") else { Issue.record("no crit.П1"); continue }
            let label = "\(style) at \(turns * 90)°: \(field.status) \(field.value ?? "nil") \(field.confidence)"
            #expect(!(field.status == .ok && field.value == "2"), "\(label)")
            switch style {
            case .slash, .backslash, .cross:
                // A clean single slash or X with a new mark beside it is a correction read as such.
                #expect(field.status == .ok && field.value == "1", "\(label)")
            case .shortSlash, .scribble:
                #expect(field.status != .ok || field.value == "1", "\(label)")
            case .circle:
                #expect(field.status != .ok, "\(label)")
            }
        }
    }
}

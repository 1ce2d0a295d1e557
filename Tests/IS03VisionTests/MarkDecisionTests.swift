import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// The mark decisions the synthetic generator's hardest fields call for, on sheets rendered
/// and marked by the same painters the generator uses (Cairo), read by the real engine.
@Suite("Mark decisions: corrections, doubles, light marks, strays")
struct MarkDecisionTests {
    static let dpi = 200.0
    static let accept = MarkReadingConfig.default.acceptConfidence

    /// A rendered 2023 form with a canvas to mark on.
    private struct Sheet {
        let template: Template
        let canvas: PageCanvas
        var rng = SeededRandom(seed: 7, stream: "mark-decision-tests")

        init() throws {
            template = try TestPages.template("is03-2023")
            canvas = try PageCanvas(widthMM: template.page.width, heightMM: template.page.height, dpi: MarkDecisionTests.dpi)
            try FormPainter(template: template).draw(on: canvas, personalisation: SheetPersonalisation(serial: "000042"))
        }

        func rect(_ field: String, _ value: String) -> RectMM {
            template.field(field)!.cells(defaults: template.defaults).first { $0.kind == .bubble(value: value, column: 0) }!.rect
        }

        mutating func mark(_ field: String, _ value: String, _ style: MarkStyle = .solid, hand: MarkHand = .pen) {
            MarkPainter.draw(style, in: rect(field, value), hand: hand, rng: &rng, on: canvas)
        }

        /// The way the generator writes a correction: the wrong value marked, then struck out.
        mutating func correct(_ field: String, wrong: String, right: String, hand: MarkHand) {
            MarkPainter.draw(hand.style, in: rect(field, wrong), hand: hand, rng: &rng, on: canvas)
            MarkPainter.strikeOut(rect(field, wrong), hand: hand, rng: &rng, on: canvas)
            MarkPainter.draw(hand.style, in: rect(field, right), hand: hand, rng: &rng, on: canvas)
        }

        func read() throws -> SheetReading {
            let reader = try SheetReader(templates: TestPages.allTemplates())
            return reader.read(page: try canvas.grayImage(), source: PageSource(file: "memory", page: 0, sha256: ""))
        }
    }

    private func accepted(_ field: FieldReading?) -> Bool {
        guard let field else { return false }
        return (field.status == .ok || field.status == .blank) && field.confidence >= Self.accept
    }

    @Test("A corrected field (wrong mark struck out past its outline, right one made) is read right and accepted",
          arguments: [MarkStyle.solid, .scribble, .tick, .cross, .partial, .pencil])
    func corrected(style: MarkStyle) throws {
        var sheet = try Sheet()
        let hand = MarkHand(style: style, ink: style == .pencil ? 0.45 : 0.95, penWidth: 0.5, sloppiness: 0.08)
        sheet.correct("crit.П1", wrong: "2", right: "1", hand: hand)
        sheet.correct("crit.ИЧ", wrong: "1", right: "0", hand: hand)
        // The tightest row: total bubbles 4.5 mm apart, the strike reaches into the neighbours' diagonals.
        sheet.correct("expertTotal", wrong: "12", right: "13", hand: hand)
        sheet.mark("crit.М1", "1", style, hand: hand)
        let reading = try sheet.read()
        for (id, value) in [("crit.П1", "1"), ("crit.ИЧ", "0"), ("expertTotal", "13"), ("crit.М1", "1")] {
            let field = reading.field(id)
            #expect(field?.value == value, "\(id): \(String(describing: field))")
            #expect(accepted(field), "\(id) not accepted: \(String(describing: field))")
        }
        #expect(reading.field("crit.Д1")?.status == .blank)
    }

    @Test("A genuine double mark (two marks, neither struck out) is flagged, never read as one value")
    func double() throws {
        var sheet = try Sheet()
        sheet.mark("crit.П1", "0"); sheet.mark("crit.П1", "2")
        sheet.mark("expertTotal", "12", .cross); sheet.mark("expertTotal", "13", .cross)
        let reading = try sheet.read()
        for id in ["crit.П1", "expertTotal"] {
            let field = try #require(reading.field(id))
            #expect(field.status == .multiple, "\(id): \(field)")
            #expect(!accepted(field))
        }
    }

    @Test("A light mark (ink 0.28-0.4, the generator's faint fill) is accepted as the value")
    func light() throws {
        var sheet = try Sheet()
        sheet.mark("crit.П1", "1", .light)
        sheet.mark("crit.М2", "0", .light)
        sheet.mark("expertTotal", "9", .light)
        let reading = try sheet.read()
        for (id, value) in [("crit.П1", "1"), ("crit.М2", "0"), ("expertTotal", "9")] {
            let field = reading.field(id)
            #expect(field?.value == value, "\(id): \(String(describing: field))")
            #expect(accepted(field), "\(id) not accepted: \(String(describing: field))")
        }
    }

    @Test("A stray dot in a bubble and a stray line beside one are not marks")
    func strays() throws {
        var sheet = try Sheet()
        sheet.mark("crit.П1", "1")
        let bubble = sheet.rect("crit.П2", "1")
        MarkPainter.draw(StrayMark(kind: .dot, from: PointMM(x: bubble.center.x + 0.5, y: bubble.center.y - 0.3), to: bubble.center),
                         hand: .pen, on: sheet.canvas)
        let near = sheet.rect("crit.П3", "0")
        MarkPainter.draw(StrayMark(kind: .line, from: PointMM(x: near.maxX + 0.9, y: near.y - 0.5),
                                   to: PointMM(x: near.maxX + 1.2, y: near.maxY + 1.5)), hand: .pen, on: sheet.canvas)
        let reading = try sheet.read()
        #expect(reading.field("crit.П1")?.value == "1")
        for id in ["crit.П2", "crit.П3"] {
            let field = reading.field(id)
            #expect(field?.status == .blank, "\(id): \(String(describing: field))")
            #expect(accepted(field))
        }
    }
}

extension MarkHand {
    /// A careful ballpoint filler.
    static let pen = MarkHand(style: .solid, ink: 0.95, penWidth: 0.5, sloppiness: 0.05)
}

import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// Pens the synthetic generator does not use (its ballpoints are 0.35-0.6 mm, ink 0.85-1):
/// a 0.2 mm fine liner, a fading ballpoint, a 1 mm felt tip. Whatever the pen, every mark
/// field is read right or sent to review, never read wrong and sure.
@Suite("Other pens")
struct OtherPensTests {
    struct Pen: CustomTestStringConvertible, Sendable {
        var name: String
        var ink: Double
        var width: Double
        var testDescription: String { name }
    }

    static let pens = [Pen(name: "fine liner 0.2 mm", ink: 0.95, width: 0.2),
                       Pen(name: "fading ballpoint", ink: 0.6, width: 0.35),
                       Pen(name: "felt tip 1 mm", ink: 1, width: 1.0)]

    // Measured: all 21 choice fields right and sure in every pen at both resolutions.
    @Test("Every style in every pen is read right or flagged, at 200 and 300 dpi",
          arguments: pens, [200.0, 300.0])
    func pen(_ pen: Pen, dpi: Double) throws {
        let template = try TestPages.template("is03-2023")
        let canvas = try PageCanvas(widthMM: template.page.width, heightMM: template.page.height, dpi: dpi)
        try FormPainter(template: template).draw(on: canvas, personalisation: SheetPersonalisation(serial: "000042"))
        var rng = SeededRandom(seed: 11, stream: "other-pens")
        // Every choice field: a mark in its last value's bubble, in the styles in turn; every
        // fourth field is left blank.
        let styles: [MarkStyle] = [.tick, .cross, .solid, .scribble, .partial]
        var truth: [String: String?] = [:]
        let fields = template.fields.filter { $0.kind == .choice }
        for (index, field) in fields.enumerated() {
            let bubbles = field.cells(defaults: template.defaults).compactMap { cell -> (String, RectMM)? in
                guard case .bubble(let value, 0) = cell.kind else { return nil }
                return (value, cell.rect)
            }
            guard let (value, rect) = bubbles.last else { continue }
            if index % 4 == 3 { truth[field.id] = .some(nil); continue }
            let hand = MarkHand(style: styles[index % styles.count], ink: pen.ink, penWidth: pen.width, sloppiness: 0.08)
            MarkPainter.draw(hand.style, in: rect, hand: hand, rng: &rng, on: canvas)
            truth[field.id] = value
        }
        #expect(truth.count > 20)
        let reader = try SheetReader(templates: TestPages.allTemplates())
        let reading = reader.read(page: try canvas.grayImage(), source: PageSource(file: "pens", page: 0, sha256: ""))
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        var silent: [String] = [], right = 0
        for (id, expected) in truth {
            guard let field = reading.field(id) else { Issue.record("\(id) not read"); continue }
            let value = field.status == .blank ? nil : field.value
            if value == expected { right += 1; continue }
            let sure = (field.status == .ok || field.status == .blank) && field.confidence >= MarkReadingConfig.default.acceptConfidence
            if sure { silent.append("\(id): read \(value ?? "blank") as sure, truth \(expected ?? "blank")") }
        }
        #expect(silent.isEmpty, "\(pen.name) at \(Int(dpi)) dpi: \(silent)")
    }
}

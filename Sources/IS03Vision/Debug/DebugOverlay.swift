import Foundation
import IS03Core

/// Draws why a page was read as it was: found registration marks (blue crosses), every
/// bubble coloured by its decision with its score, letter boxes that hold ink, and per-field
/// status frames. Writes `<name>.png` into a folder.
public enum DebugOverlay {
    static let marked = ColorCanvas.Color(b: 40, g: 170, r: 0)        // green: counted as a mark
    static let unsure = ColorCanvas.Color(b: 0, g: 140, r: 255)       // orange: in the soft zone
    static let empty = ColorCanvas.Color(b: 160, g: 160, r: 160)      // grey: empty
    static let problem = ColorCanvas.Color(b: 0, g: 0, r: 220)        // red: multiple / unreadable
    static let found = ColorCanvas.Color(b: 220, g: 60, r: 0)         // blue: registration marks
    static let ink = ColorCanvas.Color(b: 200, g: 0, r: 200)          // magenta: written boxes

    /// Renders the overlay for `analysis` over `image` and writes it to `url` (PNG).
    public static func write(_ analysis: SheetAnalysis, image: GrayImage, to url: URL) throws(VisionError) {
        var canvas = ColorCanvas(image)
        let reading = analysis.reading
        let scale = analysis.registration.map { $0.dpi / 25.4 } ?? Double(image.width) / 210
        if let registration = analysis.registration {
            for mark in registration.foundMarks { canvas.cross(x: mark.x, y: mark.y, size: 4 * scale, found) }
        }
        for bubble in analysis.bubbles {
            let color = bubble.probability > 0.95 ? marked : bubble.probability > 0.05 ? unsure : empty
            canvas.circle(cx: bubble.placed.x, cy: bubble.placed.y, radius: bubble.placed.radius * 1.15,
                          thickness: max(1, 0.25 * scale), color)
            if bubble.measurement.score > 0.05 {
                canvas.text(String(Int((bubble.measurement.score * 100).rounded())),
                            x: Int(bubble.placed.x + bubble.placed.radius * 1.2), y: Int(bubble.placed.y - bubble.placed.radius * 0.6),
                            height: 1.6 * scale, color)
            }
        }
        for field in reading.fields {
            if let first = field.cells.first {
                let frameColor: ColorCanvas.Color? = switch field.status {
                case .multiple, .unreadable: problem
                case .ambiguous: unsure
                default: nil
                }
                if let frameColor {
                    let xs = field.cells.map(\.rect.x), ys = field.cells.map(\.rect.y)
                    let x1 = field.cells.map { $0.rect.x + $0.rect.width }.max()!, y1 = field.cells.map { $0.rect.y + $0.rect.height }.max()!
                    let pad = Int(scale)
                    canvas.rect(PixelRect(x: xs.min()! - pad, y: ys.min()! - pad, width: x1 - xs.min()! + 2 * pad, height: y1 - ys.min()! + 2 * pad),
                                thickness: max(1, Int(0.3 * scale)), frameColor)
                    canvas.text(field.status.rawValue, x: first.rect.x, y: ys.min()! - 2 * pad, height: 2 * scale, frameColor)
                }
            }
        }
        // Letter boxes: magenta frame when written, with the character when one was read.
        if let template = analysis.registration?.template {
            for field in template.fields where field.kind == .letters {
                guard let read = reading.field(field.id) else { continue }
                for cell in read.cells where cell.fill >= 0.03 {
                    canvas.rect(cell.rect, thickness: max(1, Int(0.2 * scale)), ink)
                    if let character = cell.character, character.allSatisfy(\.isASCII) {
                        canvas.text(character, x: cell.rect.x, y: cell.rect.y - 2, height: 2 * scale, ink)
                    }
                }
            }
        }
        let title = "\(reading.pageClass.rawValue) \(reading.templateID ?? "") \(reading.orientation.map { "\($0) deg" } ?? "") residual \(reading.registrationResidualMM.map { String(format: "%.2f mm", $0) } ?? "-")"
        canvas.text(title, x: Int(20 * scale), y: Int(5 * scale), height: 3 * scale, found)
        try canvas.write(to: url)
    }
}

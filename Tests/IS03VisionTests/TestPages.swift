import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import IS03Vision

/// Test pages: templates rendered by IS03Render, then marked and damaged in known ways so
/// the tests know the truth.
enum TestPages {
    static func template(_ id: String) throws -> Template {
        try Template.load(id: id, in: RepositoryPaths.templates)
    }

    static func allTemplates() throws -> [Template] {
        [try template("is03-2023"), try template("is03-2018")]
    }

    /// A printed, unfilled page.
    static func blankForm(_ template: Template, dpi: Double = 200, serial: String = "000042") throws -> GrayImage {
        try SheetRenderer.renderGray(template: template, dpi: dpi, personalisation: SheetPersonalisation(serial: serial))
    }

    enum MarkStyle { case solid, cross, tick, dot, shadow, light }

    /// Marks the bubble of `field` that means `value` (column `column` for digit fields).
    static func mark(_ image: inout GrayImage, _ template: Template, field id: String, value: String,
                     column: Int = 0, style: MarkStyle = .solid, dpi: Double) {
        guard let field = template.field(id) else { return }
        for cell in field.cells(defaults: template.defaults) {
            guard case .bubble(let v, let c) = cell.kind, v == value, c == column else { continue }
            let scale = dpi / 25.4
            let cx = cell.rect.center.x * scale, cy = cell.rect.center.y * scale, r = cell.rect.width / 2 * scale
            switch style {
            case .solid: disc(&image, cx, cy, r * 0.9, grey: 20)
            case .light: disc(&image, cx, cy, r * 0.85, grey: 150)
            case .shadow: disc(&image, cx, cy, r * 0.9, grey: 215)
            case .dot: disc(&image, cx, cy, r * 0.15, grey: 30)
            case .cross:
                line(&image, cx - r * 0.7, cy - r * 0.7, cx + r * 0.7, cy + r * 0.7, width: 0.35 * scale)
                line(&image, cx - r * 0.7, cy + r * 0.7, cx + r * 0.7, cy - r * 0.7, width: 0.35 * scale)
            case .tick:
                line(&image, cx - r * 0.6, cy, cx - r * 0.1, cy + r * 0.6, width: 0.35 * scale)
                line(&image, cx - r * 0.1, cy + r * 0.6, cx + r * 0.7, cy - r * 0.7, width: 0.35 * scale)
            }
        }
    }

    /// Writes a character-sized blob of ink into letter box `index` of `field`.
    static func scribble(_ image: inout GrayImage, _ template: Template, field id: String, box index: Int, dpi: Double) {
        guard let field = template.field(id) else { return }
        let cells = field.cells(defaults: template.defaults)
        guard index < cells.count else { return }
        let r = cells[index].rect, s = dpi / 25.4
        line(&image, (r.x + 1) * s, (r.maxY - 1) * s, (r.center.x) * s, (r.y + 1) * s, width: 0.4 * s)
        line(&image, (r.center.x) * s, (r.y + 1) * s, (r.maxX - 1) * s, (r.maxY - 1) * s, width: 0.4 * s)
        line(&image, (r.x + 1.8) * s, r.center.y * s, (r.maxX - 1.8) * s, r.center.y * s, width: 0.4 * s)
    }

    static func disc(_ image: inout GrayImage, _ cx: Double, _ cy: Double, _ r: Double, grey: UInt8) {
        for y in Int(cy - r)...Int(cy + r) {
            for x in Int(cx - r)...Int(cx + r) {
                let dx = Double(x) + 0.5 - cx, dy = Double(y) + 0.5 - cy
                if dx * dx + dy * dy <= r * r, x >= 0, y >= 0, x < image.width, y < image.height {
                    image[x, y] = min(image[x, y], grey)
                }
            }
        }
    }

    static func line(_ image: inout GrayImage, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double) {
        let steps = Int(max(abs(x1 - x0), abs(y1 - y0)) * 2) + 1
        for k in 0...steps {
            let t = Double(k) / Double(steps)
            disc(&image, x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, width / 2, grey: 25)
        }
    }

    /// Quarter-turns clockwise (exact pixel shuffle).
    static func turned(_ image: GrayImage, quarterTurns: Int) -> GrayImage {
        var out = image
        for _ in 0..<((quarterTurns % 4 + 4) % 4) {
            var next = GrayImage(width: out.height, height: out.width)
            for y in 0..<out.height {
                for x in 0..<out.width { next[out.height - 1 - y, x] = out[x, y] }
            }
            out = next
        }
        return out
    }

    /// Maps grey levels linearly so paper becomes `paper` and black becomes `ink` (faint or dark scans).
    static func relevelled(_ image: GrayImage, paper: Double, ink: Double) -> GrayImage {
        GrayImage(width: image.width, height: image.height,
                  pixels: image.pixels.map { UInt8(max(0, min(255, ink + (paper - ink) * Double($0) / 255))) })
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("is03-vision-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

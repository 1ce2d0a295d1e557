import CCairo
import Foundation
import IS03Core

/// A drawing surface measured in millimetres from the page's top-left corner (y down), backed
/// by Cairo: either a grey raster at a given dpi or a multi-page vector PDF at exact scale.
///
/// Raster canvases draw into an 8-bit alpha surface where alpha is ink coverage, so reading
/// the page back as `GrayImage` is one pass (`255 - alpha`). Ink is a darkness 0…1: 1 is black
/// ballpoint, about 0.45 is pencil, about 0.35 the light grey of printed bubble outlines.
public final class PageCanvas {
    public enum Kind: Sendable, Equatable {
        case raster(dpi: Double)
        case pdf
    }

    public let kind: Kind
    public let widthMM: Double
    public let heightMM: Double
    private let surface: OpaquePointer
    private let cr: OpaquePointer

    /// A white raster page of `widthMM` × `heightMM` at `dpi`.
    public init(widthMM: Double, heightMM: Double, dpi: Double) throws {
        let width = Int32((widthMM / 25.4 * dpi).rounded()), height = Int32((heightMM / 25.4 * dpi).rounded())
        guard dpi > 0, width > 0, height > 0, width < 20_000, height < 20_000 else {
            throw RenderError("cannot make a \(widthMM)×\(heightMM) mm page at \(dpi) dpi: choose a dpi between 50 and 1200")
        }
        let surface = cairo_image_surface_create(CAIRO_FORMAT_A8, width, height)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError("Cairo could not allocate a \(width)×\(height) pixel page (out of memory?)")
        }
        let cr = cairo_create(surface)!
        cairo_scale(cr, dpi / 25.4, dpi / 25.4)
        self.kind = .raster(dpi: dpi); self.widthMM = widthMM; self.heightMM = heightMM
        self.surface = surface; self.cr = cr
        Self.setUp(cr)
    }

    /// A vector PDF at `url` whose pages are `widthMM` × `heightMM`; call `nextPage()` between
    /// pages and `finish()` at the end.
    public init(pdfAt url: URL, widthMM: Double, heightMM: Double) throws {
        let points = 72 / 25.4
        let surface = cairo_pdf_surface_create(url.path, widthMM * points, heightMM * points)!
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError("cannot create the PDF \(url.path): check the folder exists and is writable")
        }
        let cr = cairo_create(surface)!
        cairo_scale(cr, points, points)
        self.kind = .pdf; self.widthMM = widthMM; self.heightMM = heightMM
        self.surface = surface; self.cr = cr
        Self.setUp(cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    private static func setUp(_ cr: OpaquePointer) {
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    }

    // MARK: Ink

    private func setInk(_ ink: Double) {
        let ink = min(max(ink, 0), 1)
        switch kind {
        case .raster: cairo_set_source_rgba(cr, 0, 0, 0, ink)
        // PDF: opaque grey, so viewers and printers need no transparency groups.
        case .pdf: cairo_set_source_rgb(cr, 1 - ink, 1 - ink, 1 - ink)
        }
    }

    // MARK: Shapes

    /// Fills a rectangle.
    public func fill(_ rect: RectMM, ink: Double = 1) {
        setInk(ink)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    /// Strokes a rectangle's outline with a pen `lineWidth` mm wide.
    public func stroke(_ rect: RectMM, lineWidth: Double, ink: Double = 1) {
        setInk(ink)
        cairo_set_line_width(cr, lineWidth)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }

    /// Strokes a circle outline.
    public func strokeCircle(center: PointMM, radius: Double, lineWidth: Double, ink: Double = 1) {
        setInk(ink)
        cairo_set_line_width(cr, lineWidth)
        cairo_new_path(cr)
        cairo_arc(cr, center.x, center.y, radius, 0, 2 * Double.pi)
        cairo_stroke(cr)
    }

    /// Fills an ellipse with radii `rx`, `ry`, turned by `angle` radians.
    public func fillEllipse(center: PointMM, rx: Double, ry: Double, angle: Double = 0, ink: Double = 1) {
        guard rx > 0, ry > 0 else { return }
        setInk(ink)
        cairo_save(cr)
        cairo_translate(cr, center.x, center.y)
        cairo_rotate(cr, angle)
        cairo_scale(cr, rx, ry)
        cairo_new_path(cr)
        cairo_arc(cr, 0, 0, 1, 0, 2 * Double.pi)
        cairo_restore(cr)
        cairo_fill(cr)
    }

    /// A straight line.
    public func line(from a: PointMM, to b: PointMM, width: Double, ink: Double = 1) {
        polyline([a, b], width: width, ink: ink)
    }

    /// An open polyline drawn with a round pen (handwriting, ticks, scribbles).
    public func polyline(_ points: [PointMM], width: Double, ink: Double = 1) {
        guard let first = points.first else { return }
        setInk(ink)
        cairo_set_line_width(cr, width)
        cairo_new_path(cr)
        cairo_move_to(cr, first.x, first.y)
        if points.count == 1 { cairo_line_to(cr, first.x + 0.01, first.y) }
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
    }

    // MARK: Text

    /// Draws `text` with its baseline starting at `origin` (DejaVu Sans, `size` in points).
    /// `align` 0 puts `origin` at the text's left end, 0.5 at its centre, 1 at its right end.
    public func text(_ text: String, at origin: PointMM, size: Double, bold: Bool = false,
                     ink: Double = 1, align: Double = 0, slant: Double = 0) {
        guard !text.isEmpty else { return }
        setInk(ink)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size * 25.4 / 72)
        var x = origin.x
        if align != 0 {
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, text, &extents)
            x -= extents.x_advance * align
        }
        cairo_save(cr)
        cairo_translate(cr, x, origin.y)
        if slant != 0 {
            var shear = cairo_matrix_t(xx: 1, yx: 0, xy: -slant, yy: 1, x0: 0, y0: 0)
            cairo_transform(cr, &shear)
        }
        cairo_move_to(cr, 0, 0)
        cairo_show_text(cr, text)
        cairo_restore(cr)
    }

    /// The advance width of `text` in millimetres at `size` points.
    public func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, size * 25.4 / 72)
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        return extents.x_advance
    }

    // MARK: Transform

    /// Runs `body` with drawing moved by `translate` and then turned by `rotate` radians.
    public func withTransform(translate: PointMM = PointMM(x: 0, y: 0), rotate: Double = 0, _ body: () -> Void) {
        cairo_save(cr)
        cairo_translate(cr, translate.x, translate.y)
        cairo_rotate(cr, rotate)
        body()
        cairo_restore(cr)
    }

    // MARK: Output

    /// The raster page as grey pixels (0 = ink, 255 = paper). PDF canvases throw.
    public func grayImage() throws -> GrayImage {
        guard case .raster = kind else { throw RenderError("a PDF canvas has no pixels; render a raster page instead") }
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface)), height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { throw RenderError("Cairo returned no pixels") }
        var pixels = [UInt8](repeating: 255, count: width * height)
        pixels.withUnsafeMutableBufferPointer { out in
            for row in 0..<height {
                let source = data + row * stride
                let target = out.baseAddress! + row * width
                for column in 0..<width { target[column] = 255 &- source[column] }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    /// Ends the current PDF page and starts a new one.
    public func nextPage() {
        cairo_show_page(cr)
    }

    /// Flushes and closes a PDF; throws when Cairo reports a write error.
    public func finish() throws {
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw RenderError("Cairo could not finish the page: \(String(cString: cairo_status_to_string(status)))")
        }
    }
}

import CCairo
import IS03Core

/// Draws hand-printed characters into a box on a page, in millimetres.
public enum HandprintPainter {
    /// Draws `character` as `style`'s writer would print it inside `rect` on `canvas`.
    /// Returns false, drawing nothing, for a character the stroke model does not know.
    @discardableResult
    public static func draw(character: Character, in rect: RectMM, style: HandStyle,
                            rng: inout SeededRandom, on canvas: PageCanvas) -> Bool {
        guard let strokes = Handprint.strokes(for: character, style: style, rng: &rng) else { return false }
        for stroke in strokes {
            canvas.polyline(stroke.map { place($0, in: rect) }, width: style.penWidth, ink: style.ink)
        }
        return true
    }

    /// The same on a bare Cairo context (`cairo_t *`) whose user units are millimetres.
    /// On an alpha-only surface ink is coverage; on colour surfaces it is grey (1 = black).
    /// The context's source, line width, cap and join are saved and restored.
    @discardableResult
    public static func draw(character: Character, in rect: RectMM, style: HandStyle,
                            rng: inout SeededRandom, on context: OpaquePointer) -> Bool {
        guard let strokes = Handprint.strokes(for: character, style: style, rng: &rng) else { return false }
        let ink = min(max(style.ink, 0), 1)
        cairo_save(context)
        if cairo_surface_get_content(cairo_get_target(context)) == CAIRO_CONTENT_ALPHA {
            cairo_set_source_rgba(context, 0, 0, 0, ink)
        } else {
            cairo_set_source_rgb(context, 1 - ink, 1 - ink, 1 - ink)
        }
        cairo_set_line_width(context, style.penWidth)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        for stroke in strokes {
            guard let first = stroke.first else { continue }
            let start = place(first, in: rect)
            cairo_new_path(context)
            cairo_move_to(context, start.x, start.y)
            for point in stroke.dropFirst() {
                let p = place(point, in: rect)
                cairo_line_to(context, p.x, p.y)
            }
            cairo_stroke(context)
        }
        cairo_restore(context)
        return true
    }

    /// A unit-box point on the page.
    static func place(_ point: PointMM, in rect: RectMM) -> PointMM {
        PointMM(x: rect.x + point.x * rect.width, y: rect.y + point.y * rect.height)
    }
}

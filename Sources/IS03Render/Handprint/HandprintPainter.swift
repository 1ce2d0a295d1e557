import CCairo
import IS03Core

/// Draws hand-printed characters onto a Cairo context whose user units are millimetres.
public enum HandprintPainter {
    /// Draws `character` as `style`'s writer would print it inside `rect` (mm on the context).
    /// Returns false, drawing nothing, for a character the stroke model does not know.
    /// The context's source colour, line width, cap and join are saved and restored.
    @discardableResult
    public static func draw(character: Character, in rect: RectMM, style: HandStyle,
                            rng: inout SeededRandom, on context: OpaquePointer) -> Bool {
        guard let strokes = Handprint.strokes(for: character, style: style, rng: &rng) else { return false }
        draw(strokes: strokes, in: rect, style: style, on: context)
        return true
    }

    /// Draws strokes from `Handprint.strokes` inside `rect` with `style`'s pen and ink.
    public static func draw(strokes: [UnitStroke], in rect: RectMM, style: HandStyle, on context: OpaquePointer) {
        cairo_save(context)
        // Ink 1 is black; fainter ink is grey (a dry ballpoint or a pencil).
        let grey = 0.8 * (1 - min(max(style.ink, 0), 1))
        cairo_set_source_rgb(context, grey, grey, grey)
        cairo_set_line_width(context, style.penWidth)
        cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
        cairo_set_line_join(context, CAIRO_LINE_JOIN_ROUND)
        for stroke in strokes {
            guard let first = stroke.first else { continue }
            cairo_move_to(context, rect.x + first.x * rect.width, rect.y + first.y * rect.height)
            for point in stroke.dropFirst() {
                cairo_line_to(context, rect.x + point.x * rect.width, rect.y + point.y * rect.height)
            }
            if stroke.count == 1 { cairo_close_path(context) }
            cairo_stroke(context)
        }
        cairo_restore(context)
    }
}

import Foundation

/// The allographs of every character the stroke model draws: the 33 Russian capitals, hyphen
/// and digits. Each entry lists the ways people actually print the character in boxes (from
/// observed school hand-print: Д with and without feet, Й/Ё marks as dots, dashes or arcs,
/// open and closed 4, 1 with and without a flag, and so on).
enum GlyphCatalog {
    /// Designs per character; the first is the most common one.
    static func designs(for character: Character) -> [GlyphDesign]? { table[character] }

    /// Every character the catalogue knows, letters first.
    static let characters: [Character] = Array("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ-0123456789")

    private typealias S = StrokeShape

    // MARK: shared parts

    /// A rounded bowl from a stem at `x0` (Б, В, Р, Ь, Ъ, Ы …).
    private static func bowl(x0: Double, top: Double, bottom: Double, right: Double) -> S {
        let ry = (bottom - top) / 2, rx = min((right - x0) * 0.55, ry * 1.3)
        let cx = right - rx
        var points: [(x: Double, y: Double)] = [(x: x0, y: top)]
        points += S.arc(cx: cx, cy: top + ry, rx: rx, ry: ry, from: 90, to: -90, steps: 6).points
        points.append((x: x0, y: bottom))
        return S(kind: .curve, points: points)
    }

    /// A square-cornered bowl, as angular writers draw it.
    private static func boxBowl(x0: Double, top: Double, bottom: Double, right: Double) -> S {
        let c = (bottom - top) * 0.2
        return S(kind: .line, points: [(x0, top), (right - c, top), (right, top + c), (right, bottom - c),
                                       (right - c, bottom), (x0, bottom)].map { (x: $0.0, y: $0.1) })
    }

    private static func ellipse(cx: Double = 0.5, cy: Double = 0.5, rx: Double = 0.5, ry: Double = 0.5,
                                start: Double = 100) -> S {
        // A little more than a full turn: writers close an O with an overlap.
        S.arc(cx: cx, cy: cy, rx: rx, ry: ry, from: start, to: start + 375, steps: 14)
    }

    private static func squareO(left: Double = 0, right: Double = 1) -> S {
        let c = 0.18
        return S(kind: .line, points: [(left + c, 0), (right - c, 0), (right, c), (right, 1 - c),
                                       (right - c, 1), (left + c, 1), (left, 1 - c), (left, c), (left + c, 0)]
                    .map { (x: $0.0, y: $0.1) })
    }

    /// A letter body squeezed below y = `top`, leaving room for a diacritic (Ё, Й).
    private static func lowered(_ design: GlyphDesign, top: Double = 0.24) -> GlyphDesign {
        var copy = design
        copy.strokes = design.strokes.map { $0.mapped(dy: top, sy: 1 - top) }
        return copy
    }

    private static let diaeresisMarks: [[S]] = [
        [S.line((0.32, 0.03), (0.34, 0.08)), S.line((0.66, 0.03), (0.68, 0.08))],   // two dots
        [S.line((0.28, 0.06), (0.40, 0.05)), S.line((0.60, 0.05), (0.72, 0.06))],   // two dashes
        [S.line((0.35, 0.04), (0.65, 0.05))],                                        // one bar
    ]
    private static let breveMarks: [[S]] = [
        [S.curve((0.28, 0.0), (0.4, 0.1), (0.6, 0.1), (0.72, 0.0))],                 // arc
        [S.line((0.36, 0.06), (0.64, 0.05))],                                        // dash
        [S.line((0.3, 0.0), (0.5, 0.1), (0.7, 0.0))],                                // tick
    ]

    // MARK: the table

    private static let e: [GlyphDesign] = [
        GlyphDesign(strokes: [S.line((0.85, 0), (0.15, 0), (0.15, 1), (0.87, 1)), S.line((0.15, 0.5), (0.72, 0.5))]),
        GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 0), (0.85, 0)),
                              S.line((0.15, 0.5), (0.7, 0.5)), S.line((0.15, 1), (0.87, 1))]),
        GlyphDesign(strokes: [S.curve((0.85, 0.08), (0.55, 0), (0.2, 0.1), (0.45, 0.48), (0.15, 0.75), (0.45, 1), (0.88, 0.9))],
                    rounded: true),  // the rounded "Є-without-bar" some writers use
    ]

    private static let i: [GlyphDesign] = [
        GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1), (0.85, 0), (0.85, 1))]),
        GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 1), (0.85, 0)), S.line((0.85, 0), (0.85, 1))]),
        GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 0.95), (0.85, 0.05)), S.line((0.85, 0), (0.85, 1))]),
    ]

    private static let sha: [GlyphDesign] = [
        GlyphDesign(strokes: [S.line((0.06, 0), (0.06, 1), (0.94, 1), (0.94, 0)), S.line((0.5, 0), (0.5, 1))], widthFactor: 1.18),
        GlyphDesign(strokes: [S.line((0.1, 0), (0.1, 1), (0.9, 1), (0.9, 0)), S.line((0.5, 0.02), (0.5, 1))], widthFactor: 1.0),
        GlyphDesign(strokes: [S.line((0.06, 0), (0.06, 0.9)), S.curve((0.06, 0.9), (0.18, 1), (0.32, 0.92)),
                              S.line((0.5, 0), (0.5, 0.92)), S.curve((0.5, 0.92), (0.7, 1), (0.94, 0.92)),
                              S.line((0.94, 0), (0.94, 1))], widthFactor: 1.18, rounded: true),
    ]

    private static let table: [Character: [GlyphDesign]] = [
        "А": [
            GlyphDesign(strokes: [S.line((0.05, 1), (0.5, 0), (0.95, 1)), S.line((0.25, 0.62), (0.75, 0.62))]),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.05, 1)), S.line((0.5, 0), (0.95, 1)), S.line((0.22, 0.6), (0.78, 0.6))]),
            GlyphDesign(strokes: [S.curve((0.05, 1), (0.25, 0.3), (0.5, 0), (0.75, 0.3), (0.95, 1)), S.line((0.22, 0.6), (0.78, 0.6))],
                        rounded: true),
            GlyphDesign(strokes: [S.line((0.1, 1), (0.1, 0.3), (0.5, 0), (0.9, 0.3), (0.9, 1)), S.line((0.1, 0.58), (0.9, 0.58))]),
        ],
        "Б": [
            GlyphDesign(strokes: [S.line((0.88, 0), (0.15, 0), (0.15, 1)), bowl(x0: 0.15, top: 0.45, bottom: 1, right: 0.88)], rounded: true),
            GlyphDesign(strokes: [S.line((0.88, 0), (0.15, 0), (0.15, 1)), boxBowl(x0: 0.15, top: 0.45, bottom: 1, right: 0.88)]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 0), (0.85, 0), (0.85, 0.12)),
                                  bowl(x0: 0.15, top: 0.42, bottom: 1, right: 0.9)], rounded: true),
        ],
        "В": [
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), bowl(x0: 0.15, top: 0, bottom: 0.48, right: 0.78),
                                  bowl(x0: 0.15, top: 0.48, bottom: 1, right: 0.9)], rounded: true),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), boxBowl(x0: 0.15, top: 0, bottom: 0.48, right: 0.78),
                                  boxBowl(x0: 0.15, top: 0.48, bottom: 1, right: 0.9)]),
            GlyphDesign(strokes: [S(kind: .curve, points: [(0.15, 1), (0.15, 0.5), (0.15, 0), (0.55, 0), (0.78, 0.22), (0.45, 0.47),
                                                           (0.88, 0.7), (0.6, 1), (0.15, 1)].map { (x: $0.0, y: $0.1) })], rounded: true),
        ],
        "Г": [
            GlyphDesign(strokes: [S.line((0.2, 1), (0.2, 0), (0.88, 0))], widthFactor: 0.85),
            GlyphDesign(strokes: [S.line((0.2, 0), (0.2, 1)), S.line((0.12, 0), (0.88, 0.02))], widthFactor: 0.85),
            GlyphDesign(strokes: [S.line((0.2, 1), (0.2, 0), (0.85, 0), (0.88, 0.1))], widthFactor: 0.85),
        ],
        "Д": [
            GlyphDesign(strokes: [S.line((0.3, 0), (0.78, 0), (0.78, 0.82)), S.line((0.3, 0), (0.28, 0.45), (0.1, 0.82)),
                                  S.line((0.0, 1.08), (0.0, 0.82), (1.0, 0.82), (1.0, 1.08))]),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.12, 0.84)), S.line((0.5, 0), (0.88, 0.84)),
                                  S.line((0.02, 1.08), (0.02, 0.84), (0.98, 0.84), (0.98, 1.08))]),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.05, 1)), S.line((0.5, 0), (0.95, 1)), S.line((0.05, 1), (0.95, 1))]),  // no feet
            GlyphDesign(strokes: [S.curve((0.08, 0.84), (0.25, 0.6), (0.3, 0.2), (0.35, 0)), S.line((0.35, 0), (0.8, 0), (0.8, 0.84)),
                                  S.line((0.0, 1.05), (0.0, 0.84), (1.0, 0.84), (1.0, 1.05))], rounded: true),
            GlyphDesign(strokes: [S.line((0.28, 0), (0.78, 0), (0.78, 1)), S.line((0.28, 0), (0.25, 0.5), (0.08, 1)),
                                  S.line((0.08, 1), (0.95, 1))]),  // trapezoid without feet
        ],
        "Е": e,
        "Ё": e.flatMap { design in diaeresisMarks.map { marks in
            var d = lowered(design); d.strokes += marks; return d } },
        "Ж": [
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S.line((0.04, 0), (0.5, 0.5), (0.04, 1)), S.line((0.96, 0), (0.5, 0.5), (0.96, 1))],
                        widthFactor: 1.2),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S.line((0.0, 0), (1.0, 1)), S.line((1.0, 0), (0.0, 1))], widthFactor: 1.2),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S.curve((0.05, 0), (0.3, 0.35), (0.5, 0.5), (0.3, 0.65), (0.05, 1)),
                                  S.curve((0.95, 0), (0.7, 0.35), (0.5, 0.5), (0.7, 0.65), (0.95, 1))], widthFactor: 1.2, rounded: true),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S.line((0.05, 0.02), (0.5, 0.5)), S.line((0.95, 0.02), (0.5, 0.5)),
                                  S.line((0.5, 0.5), (0.02, 1)), S.line((0.5, 0.5), (0.98, 1))], widthFactor: 1.2),
        ],
        "З": [
            GlyphDesign(strokes: [S.curve((0.12, 0.15), (0.45, 0), (0.8, 0.2), (0.45, 0.47), (0.88, 0.72), (0.5, 1), (0.1, 0.85))], rounded: true),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.82, 0), (0.42, 0.45)), S.curve((0.42, 0.45), (0.85, 0.65), (0.55, 1), (0.1, 0.88))]),
            GlyphDesign(strokes: [S.curve((0.15, 0.12), (0.5, 0), (0.8, 0.22), (0.35, 0.48)), S.curve((0.35, 0.48), (0.85, 0.6), (0.8, 0.9), (0.45, 1), (0.1, 0.88))],
                        rounded: true),
        ],
        "И": i,
        "Й": i.flatMap { design in breveMarks.map { marks in
            var d = lowered(design); d.strokes += marks; return d } },
        "К": [
            GlyphDesign(strokes: [S.line((0.18, 0), (0.18, 1)), S.line((0.85, 0), (0.18, 0.55)), S.line((0.36, 0.42), (0.9, 1))]),
            GlyphDesign(strokes: [S.line((0.18, 0), (0.18, 1)), S.line((0.85, 0), (0.2, 0.5), (0.9, 1))]),
            GlyphDesign(strokes: [S.line((0.18, 0), (0.18, 1)), S.curve((0.85, 0.0), (0.6, 0.35), (0.2, 0.5)), S.curve((0.2, 0.5), (0.6, 0.62), (0.9, 1))],
                        rounded: true),
        ],
        "Л": [
            GlyphDesign(strokes: [S.line((0.05, 1), (0.5, 0), (0.95, 1))]),
            GlyphDesign(strokes: [S.curve((0.05, 0.95), (0.2, 0.85), (0.28, 0.4), (0.3, 0)), S.line((0.3, 0), (0.85, 0), (0.85, 1))], rounded: true),
            GlyphDesign(strokes: [S.line((0.08, 1), (0.3, 0), (0.85, 0), (0.85, 1))]),
        ],
        "М": [
            GlyphDesign(strokes: [S.line((0.08, 1), (0.12, 0), (0.5, 0.65), (0.88, 0), (0.92, 1))], widthFactor: 1.15),
            GlyphDesign(strokes: [S.line((0.08, 1), (0.08, 0), (0.5, 0.75), (0.92, 0), (0.92, 1))], widthFactor: 1.15),
            GlyphDesign(strokes: [S.line((0.08, 0), (0.08, 1)), S.line((0.08, 0), (0.5, 0.7), (0.92, 0)), S.line((0.92, 0), (0.92, 1))], widthFactor: 1.15),
            GlyphDesign(strokes: [S.line((0.02, 1), (0.22, 0), (0.5, 0.6), (0.78, 0), (0.98, 1))], widthFactor: 1.15),
        ],
        "Н": [
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.85, 0), (0.85, 1)), S.line((0.15, 0.5), (0.85, 0.5))]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.85, 0), (0.85, 1)), S.line((0.15, 0.42), (0.85, 0.45))]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 0.52), (0.85, 0.5)), S.line((0.85, 0), (0.85, 1))]),
        ],
        "О": [
            GlyphDesign(strokes: [ellipse(rx: 0.48, ry: 0.5)], widthFactor: 1.05, rounded: true),
            GlyphDesign(strokes: [ellipse(rx: 0.45, ry: 0.5, start: 260)], rounded: true),
            GlyphDesign(strokes: [squareO(left: 0.05, right: 0.95)]),
        ],
        "П": [
            GlyphDesign(strokes: [S.line((0.15, 1), (0.15, 0), (0.85, 0), (0.85, 1))]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.15, 0), (0.85, 0), (0.85, 1))]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 1)), S.line((0.05, 0.01), (0.95, 0)), S.line((0.85, 0), (0.85, 1))]),
        ],
        "Р": [
            GlyphDesign(strokes: [S.line((0.18, 0), (0.18, 1)), bowl(x0: 0.18, top: 0, bottom: 0.55, right: 0.85)], rounded: true),
            GlyphDesign(strokes: [S.line((0.18, 0), (0.18, 1)), boxBowl(x0: 0.18, top: 0, bottom: 0.55, right: 0.85)]),
            GlyphDesign(strokes: [S(kind: .curve, points: [(0.18, 1), (0.18, 0.5), (0.18, 0.0), (0.7, 0.02), (0.85, 0.27), (0.6, 0.52), (0.18, 0.5)]
                                    .map { (x: $0.0, y: $0.1) })], rounded: true),
        ],
        "С": [
            GlyphDesign(strokes: [S.arc(cx: 0.55, cy: 0.5, rx: 0.45, ry: 0.5, from: 45, to: 315, steps: 10)], rounded: true),
            GlyphDesign(strokes: [S.arc(cx: 0.55, cy: 0.5, rx: 0.45, ry: 0.5, from: 30, to: 330, steps: 10)], rounded: true),
            GlyphDesign(strokes: [S.line((0.88, 0.05), (0.3, 0), (0.12, 0.18), (0.12, 0.82), (0.3, 1), (0.88, 0.95))]),
        ],
        "Т": [
            GlyphDesign(strokes: [S.line((0.05, 0), (0.95, 0)), S.line((0.5, 0), (0.5, 1))]),
            GlyphDesign(strokes: [S.line((0.05, 0.02), (0.95, 0)), S.line((0.52, 0), (0.48, 1))]),
            GlyphDesign(strokes: [S.line((0.5, 1), (0.5, 0)), S.line((0.1, 0.05), (0.5, 0), (0.9, 0.05))]),
        ],
        "У": [
            GlyphDesign(strokes: [S.line((0.08, 0), (0.5, 0.55)), S.line((0.92, 0), (0.3, 1))]),
            GlyphDesign(strokes: [S.curve((0.12, 0), (0.18, 0.38), (0.5, 0.52), (0.85, 0.4)), S.curve((0.88, 0), (0.86, 0.7), (0.6, 1), (0.2, 0.95))],
                        rounded: true),
            GlyphDesign(strokes: [S.line((0.08, 0), (0.5, 0.6)), S.curve((0.92, 0), (0.6, 0.6), (0.4, 0.95), (0.15, 0.95))], rounded: true),
        ],
        "Ф": [
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), ellipse(cx: 0.5, cy: 0.42, rx: 0.46, ry: 0.26)], widthFactor: 1.1, rounded: true),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S.curve((0.5, 0.15), (0.1, 0.2), (0.05, 0.42), (0.2, 0.65), (0.5, 0.66)),
                                  S.curve((0.5, 0.15), (0.9, 0.2), (0.95, 0.42), (0.8, 0.65), (0.5, 0.66))], widthFactor: 1.1, rounded: true),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1)), S(kind: .line, points: [(0.5, 0.15), (0.1, 0.15), (0.05, 0.3), (0.05, 0.55), (0.1, 0.68),
                                                                                      (0.9, 0.68), (0.95, 0.55), (0.95, 0.3), (0.9, 0.15), (0.5, 0.15)]
                                                                                        .map { (x: $0.0, y: $0.1) })], widthFactor: 1.1),
        ],
        "Х": [
            GlyphDesign(strokes: [S.line((0.08, 0), (0.92, 1)), S.line((0.92, 0), (0.08, 1))]),
            GlyphDesign(strokes: [S.curve((0.1, 0), (0.4, 0.35), (0.6, 0.65), (0.9, 1)), S.curve((0.9, 0), (0.55, 0.45), (0.1, 1))]),
            GlyphDesign(strokes: [S.curve((0.1, 0.02), (0.42, 0.4), (0.42, 0.6), (0.1, 0.98)), S.curve((0.9, 0.02), (0.58, 0.4), (0.58, 0.6), (0.9, 0.98))],
                        rounded: true),
        ],
        "Ц": [
            GlyphDesign(strokes: [S.line((0.12, 0), (0.12, 0.86), (0.82, 0.86)), S.line((0.82, 0), (0.82, 0.86), (0.96, 0.86), (0.96, 1.1))]),
            GlyphDesign(strokes: [S.line((0.12, 0), (0.12, 0.86), (0.82, 0.86), (0.82, 0)), S.line((0.82, 0.86), (0.95, 0.86), (0.95, 1.08))]),
            GlyphDesign(strokes: [S.line((0.12, 0), (0.12, 0.88), (0.95, 0.88)), S.line((0.82, 0), (0.82, 0.88)), S.line((0.92, 0.88), (0.92, 1.08))]),
        ],
        "Ч": [
            GlyphDesign(strokes: [S.curve((0.15, 0), (0.15, 0.38), (0.4, 0.55), (0.85, 0.5)), S.line((0.85, 0), (0.85, 1))], rounded: true),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.15, 0.5), (0.85, 0.5)), S.line((0.85, 0), (0.85, 1))]),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.2, 0.45), (0.85, 0.55)), S.line((0.85, 0), (0.85, 1))]),
        ],
        "Ш": sha,
        "Щ": sha.map { design in
            var d = design
            d.strokes = design.strokes.map { $0.mapped(sx: 0.88, sy: 0.88) }
            let right = d.strokes.flatMap(\.points).map(\.x).max() ?? 0.85
            d.strokes.append(S.line((right - 0.02, 0.88), (right + 0.1, 0.88), (right + 0.1, 1.05)))
            return d
        },
        "Ъ": [
            GlyphDesign(strokes: [S.line((0.0, 0.06), (0.28, 0), (0.28, 1)), bowl(x0: 0.28, top: 0.45, bottom: 1, right: 0.95)], widthFactor: 1.05, rounded: true),
            GlyphDesign(strokes: [S.line((0.0, 0), (0.28, 0), (0.28, 1)), boxBowl(x0: 0.28, top: 0.45, bottom: 1, right: 0.95)], widthFactor: 1.05),
        ],
        "Ы": [
            GlyphDesign(strokes: [S.line((0.1, 0), (0.1, 1)), bowl(x0: 0.1, top: 0.45, bottom: 1, right: 0.6), S.line((0.9, 0), (0.9, 1))],
                        widthFactor: 1.15, rounded: true),
            GlyphDesign(strokes: [S.line((0.1, 0), (0.1, 1)), boxBowl(x0: 0.1, top: 0.42, bottom: 1, right: 0.62), S.line((0.9, 0), (0.9, 1))],
                        widthFactor: 1.15),
            GlyphDesign(strokes: [S.line((0.1, 0), (0.1, 1)), bowl(x0: 0.1, top: 0.5, bottom: 1, right: 0.55), S.line((0.9, 0.02), (0.88, 1))],
                        widthFactor: 1.1, rounded: true),
        ],
        "Ь": [
            GlyphDesign(strokes: [S.line((0.2, 0), (0.2, 1)), bowl(x0: 0.2, top: 0.45, bottom: 1, right: 0.85)], widthFactor: 0.9, rounded: true),
            GlyphDesign(strokes: [S.line((0.2, 0), (0.2, 1)), boxBowl(x0: 0.2, top: 0.42, bottom: 1, right: 0.85)], widthFactor: 0.9),
            GlyphDesign(strokes: [S(kind: .curve, points: [(0.2, 0), (0.2, 0.5), (0.2, 1), (0.7, 0.98), (0.85, 0.75), (0.6, 0.5), (0.2, 0.52)]
                                    .map { (x: $0.0, y: $0.1) })], widthFactor: 0.9, rounded: true),
        ],
        "Э": [
            GlyphDesign(strokes: [S.arc(cx: 0.45, cy: 0.5, rx: 0.45, ry: 0.5, from: 135, to: -135, steps: 10), S.line((0.35, 0.5), (0.9, 0.5))],
                        rounded: true),
            GlyphDesign(strokes: [S.line((0.12, 0.05), (0.7, 0), (0.88, 0.18), (0.88, 0.82), (0.7, 1), (0.12, 0.95)), S.line((0.35, 0.5), (0.88, 0.5))]),
            GlyphDesign(strokes: [S.arc(cx: 0.45, cy: 0.5, rx: 0.45, ry: 0.5, from: 150, to: -150, steps: 10), S.line((0.4, 0.52), (0.88, 0.48))],
                        rounded: true),
        ],
        "Ю": [
            GlyphDesign(strokes: [S.line((0.08, 0), (0.08, 1)), S.line((0.08, 0.5), (0.4, 0.5)), ellipse(cx: 0.67, cy: 0.5, rx: 0.27, ry: 0.5)],
                        widthFactor: 1.2, rounded: true),
            GlyphDesign(strokes: [S.line((0.08, 0), (0.08, 1)), S.line((0.08, 0.5), (0.4, 0.5)), squareO(left: 0.4, right: 0.95)],
                        widthFactor: 1.2),
        ],
        "Я": [
            GlyphDesign(strokes: [S(kind: .curve, points: [(0.85, 0.55), (0.4, 0.55), (0.15, 0.28), (0.4, 0), (0.85, 0)].map { (x: $0.0, y: $0.1) }),
                                  S.line((0.85, 0), (0.85, 1)), S.line((0.5, 0.55), (0.12, 1))], rounded: true),
            GlyphDesign(strokes: [S.line((0.85, 1), (0.85, 0), (0.3, 0), (0.15, 0.12), (0.15, 0.42), (0.3, 0.55), (0.85, 0.55)),
                                  S.line((0.45, 0.55), (0.12, 1))]),
            GlyphDesign(strokes: [S(kind: .curve, points: [(0.85, 0), (0.4, 0), (0.15, 0.27), (0.4, 0.52), (0.85, 0.52)].map { (x: $0.0, y: $0.1) }),
                                  S.line((0.85, 0), (0.85, 1)), S.curve((0.5, 0.52), (0.3, 0.7), (0.1, 1))], rounded: true),
        ],
        "-": [
            GlyphDesign(strokes: [S.line((0.2, 0.52), (0.8, 0.52))], widthFactor: 0.8),
            GlyphDesign(strokes: [S.line((0.25, 0.58), (0.75, 0.55))], widthFactor: 0.7),
        ],
        "0": [
            GlyphDesign(strokes: [ellipse(rx: 0.36, ry: 0.5)], widthFactor: 0.8, rounded: true),
            GlyphDesign(strokes: [ellipse(rx: 0.36, ry: 0.5), S.line((0.72, 0.15), (0.28, 0.85))], widthFactor: 0.8, rounded: true),  // slashed zero
        ],
        "1": [
            GlyphDesign(strokes: [S.line((0.25, 0.28), (0.6, 0), (0.6, 1))], widthFactor: 0.6),
            GlyphDesign(strokes: [S.line((0.5, 0), (0.5, 1))], widthFactor: 0.5),
            GlyphDesign(strokes: [S.line((0.25, 0.28), (0.6, 0), (0.6, 1)), S.line((0.3, 1), (0.9, 1))], widthFactor: 0.7),
        ],
        "2": [
            GlyphDesign(strokes: [S.curve((0.15, 0.25), (0.45, 0), (0.82, 0.2), (0.65, 0.55), (0.12, 1)), S.line((0.12, 1), (0.9, 1))], rounded: true),
            GlyphDesign(strokes: [S.curve((0.15, 0.2), (0.5, 0), (0.8, 0.25), (0.12, 1)), S.line((0.12, 1), (0.9, 1))]),
        ],
        "3": [
            GlyphDesign(strokes: [S.curve((0.15, 0.15), (0.5, 0), (0.8, 0.22), (0.45, 0.47), (0.85, 0.72), (0.5, 1), (0.12, 0.85))], rounded: true),
            GlyphDesign(strokes: [S.line((0.15, 0), (0.85, 0), (0.45, 0.42)), S.curve((0.45, 0.42), (0.88, 0.65), (0.55, 1), (0.12, 0.88))]),
        ],
        "4": [
            GlyphDesign(strokes: [S.line((0.62, 0), (0.08, 0.66), (0.92, 0.66)), S.line((0.7, 0.3), (0.7, 1))]),        // closed
            GlyphDesign(strokes: [S.line((0.18, 0), (0.12, 0.6), (0.9, 0.6)), S.line((0.72, 0), (0.72, 1))]),           // open
        ],
        "5": [
            GlyphDesign(strokes: [S.line((0.82, 0), (0.22, 0), (0.18, 0.45)), S.curve((0.18, 0.45), (0.55, 0.38), (0.85, 0.65), (0.55, 1), (0.1, 0.9))]),
            GlyphDesign(strokes: [S.line((0.22, 0), (0.18, 0.45)), S.curve((0.18, 0.45), (0.55, 0.38), (0.85, 0.65), (0.55, 1), (0.1, 0.9)),
                                  S.line((0.22, 0), (0.85, 0))]),
        ],
        "6": [
            GlyphDesign(strokes: [S.curve((0.78, 0.05), (0.4, 0.1), (0.15, 0.6), (0.35, 1), (0.75, 0.9), (0.78, 0.6), (0.45, 0.5), (0.18, 0.68))],
                        rounded: true),
            GlyphDesign(strokes: [S.line((0.7, 0), (0.2, 0.6)), ellipse(cx: 0.48, cy: 0.75, rx: 0.32, ry: 0.25)]),
        ],
        "7": [
            GlyphDesign(strokes: [S.line((0.1, 0), (0.9, 0), (0.35, 1))]),
            GlyphDesign(strokes: [S.line((0.1, 0), (0.9, 0), (0.35, 1)), S.line((0.3, 0.52), (0.82, 0.5))]),
            GlyphDesign(strokes: [S.line((0.1, 0.12), (0.1, 0), (0.9, 0), (0.5, 1))]),
        ],
        "8": [
            GlyphDesign(strokes: [ellipse(cx: 0.5, cy: 0.24, rx: 0.3, ry: 0.24), ellipse(cx: 0.5, cy: 0.74, rx: 0.38, ry: 0.26)], rounded: true),
            GlyphDesign(strokes: [S.curve((0.5, 0.48), (0.8, 0.25), (0.5, 0), (0.2, 0.25), (0.5, 0.48), (0.85, 0.75), (0.5, 1), (0.15, 0.75), (0.5, 0.48))],
                        rounded: true),
        ],
        "9": [
            GlyphDesign(strokes: [ellipse(cx: 0.5, cy: 0.28, rx: 0.34, ry: 0.28), S.curve((0.84, 0.3), (0.8, 0.7), (0.55, 1), (0.2, 0.95))], rounded: true),
            GlyphDesign(strokes: [ellipse(cx: 0.5, cy: 0.28, rx: 0.34, ry: 0.28), S.line((0.84, 0.28), (0.6, 1))]),
        ],
    ]
}

/// How hard a synthetic scan is: the scan effects and the share of faint marks grow with it.
public enum DegradationLevel: String, Codable, Sendable, CaseIterable {
    /// Tiny skew, 300 dpi, no noise: what a well-kept production scanner writes.
    case clean
    /// Skew up to ±3°, 200–300 dpi, noise, light blur, some sheets upside down.
    case moderate
    /// Skew up to ±5°, 150–400 dpi, every effect, sideways sheets, faint marks.
    case heavy
}

/// What a synthetic page really holds, written beside each image so that readings can be
/// scored against it. Pure data (Codable), shared by the generator, tests and benchmarks.
public struct SheetTruth: Codable, Sendable, Hashable {
    /// Image file name within the packet folder, and the page within it (multi-page TIFF).
    public var file: String
    public var page: Int
    public var pageClass: PageClass
    /// For foreign pages: what was printed (`text`, `table`, `other-form`).
    public var foreignKind: String?
    public var templateID: String?
    /// The serial in the sheet's QR code (nil for pages without one).
    public var serial: String?
    /// The participant the sheet belongs to (also on blank sheets, whose QR does not say it).
    public var participantID: String?
    /// True when the participant's data is pre-printed and the QR carries the participant id.
    public var personalised: Bool
    /// Clockwise rotation applied to the page, in degrees: 0, 90, 180 or 270.
    public var orientation: Int
    /// Resolution the page was scanned at.
    public var dpi: Double
    /// Small clockwise rotation on top of `orientation`, in degrees.
    public var skewDegrees: Double
    /// Shift of the page on the scanner glass, in millimetres.
    public var offsetMM: PointMM
    public var level: DegradationLevel
    /// Scan effects applied, in order (e.g. `bleed-through`, `lighting`, `blur`, `noise`, `jpeg`).
    public var effects: [String]
    /// The expert's intended scores per criterion id (absent: not scored on this sheet).
    public var scores: [String: Int]
    /// Per field, what a correct reader should report and what was drawn.
    public var fields: [FieldTruth]
    /// Deliberate rule violations this sheet contains (a checker must flag each).
    public var violations: [RuleViolation]
    /// Stray dots and short lines drawn near (never on) bubbles.
    public var strays: [StrayMark]
    /// Whether the expert signed the sheet (nil: not a sheet, or the template has no signature area).
    public var signed: Bool? = nil

    public init(file: String, page: Int = 0, pageClass: PageClass, foreignKind: String? = nil,
                templateID: String? = nil, serial: String? = nil, participantID: String? = nil,
                personalised: Bool = false, orientation: Int = 0, dpi: Double, skewDegrees: Double = 0,
                offsetMM: PointMM = PointMM(x: 0, y: 0), level: DegradationLevel, effects: [String] = [],
                scores: [String: Int] = [:], fields: [FieldTruth] = [], violations: [RuleViolation] = [],
                strays: [StrayMark] = []) {
        self.file = file; self.page = page; self.pageClass = pageClass; self.foreignKind = foreignKind
        self.templateID = templateID; self.serial = serial; self.participantID = participantID
        self.personalised = personalised; self.orientation = orientation; self.dpi = dpi
        self.skewDegrees = skewDegrees; self.offsetMM = offsetMM; self.level = level; self.effects = effects
        self.scores = scores; self.fields = fields; self.violations = violations; self.strays = strays
    }

    public func field(_ id: String) -> FieldTruth? { fields.first { $0.id == id } }
}

/// The truth of one field.
public struct FieldTruth: Codable, Sendable, Hashable {
    public var id: String
    /// What a correct reader reports: a choice field's value, a digit field's digits (one per
    /// column), a flag's "1" or "0", a box field's letters. Nil when nothing was marked or when
    /// the marks are a deliberate ambiguity (`condition == .double`) that must be flagged.
    public var value: String?
    public var condition: MarkCondition
    /// Every bubble mark drawn, crossed-out ones included.
    public var marks: [MarkTruth]
    /// Box fields: the character drawn in each box, "" for an empty box.
    public var boxes: [String]?

    public init(id: String, value: String?, condition: MarkCondition, marks: [MarkTruth] = [], boxes: [String]? = nil) {
        self.id = id; self.value = value; self.condition = condition; self.marks = marks; self.boxes = boxes
    }
}

/// How a field was filled in.
public enum MarkCondition: String, Codable, Sendable, CaseIterable {
    /// One plain mark (or plain handwriting).
    case clean
    /// A crossed-out mark next to the intended one: read the intended value or flag it.
    case corrected
    /// Two marks, neither crossed out: a deliberate ambiguity that must be flagged.
    case double
    /// One faint mark (light pencil or a half-hearted fill) that still means the value.
    case light
    /// Nothing marked or written.
    case blank
}

/// One pen mark in a bubble.
public struct MarkTruth: Codable, Sendable, Hashable {
    /// The bubble's value and its column (digit fields; 0 otherwise).
    public var value: String
    public var column: Int
    public var style: MarkStyle
    /// True for the mark a correction struck out.
    public var crossedOut: Bool

    public init(value: String, column: Int = 0, style: MarkStyle, crossedOut: Bool = false) {
        self.value = value; self.column = column; self.style = style; self.crossedOut = crossedOut
    }
}

/// How a pen mark looks.
public enum MarkStyle: String, Codable, Sendable, CaseIterable {
    case solid, scribble, tick, cross, partial, light, pencil
}

/// A deliberate break of a scoring rule.
public struct RuleViolation: Codable, Sendable, Hashable {
    /// A template rule id (e.g. `Р2-РО`), or `expertTotal` / `expertVerdict` when the expert's
    /// own total or verdict disagrees with the criteria.
    public var rule: String
    public var description: String

    public init(rule: String, description: String) { self.rule = rule; self.description = description }
}

/// A stray dot or short line on a sheet, in page millimetres.
public struct StrayMark: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable { case dot, line }
    public var kind: Kind
    public var from: PointMM
    public var to: PointMM

    public init(kind: Kind, from: PointMM, to: PointMM) { self.kind = kind; self.from = from; self.to = to }
}

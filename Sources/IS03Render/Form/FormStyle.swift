import IS03Core

/// How printed elements look. Positions come from the template; this holds only the printing
/// style and where the personalisation strip goes (the template format has no slot for it).
public struct FormStyle: Sendable, Hashable {
    /// Bubble outline: thin and grey so a filled bubble differs clearly from an empty one.
    public var bubbleLineWidth = 0.15
    public var bubbleInk = 0.5
    /// The value printed inside a bubble: small and light, as on real OMR forms. Values longer
    /// than `bubbleTextMaxLength` characters are not printed inside (their label says it).
    public var bubbleTextInk = 0.3
    public var bubbleTextScale = 0.5
    public var bubbleTextMaxLength = 2
    /// Letter boxes and signature area frames.
    public var boxLineWidth = 0.2
    public var boxInk = 0.6
    /// Default rule width for template lines without their own.
    public var lineWidth = 0.3
    /// Quiet zone kept white around the QR modules, inside the template's QR rectangle, in modules.
    public var qrQuietModules = 2.0
    /// Where the personalisation strip (serial, and the participant's ФИО, class and document on
    /// personalised sheets) is printed. The default is a free area right of the header digit
    /// columns on both committed templates; the renderer refuses a strip that overlaps a cell.
    public var personalisationStrip = RectMM(x: 134, y: 44, width: 60, height: 34)
    public var personalisationFontSize = 7.5

    public init() {}
}

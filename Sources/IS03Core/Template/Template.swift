/// A form definition: geometry of every printed and readable element, the criteria it scores
/// and the rules a filled sheet must obey. Loaded from `Templates/*.json`; see
/// `Templates/README.md` for the format. Every length is in millimetres from the page's
/// top-left corner.
public struct Template: Codable, Sendable, Hashable {
    /// The format version of the JSON file itself (not the form's year).
    public var format: Int
    /// Stable identifier printed into the QR code, e.g. `is03-2023`.
    public var id: String
    public var title: String
    public var year: Int
    public var page: PageSize
    public var registration: Registration
    /// Where the QR code (template id, sheet serial, participant id) is printed; optional for
    /// forms that carry none.
    public var qr: RectMM?
    public var defaults: Defaults
    /// Printed text that is not read back (headings, captions, instructions).
    public var labels: [Label]
    /// Printed rules and frames that are not read back.
    public var lines: [Line]
    public var fields: [Field]
    public var scoring: Scoring

    public struct PageSize: Codable, Sendable, Hashable {
        public var width: Double
        public var height: Double
        public var rect: RectMM { RectMM(x: 0, y: 0, width: width, height: height) }
    }

    /// Solid black squares near the corners plus a smaller square near the top-left mark only,
    /// so that a sheet turned 90/180/270 degrees is recognised as such.
    public struct Registration: Codable, Sendable, Hashable {
        public var marks: [Mark]
        public var orientationCue: Mark

        public struct Mark: Codable, Sendable, Hashable {
            public var id: String
            /// Top-left corner of the square.
            public var x: Double
            public var y: Double
            public var size: Double
            public var rect: RectMM { RectMM(x: x, y: y, width: size, height: size) }
            public var center: PointMM { rect.center }
        }
    }

    public struct Defaults: Codable, Sendable, Hashable {
        public var bubbleDiameter: Double
        public var boxWidth: Double
        public var boxHeight: Double
        public var boxGap: Double
        /// Font size in points for labels that do not set their own.
        public var fontSize: Double
    }

    public struct Label: Codable, Sendable, Hashable {
        public var text: String
        /// Baseline start of the text.
        public var x: Double
        public var y: Double
        public var size: Double?
        public var bold: Bool?
    }

    public struct Line: Codable, Sendable, Hashable {
        public var x1: Double
        public var y1: Double
        public var x2: Double
        public var y2: Double
        public var width: Double?
    }

    public func field(_ id: String) -> Field? { fields.first { $0.id == id } }

    /// The field that plays `role` on this form, if any.
    public func field(role: FieldRole) -> Field? { fields.first { $0.role == role } }
}

/// Everything the recognition engine read from one page, with how sure it is of each value.
/// This is the contract between the vision layer (which fills it) and the domain core
/// (which scores, reconciles and queues it). Pure data: no pixels.
public struct SheetReading: Codable, Sendable, Hashable {
    public var source: PageSource
    public var pageClass: PageClass
    /// Why the page was classified as it was (always set for non-sheets).
    public var classReason: String?
    /// Template id when `pageClass == .sheet`.
    public var templateID: String?
    /// Clockwise rotation, in degrees (0, 90, 180, 270), that the scan had relative to the form.
    public var orientation: Int?
    /// Mean distance between where the registration marks were found and where the fitted
    /// transform puts them, in millimetres. Small is good; over ~1 mm means a poor fit.
    public var registrationResidualMM: Double?
    public var qr: QRPayload?
    public var fields: [FieldReading]
    /// Milliseconds per stage (decode, registration, marks, handwriting), for benchmarks.
    public var timings: [String: Double]

    public init(source: PageSource, pageClass: PageClass, classReason: String? = nil,
                templateID: String? = nil, orientation: Int? = nil,
                registrationResidualMM: Double? = nil, qr: QRPayload? = nil,
                fields: [FieldReading] = [], timings: [String: Double] = [:]) {
        self.source = source; self.pageClass = pageClass; self.classReason = classReason
        self.templateID = templateID; self.orientation = orientation
        self.registrationResidualMM = registrationResidualMM; self.qr = qr
        self.fields = fields; self.timings = timings
    }

    public func field(_ id: String) -> FieldReading? { fields.first { $0.id == id } }
}

/// Where a page came from: the scan file, the page within it, and the SHA-256 of the file's
/// bytes for that page (the whole file for single-page formats).
public struct PageSource: Codable, Sendable, Hashable {
    public var file: String
    /// Zero-based page index within a multi-page file.
    public var page: Int
    public var sha256: String
    public init(file: String, page: Int, sha256: String) {
        self.file = file; self.page = page; self.sha256 = sha256
    }
}

public enum PageClass: String, Codable, Sendable, Hashable {
    /// An ИС-03 sheet of a known template (see `templateID`).
    case sheet
    /// A page with (almost) no ink.
    case blank
    /// A page with content that is not a known form.
    case foreign
    /// The file or page could not be decoded.
    case unreadable
}

/// What the QR code on a sheet says: `IS03|<template>|<serial>|<participant id or empty>`.
public struct QRPayload: Codable, Sendable, Hashable {
    public var templateID: String
    public var serial: String
    public var participantID: String?

    public init(templateID: String, serial: String, participantID: String?) {
        self.templateID = templateID; self.serial = serial; self.participantID = participantID
    }

    public static let prefix = "IS03"

    public var encoded: String { [Self.prefix, templateID, serial, participantID ?? ""].joined(separator: "|") }

    /// Parses the payload; nil when the text is not one of ours.
    public init?(decoding text: String) {
        let parts = text.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[0] == Self.prefix, !parts[1].isEmpty, !parts[2].isEmpty else { return nil }
        self.init(templateID: parts[1], serial: parts[2], participantID: parts[3].isEmpty ? nil : parts[3])
    }
}

/// The reading of one field.
public struct FieldReading: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// A value was read with the given confidence.
        case ok
        /// Nothing was marked or written.
        case blank
        /// Several bubbles marked where one is allowed.
        case multiple
        /// Marks or letters that could be read more than one way.
        case ambiguous
        /// Ink was found but could not be interpreted.
        case unreadable
    }

    public var id: String
    public var status: Status
    /// The value: the chosen bubble's value, the digits of a digit field (a `?` for an
    /// unsure column, a space for a blank one), a flag's "1"/"0", the letters of a box field.
    public var value: String?
    /// Probability, 0…1, that `value` (or `status` when there is no value) is right.
    public var confidence: Double
    /// Other values with their confidences, best first.
    public var alternatives: [Alternative]
    public var cells: [CellReading]

    public init(id: String, status: Status, value: String?, confidence: Double,
                alternatives: [Alternative] = [], cells: [CellReading] = []) {
        self.id = id; self.status = status; self.value = value; self.confidence = confidence
        self.alternatives = alternatives; self.cells = cells
    }
}

public struct Alternative: Codable, Sendable, Hashable {
    public var value: String
    public var confidence: Double
    public init(value: String, confidence: Double) { self.value = value; self.confidence = confidence }
}

/// The measurement of one bubble or box.
public struct CellReading: Codable, Sendable, Hashable {
    /// The bubble's value or the box's index, as text.
    public var key: String
    public var rect: PixelRect
    /// Bubbles: normalised darkness 0 (paper) … 1 (ink). Boxes: share of ink pixels.
    public var fill: Double
    /// Boxes: the recognised character (nil when blank) and its alternatives.
    public var character: String?
    public var confidence: Double?
    public var alternatives: [Alternative]?

    public init(key: String, rect: PixelRect, fill: Double, character: String? = nil,
                confidence: Double? = nil, alternatives: [Alternative]? = nil) {
        self.key = key; self.rect = rect; self.fill = fill; self.character = character
        self.confidence = confidence; self.alternatives = alternatives
    }
}

import IS03Core

/// Where a template sits on one scanned page: the result of registration.
public struct Registration: Sendable {
    public var template: Template
    /// Clockwise rotation of the scan relative to the form (0, 90, 180, 270).
    public var orientation: Int
    /// Template millimetres → full-resolution image pixels.
    public var transform: Homography
    /// Root-mean-square distance between found and fitted mark centres, in millimetres.
    public var residualMM: Double
    /// Scan resolution estimated from the marks (not from file metadata).
    public var dpi: Double
    /// Paper and ink grey levels of this scan.
    public var levels: PageLevels
    /// The QR payload when one was decoded.
    public var qr: QRPayload?
    /// Centres of the found marks and cue in image pixels (for the debug overlay).
    public var foundMarks: [(x: Double, y: Double)]
    /// The image corner (e.g. `bottom-right`) whose mark was missing — torn, stapled, punched —
    /// and was placed from the other three and the orientation cue; nil when all four were found.
    public var placedCorner: String?
    /// The share of probed bubble rings seen, when it was too low for the rings to confirm the
    /// template on their own (faint print, 1-bit scan): the marks and cue decided; nil otherwise.
    public var faintRingShare: Double?
}

/// The outcome of looking at one page: a registered sheet, or a class and a reason.
public enum PageVerdict: Sendable {
    case sheet(Registration)
    case other(PageClass, reason: String)
}

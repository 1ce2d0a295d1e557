/// Tolerances of page registration and classification. Geometry (where the marks, cue,
/// bubbles and QR are) always comes from the template; these numbers only say how far a scan
/// may stray from it and how sure the engine must be. See docs/recognition.md.
public struct RegistrationConfig: Sendable, Hashable {
    /// Longest side, in pixels, of the downscaled copy the marks are searched on.
    public var workLongSide: Int = 1000
    /// A registration-mark candidate's side may be this many times smaller or larger than the
    /// template says at the page's nominal scale (scanner margins and zoom change it).
    public var markSizeTolerance: ClosedRange<Double> = 0.6...1.6
    /// Least share of its bounding box a mark candidate must fill (a square rotated by 10° fills 73%).
    public var markMinFill: Double = 0.6
    /// Largest difference between the sides of the found mark rectangle and the template's, as a share.
    public var layoutTolerance: Double = 0.06
    /// Normalised darkness (0 paper … 1 ink) above which the orientation cue counts as present…
    public var cuePresent: Double = 0.55
    /// …and below which it counts as absent; in between the orientation is unsure.
    public var cueAbsent: Double = 0.3
    /// How many bubbles are probed for printed rings when telling templates apart.
    public var ringProbeCount: Int = 60
    /// Share of probed bubbles whose printed ring must be seen for the rings to confirm a
    /// template on their own. Below it (faint or thin rings, 1-bit scans that lose them) a page
    /// whose marks and cue fit exactly one template and orientation is still that template's
    /// sheet: the reason says the rings were faint, and the fields are judged as usual.
    public var ringMinShare: Double = 0.7
    /// When the marks and cue fit several templates or orientations, the best must beat the
    /// next by this share of rings seen; otherwise the page is unreadable (queued).
    public var ringMinLead: Double = 0.25
    /// A page with fewer dark pixels than this share (and no marks) is blank.
    public var blankInkShare: Double = 0.002
    /// A page that fails that test only by lighting or paper tone is judged again against its
    /// own local paper: blocks of this many work-image pixels (the 90th percentile of a block
    /// and its eight neighbours is the paper there)…
    public var blankLocalBlock: Int = 24
    /// …and ink is this many grey levels darker than that paper (scanner noise on a heavy scan
    /// stays within about ±15; the faintest pencil in the tests is 70 darker).
    public var blankLocalContrast: Double = 45
    /// A page without the corner marks whose only ink is at most `blankMaxSpecks` dark spots,
    /// none longer than `blankSpeckMaxMM` millimetres, is blank with scanner dirt (drum
    /// specks, a smudge), not a foreign page: a page of text or a table has hundreds of spots,
    /// and a drawing or a written word has long ones.
    public var blankMaxSpecks: Int = 20
    public var blankSpeckMaxMM: Double = 6
    /// Margin, in millimetres, added around the template's QR region before decoding it.
    public var qrMarginMM: Double = 4

    public init() {}

    public static let `default` = RegistrationConfig()
}

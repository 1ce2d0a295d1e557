/// Settings of `BoxFieldReader`. Thresholds here are measured, not guessed: the figures and
/// the commands that produced them are in docs/recognition.md ("Handwriting").
public struct HandprintReaderConfig: Sendable, Hashable {
    /// A character whose calibrated confidence is at least this is accepted without review.
    /// Fitted on the calibration part of the real handwritten letters (rendered into form boxes)
    /// so that accepted characters are ≥ 99.5 % right there with 95 % certainty (an upper bound
    /// on the error, not the sample's own rate, which holds only on the letters it was fitted
    /// on): `acceptThreshold` in Models/handprint.json, rounded up; figures in training/README.md.
    public var acceptConfidence = 0.981
    /// Ask Tesseract for a second opinion on written boxes the CNN is unsure of (below
    /// `acceptConfidence`) and combine the two (see `tesseractAgreementWeight`).
    public var useTesseract = false
    /// How much more likely a character becomes when Tesseract reads that same character: the
    /// CNN's probability of it is multiplied by this before renormalising (naive-Bayes fusion
    /// with Tesseract's measured confusion rate; 1 = Tesseract ignored).
    public var tesseractAgreementWeight = 4.0
    /// How many alternatives each box reports.
    public var alternatives = 3
    /// How many whole-string readings a field reports (best first), for matching names.
    public var stringAlternatives = 5
    /// Written-looking boxes after the last box with at least this much ink (mm²) are specks,
    /// not letters: a hand-printed capital leaves several mm² even with a fine pen, a speck
    /// or stray dot that survives the blank test well under one. Such trailing boxes read blank.
    public var trailingSpeckInkMM2 = 1.2
    /// …and so is ink after the last letter that lies only along the box edges (remnants of
    /// printed box lines on skewed or blurred scans, read as «Т» or «Г» at 0.2-0.6 on moderate
    /// synthetic sheets) unless the CNN reads it at least this sure. Ink reaching into the box
    /// is a letter however unsure the CNN is: it stays, as an unsure letter.
    public var trailingMinConfidence = 0.65
    /// Box normalisation (must match what the model was trained with).
    public var boxes = BoxCropConfig.standard

    public init() {}
    public static let standard = HandprintReaderConfig()
}

import IS03Core

/// One letter box cut from a page: the pixels of the box plus a small margin around it, and
/// where the printed box is expected inside those pixels. The vision layer cuts it from the
/// registered page; the synthetic glyph generator cuts it from a rendered box.
public struct BoxCrop: Sendable, Hashable {
    /// Grey pixels (0 = ink, 255 = paper): the box plus a margin of about 1 mm on each side.
    public var image: GrayImage
    /// The printed box's outer edges as registration predicts them, in `image` pixels.
    public var box: PixelRect
    /// Scan resolution in pixels per millimetre (300 dpi ≈ 11.81).
    public var pixelsPerMM: Double

    public init(image: GrayImage, box: PixelRect, pixelsPerMM: Double) {
        self.image = image; self.box = box; self.pixelsPerMM = pixelsPerMM
    }
}

/// What the normaliser found in a box: whether it holds writing, and if so the ink as a small
/// fixed-size image centred and scaled the same way at training and at run time.
public struct NormalizedBox: Sendable, Hashable {
    /// True when the box holds no writing (after printed lines and specks are removed).
    public var isBlank: Bool
    /// Ink left after removing the box lines and specks, in square millimetres.
    public var inkAreaMM2: Double
    /// Largest extent of that ink, in millimetres.
    public var inkExtentMM: Double
    /// `side × side` ink coverage, row-major, 0 = paper, 1 = full ink; empty when blank.
    public var glyph: [Float]
    public var side: Int
    /// True when all of that ink lies within `BoxCropConfig.lineRemnantReachMM` of the box edges,
    /// as what is left of a printed line does; a written letter reaches into the box.
    public var inkNearEdgesOnly = false
}

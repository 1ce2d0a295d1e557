/// Sizes beyond which a scan is refused before it is decoded. A 600-dpi A4 page is about
/// 5000 × 7000 px (35 Mpx); anything far larger is a wrong file or a decompression bomb that
/// would exhaust memory, so it is stopped while only its header has been read.
public struct ImageLimits: Sendable, Hashable {
    /// Longest allowed side in pixels.
    public var maxSide: Int
    /// Largest allowed pixel count of one page.
    public var maxPixels: Int
    /// Most pages read from one file (a packet rarely holds more than a few hundred).
    public var maxPages: Int

    public init(maxSide: Int = 12_000, maxPixels: Int = 150_000_000, maxPages: Int = 5_000) {
        self.maxSide = maxSide; self.maxPixels = maxPixels; self.maxPages = maxPages
    }

    public static let `default` = ImageLimits()
}

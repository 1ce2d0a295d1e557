import IS03Core

/// The grey levels of one scan's paper and ink, so darkness can be judged against the sheet
/// itself rather than fixed numbers (light and dark scans both work).
public struct PageLevels: Sendable, Hashable {
    /// Typical paper grey (a high percentile of the page).
    public var paper: Double
    /// Typical ink grey (measured inside the registration marks once they are found).
    public var ink: Double

    /// Darkness of a grey value: 0 at paper, 1 at ink, clamped.
    public func darkness(_ grey: Double) -> Double {
        let span = max(paper - ink, 1)
        return min(max((paper - grey) / span, 0), 1)
    }

    /// Grey level halfway between paper and ink.
    public var midpoint: Double { (paper + ink) / 2 }

    /// Histogram percentile of an image (0…1), e.g. 0.9 for the paper level.
    static func percentile(_ image: GrayImage, _ q: Double) -> Double {
        var histogram = [Int](repeating: 0, count: 256)
        image.pixels.withUnsafeBufferPointer { for p in $0 { histogram[Int(p)] += 1 } }
        let target = Int(Double(image.pixels.count) * q)
        var seen = 0
        for (level, count) in histogram.enumerated() {
            seen += count
            if seen > target { return Double(level) }
        }
        return 255
    }
}

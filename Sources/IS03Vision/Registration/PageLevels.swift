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

    /// Share of pixels clearly darker than the paper around them: each pixel is compared with
    /// the brightest local paper level (90th percentile) of its `block`-pixel block and the
    /// eight blocks around it, and counts as ink when it is `contrast` grey levels below it.
    /// Unlike one global cut, this ignores uneven lighting, paper tone and scanner noise, so a
    /// blank page scanned dark on one side is still blank, while any pen or pencil stroke is ink.
    static func localInkShare(_ image: GrayImage, block: Int, contrast: Double) -> Double {
        let columns = (image.width + block - 1) / block, rows = (image.height + block - 1) / block
        guard columns > 0, rows > 0 else { return 0 }
        var paper = [Double](repeating: 255, count: columns * rows)
        var histogram = [Int](repeating: 0, count: 256)
        for by in 0..<rows {
            for bx in 0..<columns {
                for i in histogram.indices { histogram[i] = 0 }
                let x0 = bx * block, y0 = by * block
                let x1 = min(image.width, x0 + block), y1 = min(image.height, y0 + block)
                for y in y0..<y1 { for x in x0..<x1 { histogram[Int(image.pixels[y * image.width + x])] += 1 } }
                let target = (x1 - x0) * (y1 - y0) * 9 / 10
                var seen = 0
                for (level, count) in histogram.enumerated() {
                    seen += count
                    if seen > target { paper[by * columns + bx] = Double(level); break }
                }
            }
        }
        var dark = 0
        for by in 0..<rows {
            for bx in 0..<columns {
                var level = 0.0
                for ny in max(0, by - 1)...min(rows - 1, by + 1) {
                    for nx in max(0, bx - 1)...min(columns - 1, bx + 1) { level = max(level, paper[ny * columns + nx]) }
                }
                let cut = level - contrast
                let x0 = bx * block, y0 = by * block
                for y in y0..<min(image.height, y0 + block) {
                    for x in x0..<min(image.width, x0 + block) where Double(image.pixels[y * image.width + x]) < cut { dark += 1 }
                }
            }
        }
        return Double(dark) / Double(max(image.pixels.count, 1))
    }
}

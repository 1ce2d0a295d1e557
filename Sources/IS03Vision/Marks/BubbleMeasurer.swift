import IS03Core

/// The measurement of one bubble on the scan.
public struct BubbleMeasurement: Sendable, Hashable {
    /// Share of the measured disc that is ink.
    public var coverage: Double
    /// Mean darkness of the measured disc (0 paper … 1 ink).
    public var darkness: Double
    /// What the decision uses: (coverage + darkness) / 2.
    public var score: Double { (coverage + darkness) / 2 }
}

/// Measures bubbles against the sheet's own paper (locally) and ink (from the registration
/// marks), so light, dark and unevenly lit scans read alike.
struct BubbleMeasurer {
    var config: MarkReadingConfig

    /// Measures the bubble centred at (`cx`, `cy`) with radius `radius`, in image pixels.
    func measure(_ image: GrayImage, cx: Double, cy: Double, radius: Double, ink: Double) -> BubbleMeasurement {
        let half = radius * config.windowScale
        let x0 = max(0, Int(cx - half)), x1 = min(image.width - 1, Int(cx + half))
        let y0 = max(0, Int(cy - half)), y1 = min(image.height - 1, Int(cy + half))
        guard x1 > x0, y1 > y0 else { return BubbleMeasurement(coverage: 0, darkness: 0) }
        return image.pixels.withUnsafeBufferPointer { px -> BubbleMeasurement in
            var histogram = [Int](repeating: 0, count: 256)
            for y in y0...y1 {
                let row = y * image.width
                for x in x0...x1 { histogram[Int(px[row + x])] += 1 }
            }
            let total = (x1 - x0 + 1) * (y1 - y0 + 1)
            var seen = 0, paper = 255
            for level in 0..<256 {
                seen += histogram[level]
                if Double(seen) > Double(total) * config.paperPercentile { paper = level; break }
            }
            let span = max(Double(paper) - ink, 30)
            let r = radius * config.innerRadiusShare, r2 = r * r
            var count = 0, inked = 0, sum = 0.0
            let inkCut = Double(paper) - config.inkDarkness * span
            for y in max(0, Int(cy - r))...min(image.height - 1, Int(cy + r)) {
                let dy = Double(y) + 0.5 - cy
                let row = y * image.width
                for x in max(0, Int(cx - r))...min(image.width - 1, Int(cx + r)) {
                    let dx = Double(x) + 0.5 - cx
                    guard dx * dx + dy * dy <= r2 else { continue }
                    let g = Double(px[row + x])
                    count += 1
                    if g <= inkCut { inked += 1 }
                    sum += min(max((Double(paper) - g) / span, 0), 1)
                }
            }
            guard count > 0 else { return BubbleMeasurement(coverage: 0, darkness: 0) }
            return BubbleMeasurement(coverage: Double(inked) / Double(count), darkness: sum / Double(count))
        }
    }
}

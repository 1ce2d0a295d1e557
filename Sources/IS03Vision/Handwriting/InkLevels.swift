import IS03Core

/// The paper and ink grey levels of a crop, from its histogram, so faint pencil and black
/// ballpoint, light and dark scans all normalise to the same contrast.
struct InkLevels {
    /// The paper level: most of a box crop is paper, so a high percentile of the greys.
    let paper: Int
    /// The darkest grey that is not a stray pixel (0.5th percentile).
    let darkest: Int
    private let histogram: [Int]

    init(_ image: GrayImage) {
        var histogram = [Int](repeating: 0, count: 256)
        for value in image.pixels { histogram[Int(value)] += 1 }
        self.histogram = histogram
        paper = Self.percentile(histogram, 0.8)
        darkest = Self.percentile(histogram, 0.005)
    }

    /// The typical stroke-core grey among pixels darker than `threshold` (their 25th percentile).
    func inkLevel(below threshold: Double) -> Double {
        let cut = min(max(Int(threshold), 0), 256)
        let dark = Array(histogram[0..<cut])
        guard dark.reduce(0, +) > 0 else { return Double(darkest) }
        return Double(Self.percentile(dark, 0.25))
    }

    private static func percentile(_ histogram: [Int], _ share: Double) -> Int {
        let total = histogram.reduce(0, +)
        let target = Int(Double(total) * share)
        var seen = 0
        for (value, count) in histogram.enumerated() {
            seen += count
            if seen > target { return value }
        }
        return histogram.count - 1
    }
}

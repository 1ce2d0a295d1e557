import IS03Core

extension GrayImage {
    /// Share of ink inside a template rectangle (a signature area), sampled in the template's
    /// own millimetres and mapped through the page's registration.
    ///
    /// The axis-aligned pixel bounds of a long, low area on a skewed scan take in its printed
    /// frame and the boxes above it (a 60 × 9 mm area turned 5° spans 14 mm of height), so an
    /// empty area read as signed; sampling the inside of the area itself, `insetMM` clear of
    /// its frame, measures only what was written in it.
    /// - Complexity: O(area / step²) pixel reads.
    func inkShare(inside rect: RectMM, insetMM: Double, stepMM: Double, transform: Homography, cut: Double) -> Double {
        let x0 = rect.x + insetMM, x1 = rect.maxX - insetMM, y0 = rect.y + insetMM, y1 = rect.maxY - insetMM
        guard x1 > x0, y1 > y0, stepMM > 0 else { return 0 }
        let limit = UInt8(max(0, min(255, cut)))
        var dark = 0, samples = 0
        pixels.withUnsafeBufferPointer { px in
            var y = y0 + stepMM / 2
            while y < y1 {
                var x = x0 + stepMM / 2
                while x < x1 {
                    let p = transform.apply(x, y)
                    let column = Int(p.x.rounded()), row = Int(p.y.rounded())
                    if column >= 0, column < width, row >= 0, row < height {
                        samples += 1
                        if px[row * width + column] <= limit { dark += 1 }
                    }
                    x += stepMM
                }
                y += stepMM
            }
        }
        return samples == 0 ? 0 : Double(dark) / Double(samples)
    }
}

import IS03Core
import IS03Vision
import Testing

/// Shrinking (the registration copy, review thumbnails, crops) averages whole blocks and then
/// interpolates the rest of the factor; it must keep a direct area resize's geometry and ink.
@Suite("Resampling")
struct ResizeTests {
    /// Centroid and total darkness (255 − grey) of an image.
    static func ink(_ image: GrayImage) -> (x: Double, y: Double, total: Double) {
        var sx = 0.0, sy = 0.0, total = 0.0
        for y in 0..<image.height {
            for x in 0..<image.width {
                let d = Double(255 - image[x, y])
                sx += d * Double(x); sy += d * Double(y); total += d
            }
        }
        return (sx / total, sy / total, total)
    }

    @Test("A 300 dpi page shrunk to the 1000-pixel registration copy keeps where its ink is, and how much",
          arguments: [(2480, 3508), (1240, 1754), (4961, 7016)])
    func shrinkKeepsGeometry(size: (Int, Int)) throws {
        let (width, height) = size
        var page = GrayImage(width: width, height: height, fill: 250)
        let side = width / 35
        for (left, top) in [(width / 3, height / 2), (width * 4 / 5, height / 9)] {
            for y in top..<(top + side) { for x in left..<(left + side) { page[x, y] = 10 } }
        }
        let factor = 1000.0 / Double(height)
        let (w, h) = (Int((Double(width) * factor).rounded()), 1000)
        let small = try page.resized(width: w, height: h)
        #expect(small.width == w && small.height == h)
        let before = Self.ink(page), after = Self.ink(small)
        // Pixel centres: source c maps to (c + 0.5)·w/W − 0.5.
        let sx = Double(w) / Double(width), sy = Double(h) / Double(height)
        #expect(abs(after.x - ((before.x + 0.5) * sx - 0.5)) < 0.15, "x: \(after.x)")
        #expect(abs(after.y - ((before.y + 0.5) * sy - 0.5)) < 0.15, "y: \(after.y)")
        let ratio = after.total / (before.total * sx * sy)
        #expect(abs(ratio - 1) < 0.03, "ink kept: \(ratio)")
    }
}

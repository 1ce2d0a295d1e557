import IS03Core
import IS03Vision

/// A colour copy of a scan, scaled to a width, to draw outlines on in scan coordinates.
struct RGBCanvas {
    let width: Int
    let height: Int
    /// Scan pixels per canvas pixel.
    let scale: Double
    private var rgb: [UInt8]

    init(_ image: GrayImage, width: Int) throws {
        let targetWidth = min(width, image.width)
        let targetHeight = max(1, image.height * targetWidth / max(1, image.width))
        let small = targetWidth == image.width ? image : try image.resized(width: targetWidth, height: targetHeight)
        self.width = small.width
        self.height = small.height
        scale = Double(image.width) / Double(small.width)
        rgb = [UInt8](repeating: 0, count: small.pixels.count * 3)
        for (i, v) in small.pixels.enumerated() { rgb[3 * i] = v; rgb[3 * i + 1] = v; rgb[3 * i + 2] = v }
    }

    /// Draws the outline of `rect` (scan pixels), `margin` canvas pixels outside it.
    mutating func frame(_ rect: PixelRect, color: (UInt8, UInt8, UInt8), thickness: Int, margin: Int) {
        let x0 = Int(Double(rect.x) / scale) - margin, y0 = Int(Double(rect.y) / scale) - margin
        let x1 = Int(Double(rect.x + rect.width) / scale) + margin, y1 = Int(Double(rect.y + rect.height) / scale) + margin
        for t in 0..<max(1, thickness) {
            for x in (x0 - t)...(x1 + t) { put(x, y0 - t, color); put(x, y1 + t, color) }
            for y in (y0 - t)...(y1 + t) { put(x0 - t, y, color); put(x1 + t, y, color) }
        }
    }

    private mutating func put(_ x: Int, _ y: Int, _ color: (UInt8, UInt8, UInt8)) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        rgb[i] = color.0; rgb[i + 1] = color.1; rgb[i + 2] = color.2
    }

    func png() -> [UInt8] { PNGEncoder.encode(width: width, height: height, pixels: rgb, color: .rgb) }
}

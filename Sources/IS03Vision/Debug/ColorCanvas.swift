import COpenCVShim
import Foundation
import IS03Core

/// A BGR raster for the debug overlay: the grey scan underneath, shapes and labels on top.
struct ColorCanvas {
    struct Color { var b: UInt8; var g: UInt8; var r: UInt8 }
    let width: Int
    let height: Int
    private(set) var bytes: [UInt8]

    init(_ image: GrayImage) {
        width = image.width; height = image.height
        bytes = [UInt8](repeating: 0, count: image.pixels.count * 3)
        // Lighten the scan so colours stand out.
        for (i, p) in image.pixels.enumerated() {
            let v = UInt8(128 + Int(p) / 2)
            bytes[3 * i] = v; bytes[3 * i + 1] = v; bytes[3 * i + 2] = v
        }
    }

    mutating func plot(_ x: Int, _ y: Int, _ c: Color) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        bytes[i] = c.b; bytes[i + 1] = c.g; bytes[i + 2] = c.r
    }

    mutating func circle(cx: Double, cy: Double, radius: Double, thickness: Double, _ c: Color) {
        let outer = radius + thickness / 2, inner = max(0, radius - thickness / 2)
        for y in Int(cy - outer)...Int(cy + outer) {
            for x in Int(cx - outer)...Int(cx + outer) {
                let d = ((Double(x) + 0.5 - cx) * (Double(x) + 0.5 - cx) + (Double(y) + 0.5 - cy) * (Double(y) + 0.5 - cy)).squareRoot()
                if d <= outer && d >= inner { plot(x, y, c) }
            }
        }
    }

    mutating func rect(_ r: PixelRect, thickness: Int, _ c: Color) {
        for t in 0..<thickness {
            for x in r.x...(r.x + r.width) { plot(x, r.y - t, c); plot(x, r.y + r.height + t, c) }
            for y in r.y...(r.y + r.height) { plot(r.x - t, y, c); plot(r.x + r.width + t, y, c) }
        }
    }

    mutating func cross(x: Double, y: Double, size: Double, _ c: Color) {
        for k in -Int(size)...Int(size) {
            for t in -1...1 {
                plot(Int(x) + k, Int(y) + t, c); plot(Int(x) + t, Int(y) + k, c)
            }
        }
    }

    /// Writes ASCII text (labels, numbers) via OpenCV's Hershey font.
    mutating func text(_ string: String, x: Int, y: Int, height: Double, _ c: Color) {
        let (w, h) = (width, height_)
        bytes.withUnsafeMutableBufferPointer { buffer in
            var image = is03cv_image(width: Int32(w), height: Int32(h), channels: 3, stride: w * 3, data: buffer.baseAddress)
            var err = is03cv_error()
            _ = is03cv_put_text(&image, string, Int32(x), Int32(y), height, Int32(c.b), Int32(c.g), Int32(c.r), &err)
        }
    }

    private var height_: Int { height }

    func write(to url: URL) throws(VisionError) {
        var err = is03cv_error()
        var copy = bytes
        let status = copy.withUnsafeMutableBufferPointer { buffer in
            var image = is03cv_image(width: Int32(width), height: Int32(height), channels: 3, stride: width * 3, data: buffer.baseAddress)
            return is03cv_write_image(url.path, &image, 90, &err)
        }
        guard status == IS03CV_OK else { throw VisionError(message: "\(url.path): \(Shim.message(err))") }
    }
}

import COpenCVShim
import Foundation
import IS03Core

/// Image operations the engine, its debug output and its tests share (OpenCV underneath).
extension GrayImage {
    /// Resampled to `width` × `height`.
    public func resized(width: Int, height: Int) throws(VisionError) -> GrayImage {
        try transformed { input, out, err in is03cv_resize(&input, Int32(width), Int32(height), &out, &err) }
    }

    /// Warped by the forward affine matrix `m` (row-major 2×3) into `width` × `height`,
    /// uncovered pixels set to `border`.
    public func warpedAffine(_ m: [Double], width: Int, height: Int, border: UInt8 = 255) throws(VisionError) -> GrayImage {
        precondition(m.count == 6, "an affine matrix has 6 entries")
        return try transformed { input, out, err in
            m.withUnsafeBufferPointer { is03cv_warp_affine(&input, $0.baseAddress, Int32(width), Int32(height), Int32(border), &out, &err) }
        }
    }

    /// Rotated clockwise by `degrees` about the centre, keeping the whole page in view.
    public func rotated(degrees: Double, border: UInt8 = 255) throws(VisionError) -> GrayImage {
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        let w = Double(width), h = Double(height)
        let newW = Int((abs(w * c) + abs(h * s)).rounded()), newH = Int((abs(w * s) + abs(h * c)).rounded())
        // Clockwise on screen (y down): x' = c·x − s·y, y' = s·x + c·y about the centres.
        let m = [c, -s, Double(newW) / 2 - c * w / 2 + s * h / 2,
                 s, c, Double(newH) / 2 - s * w / 2 - c * h / 2]
        return try warpedAffine(m, width: newW, height: newH, border: border)
    }

    /// Gaussian blur with standard deviation `sigma` pixels.
    public func blurred(sigma: Double) throws(VisionError) -> GrayImage {
        try transformed { input, out, err in is03cv_blur(&input, sigma, &out, &err) }
    }

    /// Writes the image; the format follows the extension (.png, .jpg, .tif).
    public func write(to url: URL, jpegQuality: Int = 90) throws(VisionError) {
        var err = is03cv_error()
        let status = withShimImage { is03cv_write_image(url.path, &$0, Int32(jpegQuality), &err) }
        guard status == IS03CV_OK else { throw VisionError(message: "\(url.path): \(Shim.message(err))") }
    }

    /// Writes several pages as one multi-page TIFF.
    public static func writeMultipageTIFF(_ pages: [GrayImage], to url: URL) throws(VisionError) {
        var err = is03cv_error()
        // Each page is copied into memory the shim can hold for the whole call.
        let images = pages.map { page -> is03cv_image in
            let data = UnsafeMutablePointer<UInt8>.allocate(capacity: page.pixels.count)
            data.initialize(from: page.pixels, count: page.pixels.count)
            return is03cv_image(width: Int32(page.width), height: Int32(page.height), channels: 1, stride: page.width, data: data)
        }
        defer { images.forEach { $0.data.deallocate() } }
        let status = is03cv_write_multipage_tiff(url.path, images, Int32(images.count), &err)
        guard status == IS03CV_OK else { throw VisionError(message: "\(url.path): \(Shim.message(err))") }
    }
}

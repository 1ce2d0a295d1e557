import COpenCVShim
import IS03Core

/// Small helpers for crossing the OpenCV shim boundary.
enum Shim {
    /// The text of a shim error buffer.
    static func message(_ err: is03cv_error) -> String {
        withUnsafeBytes(of: err.text) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let end = bytes.firstIndex(of: 0) ?? bytes.count
            return String(decoding: bytes[..<end], as: UTF8.self)
        }
    }
}

/// A failed OpenCV call (memory exhausted, a bug): carries the shim's message.
public struct VisionError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

extension GrayImage {
    /// Copies a grey shim image (respecting its stride) into a `GrayImage`.
    init(copying image: is03cv_image) {
        var pixels = [UInt8](repeating: 0, count: Int(image.width) * Int(image.height))
        let width = Int(image.width)
        pixels.withUnsafeMutableBufferPointer { dst in
            for y in 0..<Int(image.height) {
                let row = image.data.advanced(by: y * image.stride)
                dst.baseAddress!.advanced(by: y * width).update(from: row, count: width)
            }
        }
        self.init(width: width, height: Int(image.height), pixels: pixels)
    }

    /// Lends the pixels to the shim as a borrowed grey image, without copying. The shim only
    /// reads images passed in (its header says so), so handing it a mutable view is safe.
    func withShimImage<R>(_ body: (inout is03cv_image) throws -> R) rethrows -> R {
        try pixels.withUnsafeBufferPointer { buffer in
            var image = is03cv_image(width: Int32(width), height: Int32(height), channels: 1,
                                     stride: width, data: UnsafeMutablePointer(mutating: buffer.baseAddress))
            return try body(&image)
        }
    }

    /// Runs a shim call that produces a new image and copies the result back.
    func transformed(_ call: (inout is03cv_image, inout is03cv_image, inout is03cv_error) -> Int32) throws(VisionError) -> GrayImage {
        var out = is03cv_image()
        var err = is03cv_error()
        let status = withShimImage { input in call(&input, &out, &err) }
        defer { is03cv_image_free(&out) }
        guard status == IS03CV_OK else { throw VisionError(message: Shim.message(err)) }
        return GrayImage(copying: out)
    }
}

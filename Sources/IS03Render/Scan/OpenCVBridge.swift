import COpenCVShim
import IS03Core

/// Moves `GrayImage` pixels across the OpenCV shim boundary (three layers: raw call → status
/// check → Swift `throws`).
enum OpenCVBridge {
    /// Calls `body` with a caller-owned `is03cv_image` view of `image`'s pixels (no copy).
    static func withView<R>(_ image: GrayImage, _ body: (is03cv_image) throws -> R) rethrows -> R {
        // The shim only reads images passed in, so a read-only buffer is safe to hand over.
        try image.pixels.withUnsafeBufferPointer { buffer in
            try body(is03cv_image(width: Int32(image.width), height: Int32(image.height), channels: 1,
                                  stride: image.width, data: UnsafeMutablePointer(mutating: buffer.baseAddress)))
        }
    }

    /// Calls `body` with a view of `image` that it may change in place (for calls that need
    /// no error buffer of their own; failures report only a status).
    static func mutate(_ image: inout GrayImage, _ body: (is03cv_image) -> Int32, what: String) throws {
        try mutate(&image, { view, _ in body(view) }, what: what)
    }

    /// Calls `body` with a view of `image` that it may change in place and an error buffer.
    static func mutate(_ image: inout GrayImage, _ body: (is03cv_image, UnsafeMutablePointer<is03cv_error>) -> Int32,
                       what: String) throws {
        var error = is03cv_error()
        let (width, height) = (image.width, image.height)
        let status = image.pixels.withUnsafeMutableBufferPointer { buffer in
            body(is03cv_image(width: Int32(width), height: Int32(height), channels: 1, stride: width,
                              data: buffer.baseAddress), &error)
        }
        try check(status, &error, what: what)
    }

    /// Runs a shim call that allocates an output image and converts it to a `GrayImage`.
    static func produce(what: String, _ body: (UnsafeMutablePointer<is03cv_image>, UnsafeMutablePointer<is03cv_error>) -> Int32) throws -> GrayImage {
        var out = is03cv_image()
        var error = is03cv_error()
        let status = body(&out, &error)
        defer { is03cv_image_free(&out) }
        try check(status, &error, what: what)
        return take(out)
    }

    /// Copies a shim-owned single-channel image into Swift memory (the caller frees `image`).
    static func take(_ image: is03cv_image) -> GrayImage {
        let width = Int(image.width), height = Int(image.height)
        var pixels = [UInt8](repeating: 0, count: width * height)
        if let data = image.data {
            for row in 0..<height {
                let source = data + row * image.stride
                pixels.withUnsafeMutableBufferPointer { buffer in
                    (buffer.baseAddress! + row * width).update(from: source, count: width)
                }
            }
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    static func check(_ status: Int32, _ error: inout is03cv_error, what: String) throws {
        guard status != Int32(IS03CV_OK) else { return }
        let message = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        throw RenderError("\(what) failed: \(message)")
    }
}

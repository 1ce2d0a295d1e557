import COpenCVShim
import Foundation
import IS03Core

/// Image file formats synthetic scans and printed rasters are written in.
public enum ImageFormat: String, Sendable, CaseIterable, Codable {
    case png, jpeg, tiff

    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "png": self = .png
        case "jpg", "jpeg": self = .jpeg
        case "tif", "tiff": self = .tiff
        default: return nil
        }
    }

    public var fileExtension: String {
        switch self {
        case .png: "png"
        case .jpeg: "jpg"
        case .tiff: "tif"
        }
    }

    var shimCode: Int32 {
        switch self {
        case .png: Int32(IS03CV_FORMAT_PNG)
        case .jpeg: Int32(IS03CV_FORMAT_JPEG)
        case .tiff: Int32(IS03CV_FORMAT_TIFF)
        }
    }
}

/// Writes grey images through OpenCV's image codecs.
public enum ImageWriter {
    /// Writes one image; the error names the file.
    public static func write(_ image: GrayImage, to url: URL, format: ImageFormat, jpegQuality: Int = 90) throws {
        var error = is03cv_error()
        let status = OpenCVBridge.withView(image) { view in
            is03cv_render_write(url.path, view, format.shimCode, Int32(jpegQuality), &error)
        }
        try OpenCVBridge.check(status, &error, what: "writing \(url.path)")
    }

    /// Writes all `pages` as one multi-page TIFF (as a scanner writes a ВДП packet).
    public static func writeMultipageTIFF(_ pages: [GrayImage], to url: URL) throws {
        guard !pages.isEmpty else { throw RenderError("cannot write \(url.path): a TIFF needs at least one page") }
        var error = is03cv_error()
        // One contiguous buffer holding every page, so all views stay valid during the call.
        var all: [UInt8] = []
        all.reserveCapacity(pages.reduce(0) { $0 + $1.pixels.count })
        for page in pages { all += page.pixels }
        let status: Int32 = all.withUnsafeMutableBufferPointer { buffer in
            var offset = 0
            let views = pages.map { page -> is03cv_image in
                defer { offset += page.pixels.count }
                return is03cv_image(width: Int32(page.width), height: Int32(page.height), channels: 1,
                                    stride: page.width, data: buffer.baseAddress! + offset)
            }
            return is03cv_render_write_multipage_tiff(url.path, views, Int32(views.count), &error)
        }
        try OpenCVBridge.check(status, &error, what: "writing \(url.path)")
    }
}

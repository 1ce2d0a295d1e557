// libFuzzer target: a scan file (PNG, JPEG or TIFF, one or many pages) through `ScanFile`,
// exactly as the batch opens it: header probe and size limits (ImageHeader, ImageLimits),
// hashing, then decoding of every page through the C++ shim (OpenCV imdecode, libtiff).
//
// Limits are set lower than the product's so that a decompression bomb the probe misses shows
// up as an out-of-memory report (libFuzzer's -rss_limit_mb / -malloc_limit_mb) rather than
// a slow run; the probe must refuse anything over them before a decoder allocates.
import Foundation
import IS03Core

/// Small enough that every page the probe lets through decodes in milliseconds.
let fuzzLimits = ImageLimits(maxSide: 4_000, maxPixels: 4_000_000, maxPages: 8)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScanFile(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let url = FuzzInput.file(FuzzInput.data(start, count), ext: "img")
    do {
        let scan = try ScanFile(url: url, limits: fuzzLimits)
        for page in 0..<scan.pageCount {
            _ = scan.source(page: page)
            do {
                let image = try scan.decode(page: page)
                let declared = scan.header.pages[page]
                // The decoder must not produce a page larger than the probe allowed.
                if image.width * image.height > fuzzLimits.maxPixels || max(image.width, image.height) > fuzzLimits.maxSide {
                    FileHandle.standardError.write(Data("decoded \(image.width)×\(image.height) px, header said \(declared.width)×\(declared.height)\n".utf8))
                    abort()
                }
            } catch {
                _ = error.description
            }
        }
    } catch {
        _ = error.description
    }
    return 0
}

import COpenCVShim
import IS03Core

/// A solid dark square found on the downscaled page (a registration-mark candidate).
struct FoundSquare: Sendable, Hashable {
    var x: Double
    var y: Double
    /// Side length estimated from the pixel count (rotation does not change it).
    var side: Double
}

/// The four image corners, clockwise from top-left, in which registration marks are sought.
enum ImageCorner: Int, CaseIterable, Sendable {
    case topLeft, topRight, bottomRight, bottomLeft
}

/// What the coarse search on the downscaled page found.
struct MarkSearch: Sendable {
    /// The best mark candidate per image corner (missing when none fits).
    var corners: [ImageCorner: FoundSquare]
    /// Share of the page's pixels that are dark (for blank-page detection).
    var inkShare: Double
    /// The dark/paper cut used on the downscaled page.
    var threshold: Double
    /// Every solid, square dark blob at least cue-sized (the orientation cue is among them).
    var squares: [FoundSquare]
}

/// Finds the registration-mark candidates: solid, square, mark-sized dark blobs, the one
/// nearest each image corner. Geometry comes from the template (mark size, page size).
struct MarkFinder {
    var config: RegistrationConfig

    func search(work: GrayImage, paper: Double, markSideMM: Double, cueSideMM: Double, pageLongSideMM: Double) throws(VisionError) -> MarkSearch {
        let inkGuess = min(PageLevels.percentile(work, 0.003), paper - 80)
        let threshold = (paper + inkGuess) / 2
        // Nominal scale: the image spans about one page (scanner margins move it a little).
        let pxPerMM = Double(max(work.width, work.height)) / pageLongSideMM
        let expectedSide = markSideMM * pxPerMM
        let smallest = min(markSideMM, cueSideMM) * pxPerMM * config.markSizeTolerance.lowerBound
        let minArea = Int(smallest * smallest * config.markMinFill)
        let (blobs, dark) = try darkBlobs(work, threshold: threshold, minArea: max(minArea, 4))
        var best: [ImageCorner: (FoundSquare, Double)] = [:]
        var squares: [FoundSquare] = []
        for blob in blobs {
            let side = Double(blob.area).squareRoot()
            let aspect = Double(blob.width) / Double(max(blob.height, 1))
            let fill = Double(blob.area) / Double(max(blob.width * blob.height, 1))
            guard (0.7...1.43).contains(aspect), fill >= config.markMinFill else { continue }
            // OpenCV gives centroids in pixel indices (pixel i's centre at i); the engine's
            // coordinates put pixel i over [i, i + 1), so its centre is at i + 0.5. Without the
            // half pixel, scaling back to the full page moved every placed bubble by half a
            // work pixel (1-2 page pixels) towards the image's top-left corner, which is a
            // different corner of the sheet in each feed orientation: a half-filled bubble
            // then read differently upright and turned.
            let square = FoundSquare(x: blob.cx + 0.5, y: blob.cy + 0.5, side: side)
            squares.append(square)
            guard config.markSizeTolerance.contains(side / expectedSide) else { continue }
            let right = square.x > Double(work.width) / 2, bottom = square.y > Double(work.height) / 2
            let corner: ImageCorner = bottom ? (right ? .bottomRight : .bottomLeft) : (right ? .topRight : .topLeft)
            let cornerX = right ? Double(work.width) : 0, cornerY = bottom ? Double(work.height) : 0
            let distance = ((square.x - cornerX) * (square.x - cornerX) + (square.y - cornerY) * (square.y - cornerY)).squareRoot()
            if best[corner].map({ distance < $0.1 }) ?? true { best[corner] = (square, distance) }
        }
        return MarkSearch(corners: best.mapValues(\.0), inkShare: Double(dark) / Double(max(work.pixels.count, 1)),
                          threshold: threshold, squares: squares)
    }

    /// Connected dark regions plus the total count of dark pixels.
    private func darkBlobs(_ image: GrayImage, threshold: Double, minArea: Int) throws(VisionError) -> ([is03cv_blob], Int) {
        var blobs = [is03cv_blob](repeating: is03cv_blob(), count: 4096)
        var count: Int32 = 0
        var err = is03cv_error()
        let status = image.withShimImage { input in
            blobs.withUnsafeMutableBufferPointer { buffer in
                is03cv_dark_blobs(&input, Int32(threshold), Int32(minArea), buffer.baseAddress, Int32(buffer.count), &count, &err)
            }
        }
        guard status == IS03CV_OK else { throw VisionError(message: Shim.message(err)) }
        let cut = UInt8(max(0, min(255, threshold)))
        let dark = image.pixels.withUnsafeBufferPointer { $0.reduce(0) { $1 < cut ? $0 + 1 : $0 } }
        return (Array(blobs.prefix(Int(min(count, 4096)))), dark)
    }
}

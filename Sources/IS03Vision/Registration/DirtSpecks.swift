import COpenCVShim
import IS03Core

/// Tells a blank page with scanner dirt (drum specks, a smudge, a hair) from a page that
/// carries something: dirt is a handful of small dark spots, while text, a table, a drawing or
/// a form is many spots or large ones. Used only on pages without the corner marks of a form.
struct DirtSpecks {
    var config: RegistrationConfig

    /// True when every dark spot on `work` (grey below `threshold`) is small and there are few
    /// of them. `pxPerMM` is the work image's scale.
    func onlyDirt(_ work: GrayImage, threshold: Double, pxPerMM: Double) throws(VisionError) -> Bool {
        let capacity = config.blankMaxSpecks + 1
        var blobs = [is03cv_blob](repeating: is03cv_blob(), count: capacity)
        var count: Int32 = 0
        var err = is03cv_error()
        let status = work.withShimImage { input in
            blobs.withUnsafeMutableBufferPointer { buffer in
                is03cv_dark_blobs(&input, Int32(threshold), 1, buffer.baseAddress, Int32(buffer.count), &count, &err)
            }
        }
        guard status == IS03CV_OK else { throw VisionError(message: Shim.message(err)) }
        guard count > 0, Int(count) <= config.blankMaxSpecks else { return false }
        let largest = config.blankSpeckMaxMM * pxPerMM
        return blobs.prefix(Int(count)).allSatisfy { Double(max($0.width, $0.height)) <= largest }
    }
}

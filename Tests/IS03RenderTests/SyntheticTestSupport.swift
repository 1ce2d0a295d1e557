import Foundation
import IS03Core
import IS03Render
import IS03TestSupport

/// Shared helpers for the synthetic-scan tests.
enum SyntheticFixture {
    static func template() throws -> Template {
        try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
    }

    /// A scan with no effects at all: unrotated, unskewed, pure white paper, black ink.
    static func plainScan(dpi: Double) -> ScanProfile {
        ScanProfile(dpiChoices: [dpi], maxSkew: 0, maxOffset: 0, upsideDownShare: 0, sidewaysShare: 0,
                    noise: 0...0, blur: 0...0, jpegShare: 0, jpegQuality: 90...90, lighting: 1...1,
                    bleedShare: 0, bleedStrength: 0...0, paper: 255...255, ink: 0...0)
    }

    /// Mean darkness (0 paper … 1 ink) inside the disc of `radius` mm around `center` mm.
    static func darkness(_ image: GrayImage, center: PointMM, radius: Double, dpi: Double) -> Double {
        let scale = dpi / 25.4
        let cx = center.x * scale, cy = center.y * scale, r = radius * scale
        var sum = 0.0, count = 0.0
        for y in Int(cy - r)...Int(cy + r) {
            for x in Int(cx - r)...Int(cx + r) where pow(Double(x) + 0.5 - cx, 2) + pow(Double(y) + 0.5 - cy, 2) <= r * r {
                sum += Double(255 - Int(image[x, y])) / 255
                count += 1
            }
        }
        return sum / max(count, 1)
    }
}

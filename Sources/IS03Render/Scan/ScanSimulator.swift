import COpenCVShim
import Foundation
import IS03Core

/// Everything drawn at random for one page's scan, decided before rendering (the page is
/// rendered at `dpi`), so the same seed gives the same scan.
public struct ScanPlan: Sendable, Hashable {
    public var dpi: Double
    /// Clockwise quarter turn in degrees (0, 90, 180, 270).
    public var orientation: Int
    public var skewDegrees: Double
    public var offsetMM: PointMM
    public var paper: Double
    public var ink: Double
    /// Brightness at the darkest corner (1 = even lighting) and the direction light falls off.
    public var lighting: Double
    public var lightingAngle: Double
    public var bleedStrength: Double
    public var blurSigma: Double
    public var noiseSigma: Double
    public var noiseSeed: UInt64
    public var jpegQuality: Int?

    public init(dpi: Double, orientation: Int = 0, skewDegrees: Double = 0, offsetMM: PointMM = PointMM(x: 0, y: 0),
                paper: Double = 255, ink: Double = 0, lighting: Double = 1, lightingAngle: Double = 0,
                bleedStrength: Double = 0, blurSigma: Double = 0, noiseSigma: Double = 0, noiseSeed: UInt64 = 0,
                jpegQuality: Int? = nil) {
        self.dpi = dpi; self.orientation = orientation; self.skewDegrees = skewDegrees; self.offsetMM = offsetMM
        self.paper = paper; self.ink = ink; self.lighting = lighting; self.lightingAngle = lightingAngle
        self.bleedStrength = bleedStrength; self.blurSigma = blurSigma; self.noiseSigma = noiseSigma
        self.noiseSeed = noiseSeed; self.jpegQuality = jpegQuality
    }

    /// Draws a plan from `profile`.
    public static func random(_ profile: ScanProfile, rng: inout SeededRandom) -> ScanPlan {
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound == range.upperBound ? range.lowerBound : Double.random(in: range, using: &rng)
        }
        let dpi = profile.dpiChoices.randomElement(using: &rng) ?? 300
        let turn = Double.random(in: 0..<1, using: &rng)
        var orientation = 0
        if turn < profile.sidewaysShare { orientation = Bool.random(using: &rng) ? 90 : 270 }
        else if turn < profile.sidewaysShare + profile.upsideDownShare { orientation = 180 }
        let skew = uniform(-profile.maxSkew...profile.maxSkew)
        let offset = PointMM(x: uniform(-profile.maxOffset...profile.maxOffset), y: uniform(-profile.maxOffset...profile.maxOffset))
        let bleed = Double.random(in: 0..<1, using: &rng) < profile.bleedShare ? uniform(profile.bleedStrength) : 0
        let jpeg = Double.random(in: 0..<1, using: &rng) < profile.jpegShare
            ? Int.random(in: profile.jpegQuality, using: &rng) : nil
        return ScanPlan(dpi: dpi, orientation: orientation, skewDegrees: skew, offsetMM: offset,
                        paper: uniform(profile.paper), ink: uniform(profile.ink), lighting: uniform(profile.lighting),
                        lightingAngle: uniform(0...(2 * Double.pi)), bleedStrength: bleed,
                        blurSigma: uniform(profile.blur) * dpi / 300, noiseSigma: uniform(profile.noise),
                        noiseSeed: rng.next(), jpegQuality: jpeg)
    }

    /// Names of the effects this plan applies, in order (for the truth file).
    public var effects: [String] {
        var names: [String] = []
        if bleedStrength > 0 { names.append("bleed-through") }
        if paper < 255 || ink > 0 { names.append("paper-tone") }
        if lighting < 1 { names.append("lighting") }
        if skewDegrees != 0 || offsetMM != PointMM(x: 0, y: 0) { names.append("skew-offset") }
        if orientation != 0 { names.append("rotate-\(orientation)") }
        if blurSigma > 0 { names.append("blur") }
        if noiseSigma > 0 { names.append("noise") }
        if jpegQuality != nil { names.append("jpeg") }
        return names
    }
}

/// Turns a clean rendered page into what a scanner would write, following a `ScanPlan`.
/// Geometry, blur and JPEG go through the OpenCV shim; tone, lighting, noise and
/// bleed-through are simple per-pixel arithmetic here (cheaper than round trips).
public enum ScanSimulator {
    public static func apply(_ plan: ScanPlan, to page: GrayImage) throws -> GrayImage {
        var image = page
        if plan.bleedStrength > 0 { try bleedThrough(&image, strength: plan.bleedStrength, dpi: plan.dpi) }
        tone(&image, plan: plan)
        if plan.skewDegrees != 0 || plan.offsetMM != PointMM(x: 0, y: 0) {
            image = try skew(image, plan: plan)
        }
        if plan.orientation != 0 {
            let source = image
            image = try OpenCVBridge.produce(what: "rotating the page") { out, error in
                OpenCVBridge.withView(source) { is03cv_render_rotate90($0, Int32(plan.orientation / 90), out, error) }
            }
        }
        if plan.blurSigma > 0 {
            try OpenCVBridge.mutate(&image, { is03cv_render_blur($0, plan.blurSigma, $1) }, what: "blurring")
        }
        if plan.noiseSigma > 0 { addNoise(&image, sigma: plan.noiseSigma, seed: plan.noiseSeed) }
        if let quality = plan.jpegQuality {
            try OpenCVBridge.mutate(&image, { is03cv_render_jpeg_roundtrip($0, Int32(quality), $1) },
                                    what: "JPEG compression")
        }
        return image
    }

    /// Faint, blurred, mirrored content as if showing through from the back of the sheet.
    static func bleedThrough(_ image: inout GrayImage, strength: Double, dpi: Double) throws {
        let width = image.width
        var back = image
        back.pixels.withUnsafeMutableBufferPointer { pixels in
            for row in 0..<image.height { pixels[(row * width)..<((row + 1) * width)].reverse() }
        }
        try OpenCVBridge.mutate(&back, { is03cv_render_blur($0, 1.5 * dpi / 300, $1) }, what: "bleed-through blur")
        // ghost = 255 − strength·(255 − back), in 8.8 fixed point; keep the darker of page and ghost.
        let scale = Int(strength * 256)
        back.pixels.withUnsafeBufferPointer { ghostSource in
            image.pixels.withUnsafeMutableBufferPointer { pixels in
                for i in 0..<pixels.count {
                    let ghost = 255 - (((255 - Int(ghostSource[i])) * scale) >> 8)
                    if ghost < Int(pixels[i]) { pixels[i] = UInt8(ghost) }
                }
            }
        }
    }

    /// Maps 0…255 to the scan's ink…paper levels and darkens towards one side (uneven lighting).
    static func tone(_ image: inout GrayImage, plan: ScanPlan) {
        let (width, height) = (image.width, image.height)
        let lut = (0...255).map { Float(plan.ink + Double($0) * (plan.paper - plan.ink) / 255) }
        if plan.lighting >= 1 {
            let bytes = lut.map { UInt8(max(0, min(255, $0.rounded()))) }
            image.pixels.withUnsafeMutableBufferPointer { pixels in
                for i in 0..<pixels.count { pixels[i] = bytes[Int(pixels[i])] }
            }
            return
        }
        // Gain falls linearly from 1 at one corner to `lighting` at the opposite one.
        let fall = 1 - plan.lighting
        let (dx, dy) = (cos(plan.lightingAngle), sin(plan.lightingAngle))
        let span = abs(dx) * Double(width) + abs(dy) * Double(height)
        let base = (dx < 0 ? -dx * Double(width) : 0) + (dy < 0 ? -dy * Double(height) : 0)
        let gainPerColumn = Float(-fall * dx / span)
        lut.withUnsafeBufferPointer { lut in
            image.pixels.withUnsafeMutableBufferPointer { pixels in
                for y in 0..<height {
                    var gain = Float(1 - fall * (dy * Double(y) + base) / span)
                    let row = pixels.baseAddress! + y * width
                    for x in 0..<width {
                        row[x] = UInt8(max(0, min(255, (lut[Int(row[x])] * gain).rounded())))
                        gain += gainPerColumn
                    }
                }
            }
        }
    }

    /// Adds approximately Gaussian noise (triangular: the sum of two uniforms) from `seed`;
    /// much faster than exact normals and indistinguishable as scanner grain. One random
    /// 64-bit draw serves two pixels.
    static func addNoise(_ image: inout GrayImage, sigma: Double, seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        // Two 16-bit uniforms sum to mean 65536 with variance 2/12 (in units of 65536²).
        let scale = Int32((sigma / (2.0 / 12).squareRoot()) * 256)
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            var i = 0
            let count = pixels.count
            while i < count {
                let bits = rng.next()
                for half in 0..<2 where i + half < count {
                    let word = bits >> (32 * UInt64(half))
                    let sum = Int32(truncatingIfNeeded: (word & 0xFFFF) + ((word >> 16) & 0xFFFF)) - 65536
                    let noise = (sum * scale) >> 24          // grey levels
                    let value = Int32(pixels[i + half]) + noise
                    pixels[i + half] = UInt8(clamping: value)
                }
                i += 2
            }
        }
    }

    /// Small rotation about the page centre plus an offset, on a canvas large enough that no
    /// corner of the page is cut off; the uncovered border is paper-coloured.
    static func skew(_ image: GrayImage, plan: ScanPlan) throws -> GrayImage {
        let theta = plan.skewDegrees * Double.pi / 180
        let (w, h) = (Double(image.width), Double(image.height))
        let pixelsPerMM = plan.dpi / 25.4
        let margin = (abs(plan.offsetMM.x) + abs(plan.offsetMM.y)) * pixelsPerMM
        let outW = Int((w * abs(cos(theta)) + h * abs(sin(theta)) + 2 * margin).rounded(.up))
        let outH = Int((w * abs(sin(theta)) + h * abs(cos(theta)) + 2 * margin).rounded(.up))
        let (c, s) = (cos(theta), sin(theta))
        let cx = Double(outW) / 2 + plan.offsetMM.x * pixelsPerMM
        let cy = Double(outH) / 2 + plan.offsetMM.y * pixelsPerMM
        // destination = R · (source − centre) + new centre; y points down, so positive θ is clockwise.
        let matrix = [c, -s, cx - c * w / 2 + s * h / 2,
                      s, c, cy - s * w / 2 - c * h / 2]
        let border = Int32(plan.paper * plan.lighting.squareRoot())
        return try OpenCVBridge.produce(what: "skewing the page") { out, error in
            OpenCVBridge.withView(image) { view in
                matrix.withUnsafeBufferPointer {
                    is03cv_render_warp_affine(view, $0.baseAddress, Int32(outW), Int32(outH), border, out, error)
                }
            }
        }
    }
}

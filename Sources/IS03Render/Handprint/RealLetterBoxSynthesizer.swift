import COpenCVShim
import Foundation
import IS03Core

/// Puts a real person's handwritten letter (an image of one letter, dark ink on white, any
/// size) into a printed letter box the way a writer fills a form box, then scans it: the letter
/// is scaled to the box with varied size, position, slant and rotation, its pen made thinner or
/// thicker (grey morphology) and its ink lighter or darker, over the printed box and its
/// neighbours; the box lines, misregistration and the scan damage (paper tone, blur, noise, JPEG,
/// 1 bit, 150–400 dpi) are `GlyphCropSynthesizer`'s, so real and stroke-model boxes differ only
/// in the letter. Deterministic for a seed, an image number and a copy number.
public struct RealLetterBoxSynthesizer: Sendable {
    public var seed: UInt64
    public var variety: GlyphCropVariety
    /// Height of the letter as a share of the box height (writers fill boxes unevenly).
    public var heightShare: ClosedRange<Double> = 0.5...0.92
    /// Horizontal shear of the letter (slant), as Δx per unit height.
    public var slant: ClosedRange<Double> = -0.25...0.25
    /// Standard deviation of whole-letter rotation (degrees), clamped to ±8°.
    public var rotationSD = 3.0
    /// Standard deviation of the letter's offset from the box centre (mm).
    public var offsetSD = 0.35

    public init(seed: UInt64, variety: GlyphCropVariety = GlyphCropVariety()) {
        self.seed = seed; self.variety = variety
    }

    /// The box for copy `copy` of letter image `index` (`letter` its pixels, `character` what it
    /// is), or nil when the image holds no ink at all.
    public func box(letter: GrayImage, character: Character, index: Int, copy: Int = 0) throws -> SyntheticBoxCrop? {
        var rng = SeededRandom(seed: seed, stream: "real-\(index)-\(copy)")
        let damage = GlyphCropSynthesizer(seed: seed, alphabet: [], variety: variety)
        let v = variety
        let dpi = v.dpis[Int.random(in: 0..<v.dpis.count, using: &rng)]
        let ppm = dpi / 25.4
        let margin = Double.random(in: v.margin, using: &rng)
        let canvas = try PageCanvas(widthMM: v.boxWidth + 2 * margin, heightMM: v.boxHeight + 2 * margin, dpi: dpi)
        let box = damage.drawPrintedBoxes(on: canvas, margin: margin, rng: &rng)
        var image = try canvas.grayImage()

        guard let pen = LetterInk(letter) else { return nil }
        let ink = pen.changingPen(by: pen.safePenChange(penChange(&rng)))
        let pencil = Double.random(in: 0..<1, using: &rng) < v.pencilShare
        let strength = pencil ? Double.random(in: 0.4...0.6, using: &rng) : Double.random(in: 0.65...1, using: &rng)
        // Size: a share of the box height, narrowed when the letter would not fit the width.
        var heightMM = v.boxHeight * Double.random(in: heightShare, using: &rng)
        let shear = Double.random(in: slant, using: &rng)
        let widthMM = heightMM * (Double(ink.width) / Double(ink.height) + abs(shear))
        if widthMM > v.boxWidth * 0.92 { heightMM *= v.boxWidth * 0.92 / widthMM }
        let scale = heightMM * ppm / Double(ink.height)
        let resized = try ink.image.resized(scale: scale)
        let degrees = min(max(rng.gaussian(sd: rotationSD), -8), 8)
        let room = (x: max(v.boxWidth - heightMM * Double(ink.width) / Double(ink.height), 0) / 2,
                    y: max(v.boxHeight - heightMM, 0) / 2)
        let centre = (x: (box.x + v.boxWidth / 2 + min(max(rng.gaussian(sd: offsetSD), -room.x), room.x)) * ppm,
                      y: (box.y + v.boxHeight / 2 + min(max(rng.gaussian(sd: offsetSD), -room.y), room.y)) * ppm)
        let placed = try resized.placed(centre: centre, degrees: degrees, shear: shear, width: image.width, height: image.height)
        for i in image.pixels.indices {
            let darkness = strength * (1 - Double(placed.pixels[i]) / 255)
            image.pixels[i] = UInt8((Double(image.pixels[i]) * (1 - darkness)).rounded())
        }
        try damage.scanEffects(&image, rng: &rng)
        let expected = PixelRect(x: Int((margin * ppm).rounded()), y: Int((margin * ppm).rounded()),
                                 width: Int((v.boxWidth * ppm).rounded()), height: Int((v.boxHeight * ppm).rounded()))
        return SyntheticBoxCrop(image: image, expectedBox: expected, pixelsPerMM: ppm,
                                character: character, writer: index, dpi: dpi)
    }

    /// Pixels of pen change at the letter image's own scale: negative thins, positive thickens.
    /// The images' strokes are 4–8 px in 128, so ±1–3 px spans fine liners to felt pens.
    private func penChange(_ rng: inout SeededRandom) -> Int {
        let roll = Double.random(in: 0..<1, using: &rng)
        if roll < 0.25 { return -Int.random(in: 1...2, using: &rng) }
        if roll < 0.6 { return Int.random(in: 1...3, using: &rng) }
        return 0
    }
}

/// The ink of a letter image, cut to its bounding box with a little paper around it.
private struct LetterInk {
    /// Dark ink on white.
    var image: GrayImage
    var width: Int { image.width }
    var height: Int { image.height }
    /// Paper around the ink, so thickening and rotation have room.
    static let pad = 6

    init?(_ letter: GrayImage) {
        let w = letter.width, h = letter.height
        var minX = w, minY = h, maxX = -1, maxY = -1
        for y in 0..<h {
            for x in 0..<w where letter.pixels[y * w + x] < 160 {
                minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
            }
        }
        guard maxX >= minX, maxY >= minY else { return nil }
        let pad = Self.pad
        let cw = maxX - minX + 1 + 2 * pad, ch = maxY - minY + 1 + 2 * pad
        var pixels = [UInt8](repeating: 255, count: cw * ch)
        for y in minY...maxY {
            for x in minX...maxX { pixels[(y - minY + pad) * cw + (x - minX + pad)] = letter.pixels[y * w + x] }
        }
        image = GrayImage(width: cw, height: ch, pixels: pixels)
    }

    private init(image: GrayImage) { self.image = image }

    /// Thinnest stroke a thinned letter keeps, as a share of its ink height: a fine liner in a
    /// 6 mm letter is about 0.3 mm; thinner strokes vanish in the scan and the letter reads blank.
    static let thinnestStrokeShare = 0.045

    /// Mean stroke width (px): twice the ink area over the ink's boundary length.
    var strokeWidth: Double {
        let w = width, h = height
        var area = 0, boundary = 0
        func isInk(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < w && y < h && image.pixels[y * w + x] < 160 }
        for y in 0..<h {
            for x in 0..<w where isInk(x, y) {
                area += 1
                if !isInk(x - 1, y) || !isInk(x + 1, y) || !isInk(x, y - 1) || !isInk(x, y + 1) { boundary += 1 }
            }
        }
        return boundary > 0 ? 2 * Double(area) / Double(boundary) : 0
    }

    /// `radius` with thinning limited so the strokes stay at least `thinnestStrokeShare` of the
    /// letter's height wide (and never under 2 px): the pen changes relative to the writer's own
    /// stroke, so thin-penned letters are not thinned to nothing.
    func safePenChange(_ radius: Int) -> Int {
        guard radius < 0 else { return radius }
        let keep = max(2, Self.thinnestStrokeShare * Double(height - 2 * Self.pad))
        let room = Int(((strokeWidth - keep) / 2).rounded(.down))
        return -min(-radius, max(room, 0))
    }

    /// Grey erosion (thinner, `by` < 0) or dilation (thicker) of the ink with a disc of |by| px.
    func changingPen(by radius: Int) -> LetterInk {
        guard radius != 0 else { return self }
        let r = abs(radius), w = width, h = height, thicker = radius > 0
        var out = image.pixels
        for y in 0..<h {
            for x in 0..<w {
                var value = image.pixels[y * w + x]
                for dy in -r...r {
                    for dx in -r...r where dx * dx + dy * dy <= r * r {
                        let nx = min(max(x + dx, 0), w - 1), ny = min(max(y + dy, 0), h - 1)
                        let p = image.pixels[ny * w + nx]
                        value = thicker ? min(value, p) : max(value, p)
                    }
                }
                out[y * w + x] = value
            }
        }
        return LetterInk(image: GrayImage(width: w, height: h, pixels: out))
    }
}

extension GrayImage {
    /// Area-averaged (down) or bilinear (up) to `scale` times the size.
    fileprivate func resized(scale: Double) throws -> GrayImage {
        let w = Swift.max(Int((Double(width) * scale).rounded()), 2), h = Swift.max(Int((Double(height) * scale).rounded()), 2)
        return try OpenCVBridge.withView(self) { view in
            try OpenCVBridge.produce(what: "resizing a letter") { is03cv_render_resize(view, Int32(w), Int32(h), $0, $1) }
        }
    }

    /// This image turned by `degrees` and sheared by `shear` about its centre, which lands on
    /// `centre`, in a white `width` × `height` image.
    fileprivate func placed(centre: (x: Double, y: Double), degrees: Double, shear: Double, width outW: Int, height outH: Int) throws -> GrayImage {
        let a = degrees * .pi / 180, c = cos(a), s = sin(a)
        // Rotation · shear (x' = x − shear·y: the top leans right for positive shear).
        let m00 = c, m01 = -c * shear - s, m10 = s, m11 = -s * shear + c
        let sx = Double(width) / 2, sy = Double(height) / 2
        let matrix = [m00, m01, centre.x - (m00 * sx + m01 * sy), m10, m11, centre.y - (m10 * sx + m11 * sy)]
        return try OpenCVBridge.withView(self) { view in
            try OpenCVBridge.produce(what: "placing a letter in its box") { out, err in
                matrix.withUnsafeBufferPointer { is03cv_render_warp_affine(view, $0.baseAddress, Int32(outW), Int32(outH), 255, out, err) }
            }
        }
    }
}

import COpenCVShim
import Foundation
import IS03Core

/// One synthetic letter box as a scanner would deliver it: the box plus margin in grey pixels,
/// where the box was meant to be, and what was written (nil = blank box).
public struct SyntheticBoxCrop: Sendable {
    public var image: GrayImage
    /// Where registration would predict the box, in `image` pixels (the print may be off).
    public var expectedBox: PixelRect
    public var pixelsPerMM: Double
    /// The character written, or nil for a blank box.
    public var character: Character?
    /// The writer's number (held-out validation splits by writer).
    public var writer: Int
    public var dpi: Double
}

/// How much variety `GlyphCropSynthesizer` puts into the boxes. Defaults are the training mix.
public struct GlyphCropVariety: Sendable, Hashable {
    /// Box size and gap as printed on the form (mm): `Templates/*.json` `defaults`.
    public var boxWidth = 5.0, boxHeight = 7.0, boxGap = 0.6
    /// Scan resolutions drawn from, equally likely.
    public var dpis: [Double] = [150, 200, 240, 300, 300, 400]
    /// Margin cut around the box (mm), uniform in this range.
    public var margin: ClosedRange<Double> = 0.7...1.4
    /// Standard deviation of print/registration misalignment of the box (mm).
    public var misregistrationMM = 0.25
    /// Standard deviation of whole-letter rotation (degrees), clamped to ±10°.
    public var rotationSD = 4.0
    /// Amplitude of the smooth elastic distortion, as a fraction of the box.
    public var elasticAmplitude = 0.025
    /// Share of blank boxes (some with a speck or an erasure shadow).
    public var blankShare = 0.0
    /// Share written in pencil (faint grey ink).
    public var pencilShare = 0.12
    /// Share thresholded to 1 bit, as fax-mode scanners deliver.
    public var binaryShare = 0.1
    /// Letters each synthetic writer prints before the next writer takes over.
    public var lettersPerWriter = 24

    public init() {}
}

/// Renders hand-printed letter boxes with scan damage, for training and measuring the
/// hand-print recogniser (`is03 glyphs`). Deterministic for a seed: sample `i` depends only on
/// the seed and `i`, so sets can be generated in parallel or in pieces.
public struct GlyphCropSynthesizer: Sendable {
    public var variety: GlyphCropVariety
    public var seed: UInt64
    /// The characters letters are drawn from (uniformly).
    public var alphabet: [Character]

    public init(seed: UInt64, alphabet: [Character], variety: GlyphCropVariety = GlyphCropVariety()) {
        self.seed = seed; self.alphabet = alphabet; self.variety = variety
    }

    /// The writer of sample `index`.
    public func writer(of index: Int) -> Int { index / max(variety.lettersPerWriter, 1) }

    /// Sample number `index`.
    public func sample(_ index: Int) throws -> SyntheticBoxCrop {
        let writer = writer(of: index)
        var writerRng = SeededRandom(seed: seed, stream: "writer-\(writer)")
        let style = HandStyle.random(using: &writerRng)
        var rng = SeededRandom(seed: seed, stream: "sample-\(index)")
        let v = variety
        let dpi = v.dpis[Int.random(in: 0..<v.dpis.count, using: &rng)]
        let ppm = dpi / 25.4
        let margin = Double.random(in: v.margin, using: &rng)
        let canvas = try PageCanvas(widthMM: v.boxWidth + 2 * margin, heightMM: v.boxHeight + 2 * margin, dpi: dpi)
        let box = drawPrintedBoxes(on: canvas, margin: margin, rng: &rng)

        let blank = Double.random(in: 0..<1, using: &rng) < v.blankShare
        var character: Character? = nil
        if blank {
            drawBlankClutter(on: canvas, in: box, rng: &rng)
        } else {
            let letter = alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
            character = letter
            var letterStyle = style
            letterStyle.penWidth *= Double.random(in: 0.8...1.25, using: &rng)   // thinning / thickening
            if Double.random(in: 0..<1, using: &rng) < v.pencilShare {
                letterStyle.ink = Double.random(in: 0.3...0.5, using: &rng)
                letterStyle.penWidth = Double.random(in: 0.3...0.5, using: &rng)
            }
            if let strokes = Handprint.strokes(for: letter, style: letterStyle, rng: &rng) {
                let distortion = Distortion(variety: v, rng: &rng)
                for stroke in strokes {
                    canvas.polyline(stroke.map { HandprintPainter.place(distortion.apply($0), in: box) },
                                    width: letterStyle.penWidth, ink: letterStyle.ink)
                }
            }
        }
        var image = try canvas.grayImage()
        try scanEffects(&image, rng: &rng)
        let expected = PixelRect(x: Int((margin * ppm).rounded()), y: Int((margin * ppm).rounded()),
                                 width: Int((v.boxWidth * ppm).rounded()), height: Int((v.boxHeight * ppm).rounded()))
        return SyntheticBoxCrop(image: image, expectedBox: expected, pixelsPerMM: ppm,
                                character: character, writer: writer, dpi: dpi)
    }

    /// The printed boxes (ours and both neighbours), shifted by misregistration. Returns where
    /// our box was printed (mm on the canvas).
    func drawPrintedBoxes(on canvas: PageCanvas, margin: Double, rng: inout SeededRandom) -> RectMM {
        let v = variety
        let shiftX = rng.gaussian(sd: v.misregistrationMM), shiftY = rng.gaussian(sd: v.misregistrationMM)
        let lineWidth = Double.random(in: 0.15...0.3, using: &rng), lineInk = Double.random(in: 0.4...0.85, using: &rng)
        let box = RectMM(x: margin + shiftX, y: margin + shiftY, width: v.boxWidth, height: v.boxHeight)
        for offset in [-1.0, 0, 1] {
            canvas.stroke(RectMM(x: box.x + offset * (v.boxWidth + v.boxGap), y: box.y, width: v.boxWidth, height: v.boxHeight),
                          lineWidth: lineWidth, ink: lineInk)
        }
        return box
    }

    /// Blank boxes are not always clean: a dust speck, a tiny pen touch or an erasure shadow.
    private func drawBlankClutter(on canvas: PageCanvas, in box: RectMM, rng: inout SeededRandom) {
        switch Int.random(in: 0..<4, using: &rng) {
        case 1:
            let p = PointMM(x: box.x + Double.random(in: 0.5...4.5, using: &rng), y: box.y + Double.random(in: 0.5...6.5, using: &rng))
            canvas.polyline([p], width: Double.random(in: 0.1...0.3, using: &rng), ink: 1)
        case 2:
            canvas.fillEllipse(center: PointMM(x: box.x + 2.5 + rng.gaussian(sd: 0.5), y: box.y + 3.5 + rng.gaussian(sd: 0.8)),
                               rx: Double.random(in: 1...2, using: &rng), ry: Double.random(in: 1.5...3, using: &rng),
                               ink: Double.random(in: 0.04...0.12, using: &rng))
        default:
            break
        }
    }

    /// Scanner effects on the pixels: paper tone, contrast, blur, noise, JPEG or 1-bit output.
    func scanEffects(_ image: inout GrayImage, rng: inout SeededRandom) throws {
        let paper = Double.random(in: 205...255, using: &rng)
        let black = Double.random(in: 0...60, using: &rng)
        image.pixels = image.pixels.map { UInt8((black + (paper - black) * Double($0) / 255).rounded()) }
        let sigma = Double.random(in: 0...1.1, using: &rng)
        if sigma > 0.3 {
            try OpenCVBridge.mutate(&image, { is03cv_render_blur($0, sigma, $1) }, what: "blurring a glyph crop")
        }
        if Double.random(in: 0..<1, using: &rng) < variety.binaryShare {
            let cut = Double.random(in: 110...170, using: &rng)
            image.pixels = image.pixels.map { Double($0) < cut ? 0 : 255 }
            return
        }
        let noise = Double.random(in: 0...10, using: &rng)
        let noiseSeed = rng.next()
        try OpenCVBridge.mutate(&image, { is03cv_render_add_noise($0, noise, noiseSeed, $1) }, what: "adding scan noise")
        if Double.random(in: 0..<1, using: &rng) < 0.3 {
            let quality = Int32.random(in: 40...90, using: &rng)
            try OpenCVBridge.mutate(&image, { is03cv_render_jpeg_roundtrip($0, quality, $1) }, what: "JPEG round trip")
        }
    }
}

/// Whole-letter rotation plus a smooth elastic warp, in unit-box coordinates, so the training
/// set reaches shapes our writers' rules do not produce.
private struct Distortion {
    let cosine: Double, sine: Double
    let amplitudeX: Double, amplitudeY: Double
    let frequencyX: Double, frequencyY: Double, phaseX: Double, phaseY: Double
    let boxWidth: Double, boxHeight: Double

    init(variety: GlyphCropVariety, rng: inout SeededRandom) {
        boxWidth = variety.boxWidth; boxHeight = variety.boxHeight
        let degrees = min(max(rng.gaussian(sd: variety.rotationSD), -10), 10)
        cosine = cos(degrees * Double.pi / 180); sine = sin(degrees * Double.pi / 180)
        amplitudeX = rng.gaussian(sd: variety.elasticAmplitude); amplitudeY = rng.gaussian(sd: variety.elasticAmplitude)
        frequencyX = Double.random(in: 0.5...2, using: &rng); frequencyY = Double.random(in: 0.5...2, using: &rng)
        phaseX = Double.random(in: 0..<(2 * Double.pi), using: &rng); phaseY = Double.random(in: 0..<(2 * Double.pi), using: &rng)
    }

    func apply(_ p: PointMM) -> PointMM {
        let x = p.x + amplitudeX * sin(2 * Double.pi * frequencyX * p.y + phaseX)
        let y = p.y + amplitudeY * sin(2 * Double.pi * frequencyY * p.x + phaseY)
        // Rotate about the box centre in millimetres, so the letter does not shear.
        let dx = (x - 0.5) * boxWidth, dy = (y - 0.5) * boxHeight
        return PointMM(x: 0.5 + (dx * cosine - dy * sine) / boxWidth, y: 0.5 + (dx * sine + dy * cosine) / boxHeight)
    }
}

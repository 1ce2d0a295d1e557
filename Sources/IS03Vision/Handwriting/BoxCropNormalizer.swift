import IS03Core

/// Turns a box crop into model input: finds and drops the printed box lines, measures the ink
/// that is left to decide blank or written, and centres and scales that ink into a small
/// square. The glyph generator (`is03 glyphs`) calls this same code, so training and run time
/// cannot drift apart.
public struct BoxCropNormalizer: Sendable {
    public var config: BoxCropConfig

    public init(config: BoxCropConfig = .standard) { self.config = config }

    /// Normalises one box. - Complexity: O(pixels of the crop).
    public func normalize(_ crop: BoxCrop) -> NormalizedBox {
        let image = crop.image
        let levels = InkLevels(image)
        let threshold = Double(levels.paper) - max(config.minInkContrast,
                                                   config.relativeInkContrast * Double(levels.paper - levels.darkest))
        var ink = image.pixels.map { Double($0) < threshold }
        removeBoxLines(&ink, crop: crop)
        let pixelArea = 1 / (crop.pixelsPerMM * crop.pixelsPerMM)
        let minBlob = Int(config.speckAreaMM2 / pixelArea)
        // Blobs hugging the box edge are what is left of a printed line after erasing it.
        let band = max(1, Int((config.edgeRemnantMM * crop.pixelsPerMM).rounded()))
        let box = crop.box
        func isEdgeRemnant(_ blob: InkBlobs.Blob) -> Bool {
            blob.maxX < box.x + band || blob.minX >= box.x + box.width - band
                || blob.maxY < box.y + band || blob.minY >= box.y + box.height - band
        }
        let blobs = InkBlobs(mask: ink, width: image.width, height: image.height)
            .keeping { $0.area > max(minBlob, 1) && !isEdgeRemnant($0) }
        let area = Double(blobs.area) * pixelArea
        guard let bounds = blobs.bounds else {
            return NormalizedBox(isBlank: true, inkAreaMM2: 0, inkExtentMM: 0, glyph: [], side: config.side)
        }
        let extent = Double(max(bounds.width, bounds.height)) / crop.pixelsPerMM
        if area < config.blankInkAreaMM2 || extent < config.blankExtentMM {
            return NormalizedBox(isBlank: true, inkAreaMM2: area, inkExtentMM: extent, glyph: [], side: config.side)
        }
        let kept = blobs.mask
        let glyph = render(image, mask: kept, bounds: bounds, paper: Double(levels.paper),
                           inkLevel: levels.inkLevel(below: threshold))
        let reach = max(1, Int((config.lineRemnantReachMM * crop.pixelsPerMM).rounded()))
        var nearEdgesOnly = true
        for (index, isInk) in kept.enumerated() where isInk {
            let x = index % image.width, y = index / image.width
            if x >= box.x + reach && x < box.x + box.width - reach && y >= box.y + reach && y < box.y + box.height - reach {
                nearEdgesOnly = false; break
            }
        }
        return NormalizedBox(isBlank: false, inkAreaMM2: area, inkExtentMM: extent, glyph: glyph, side: config.side,
                             inkNearEdgesOnly: nearEdgesOnly)
    }

    // MARK: box lines

    /// Keeps only ink inside the predicted box and erases the printed box lines found there.
    /// A printed edge runs (almost) the whole length of the box, a letter stroke rarely does,
    /// so every row or column near an edge whose ink covers `lineCoverage` of the edge is
    /// erased, together with its fainter fringe. Ink outside the predicted box (a neighbour's
    /// line, our own line when the print is shifted outwards, overshooting strokes) is dropped.
    func removeBoxLines(_ ink: inout [Bool], crop: BoxCrop) {
        let image = crop.image, box = crop.box, width = image.width
        let x0 = max(box.x, 0), x1 = min(box.x + box.width, width)
        let y0 = max(box.y, 0), y1 = min(box.y + box.height, image.height)
        guard x0 < x1, y0 < y1 else { ink = ink.map { _ in false }; return }
        for y in 0..<image.height {
            for x in 0..<width where x < x0 || x >= x1 || y < y0 || y >= y1 { ink[y * width + x] = false }
        }
        let reach = max(2, Int(config.lineSearchMM * crop.pixelsPerMM))
        func columnCoverage(_ x: Int) -> Double {
            Double((y0..<y1).reduce(0) { $0 + (ink[$1 * width + x] ? 1 : 0) }) / Double(y1 - y0)
        }
        func rowCoverage(_ y: Int) -> Double {
            Double((x0..<x1).reduce(0) { $0 + (ink[y * width + $1] ? 1 : 0) }) / Double(x1 - x0)
        }
        // Which columns/rows near each edge are line: qualifying ones plus their fringe.
        func lines(in range: Range<Int>, coverage: (Int) -> Double) -> [Int] {
            let values = range.map { ($0, coverage($0)) }
            var marked = Set(values.filter { $0.1 >= config.lineCoverage }.map(\.0))
            for (position, value) in values where value >= config.lineCoverage {
                for step in [-1, 1] {
                    var next = position + step
                    while range.contains(next), !marked.contains(next), coverage(next) >= config.lineCoverage / 3 {
                        marked.insert(next); next += step
                    }
                }
            }
            return Array(marked)
        }
        let columns = lines(in: x0..<min(x0 + reach, x1), coverage: columnCoverage)
            + lines(in: max(x1 - reach, x0)..<x1, coverage: columnCoverage)
        let rows = lines(in: y0..<min(y0 + reach, y1), coverage: rowCoverage)
            + lines(in: max(y1 - reach, y0)..<y1, coverage: rowCoverage)
        for x in columns { for y in y0..<y1 { ink[y * width + x] = false } }
        for y in rows { for x in x0..<x1 { ink[y * width + x] = false } }
    }

    // MARK: output image

    /// Scales the kept ink into a `side × side` square, longer side = `glyphExtent`, centred.
    private func render(_ image: GrayImage, mask: [Bool], bounds: PixelRect, paper: Double, inkLevel: Double) -> [Float] {
        let side = config.side
        let range = max(paper - inkLevel, 1)
        // Darkness of kept ink only (with its 1-pixel anti-aliased fringe).
        func darkness(_ x: Int, _ y: Int) -> Double {
            guard x >= 0, y >= 0, x < image.width, y < image.height else { return 0 }
            var near = false
            for dy in -1...1 where !near {
                for dx in -1...1 {
                    let nx = x + dx, ny = y + dy
                    if nx >= 0, ny >= 0, nx < image.width, ny < image.height, mask[ny * image.width + nx] { near = true; break }
                }
            }
            guard near else { return 0 }
            return min(max((paper - Double(image.pixels[y * image.width + x])) / range, 0), 1)
        }
        let scale = config.glyphExtent / Double(max(bounds.width, bounds.height))
        let centreX = Double(bounds.x) + Double(bounds.width) / 2, centreY = Double(bounds.y) + Double(bounds.height) / 2
        // Supersample each output pixel (area average) so downscaling does not alias thin strokes.
        let sub = 3
        var out = [Float](repeating: 0, count: side * side)
        for oy in 0..<side {
            for ox in 0..<side {
                var sum = 0.0
                for sy in 0..<sub {
                    for sx in 0..<sub {
                        let u = Double(ox) + (Double(sx) + 0.5) / Double(sub) - Double(side) / 2
                        let v = Double(oy) + (Double(sy) + 0.5) / Double(sub) - Double(side) / 2
                        sum += bilinear(centreX + u / scale - 0.5, centreY + v / scale - 0.5, darkness)
                    }
                }
                out[oy * side + ox] = Float(sum / Double(sub * sub))
            }
        }
        return out
    }

    private func bilinear(_ x: Double, _ y: Double, _ value: (Int, Int) -> Double) -> Double {
        let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
        let fx = x - Double(x0), fy = y - Double(y0)
        let top = value(x0, y0) * (1 - fx) + value(x0 + 1, y0) * fx
        let bottom = value(x0, y0 + 1) * (1 - fx) + value(x0 + 1, y0 + 1) * fx
        return top * (1 - fy) + bottom * fy
    }
}

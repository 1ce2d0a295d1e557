import IS03Core

/// Reads the written characters of `letters` fields with the hand-print recogniser, after the
/// mark pass has decided which boxes hold ink. Box crops are cut from the scan around each
/// box as registration placed it and turned upright when the sheet was scanned turned.
struct LetterFieldReader {
    let reader: BoxFieldReader
    /// The mark pass's share of ink inside a box (frame left out) below which it holds no
    /// writing (`MarkReadingConfig.boxInkShare`). Boxes after the last one above it are not
    /// shown to the recogniser at all: on skewed or blurred scans the printed frame survives
    /// line removal there and reads as «Т» or «Г» with high confidence, while the measurement
    /// inside the frame says plainly that nothing was written.
    var boxInkShare: Double
    /// Margin cut around each box, in millimetres (the recogniser removes the printed lines).
    var marginMM = 1.0

    func read(_ reading: FieldReading, field: Field, image: GrayImage, registration: Registration) -> FieldReading {
        guard reading.status != .blank, !reading.cells.isEmpty else { return reading }
        let pixelsPerMM = registration.dpi / 25.4
        let margin = max(1, Int((marginMM * pixelsPerMM).rounded()))
        // The scan was turned `orientation` degrees clockwise; turning the crop the rest of the
        // way round makes the letter upright again.
        let fix = (360 - registration.orientation) % 360
        guard let lastWritten = reading.cells.lastIndex(where: { $0.fill >= boxInkShare }) else { return reading }
        var crops: [BoxCrop] = []
        for cell in reading.cells[...lastWritten] {
            var crop = image.cropped(x: cell.rect.x - margin, y: cell.rect.y - margin,
                                     width: cell.rect.width + 2 * margin, height: cell.rect.height + 2 * margin)
            var box = PixelRect(x: margin, y: margin, width: cell.rect.width, height: cell.rect.height)
            if fix != 0, let turned = try? crop.rotated(degrees: Double(fix)) {
                crop = turned
                if fix == 90 || fix == 270 { box = PixelRect(x: margin, y: margin, width: cell.rect.height, height: cell.rect.width) }
            }
            crops.append(BoxCrop(image: crop, box: box, pixelsPerMM: pixelsPerMM))
        }
        guard let result = try? reader.read(crops, allowed: field.allowedCharacters) else {
            return FieldReading(id: reading.id, status: .unreadable, value: nil, confidence: 0, cells: reading.cells)
        }
        var cells = reading.cells
        // Boxes past the last written one: blank, as the mark pass measured them.
        for index in cells.indices where index > lastWritten {
            cells[index].character = nil
            cells[index].confidence = nil
            cells[index].alternatives = nil
        }
        for (index, box) in result.boxes.enumerated() where index < cells.count {
            cells[index].character = box.character
            cells[index].confidence = box.confidence
            // The other candidates: the chosen character is `character` (the reconciler adds
            // the two, so repeating it here would count its probability twice).
            cells[index].alternatives = box.isBlank ? nil
                : box.alternatives.dropFirst().map { Alternative(value: $0.character, confidence: $0.confidence) }
        }
        let written = result.boxes.contains { !$0.isBlank }
        // Ok only when every written box (and every gap inside the name) was accepted; a name
        // with one unsure letter goes to review with the string alternatives beside it.
        let status: FieldReading.Status = !written ? .blank : result.accepted ? .ok : .ambiguous
        return FieldReading(id: reading.id, status: status, value: written ? result.text : nil,
                            confidence: result.confidence,
                            alternatives: result.alternatives.dropFirst().map { Alternative(value: $0.character, confidence: $0.confidence) },
                            cells: cells)
    }
}

extension GrayImage {
    /// The part of the image inside the rectangle, clipped to the image (white outside it).
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> GrayImage {
        var out = GrayImage(width: max(1, width), height: max(1, height))
        let x0 = max(0, x), x1 = min(self.width, x + out.width)
        guard x0 < x1 else { return out }
        for row in 0..<out.height {
            let sy = y + row
            guard sy >= 0, sy < self.height else { continue }
            for sx in x0..<x1 { out.pixels[row * out.width + (sx - x)] = pixels[sy * self.width + sx] }
        }
        return out
    }
}

import IS03Core

extension GrayImage {
    /// Share of pixels inside `rect` (clipped) whose grey is at or below `cut`.
    func inkShare(in rect: PixelRect, cut: Double) -> Double {
        let x0 = max(0, rect.x), y0 = max(0, rect.y)
        let x1 = min(width, rect.x + rect.width), y1 = min(height, rect.y + rect.height)
        guard x1 > x0, y1 > y0 else { return 0 }
        let limit = UInt8(max(0, min(255, cut)))
        var dark = 0
        pixels.withUnsafeBufferPointer { px in
            for y in y0..<y1 {
                let row = y * width
                for x in x0..<x1 where px[row + x] <= limit { dark += 1 }
            }
        }
        return Double(dark) / Double((x1 - x0) * (y1 - y0))
    }
}

extension PixelRect {
    /// The rectangle shrunk by `share` of its size on every side.
    func inset(by share: Double) -> PixelRect {
        let dx = Int(Double(width) * share), dy = Int(Double(height) * share)
        return PixelRect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }
}

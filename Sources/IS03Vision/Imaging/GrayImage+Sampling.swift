import IS03Core

extension GrayImage {
    /// The grey value at a real-valued position (nearest pixel); `outside` beyond the edges.
    @inline(__always)
    func grey(at x: Double, _ y: Double, outside: UInt8 = 255) -> UInt8 {
        let ix = Int(x.rounded(.down)), iy = Int(y.rounded(.down))
        guard ix >= 0, iy >= 0, ix < width, iy < height else { return outside }
        return pixels[iy * width + ix]
    }
}

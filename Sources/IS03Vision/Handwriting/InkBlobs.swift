import IS03Core

/// The 8-connected blobs of an ink mask, so specks can be told from strokes.
struct InkBlobs {
    struct Blob {
        var area: Int
        var minX: Int, minY: Int, maxX: Int, maxY: Int
        var pixels: [Int]
    }

    let width: Int, height: Int
    private(set) var blobs: [Blob]

    init(mask: [Bool], width: Int, height: Int) {
        self.width = width; self.height = height
        var seen = [Bool](repeating: false, count: mask.count)
        var blobs: [Blob] = []
        var stack: [Int] = []
        for start in mask.indices where mask[start] && !seen[start] {
            var blob = Blob(area: 0, minX: .max, minY: .max, maxX: .min, maxY: .min, pixels: [])
            seen[start] = true
            stack.append(start)
            while let index = stack.popLast() {
                let x = index % width, y = index / width
                blob.area += 1; blob.pixels.append(index)
                blob.minX = min(blob.minX, x); blob.maxX = max(blob.maxX, x)
                blob.minY = min(blob.minY, y); blob.maxY = max(blob.maxY, y)
                for dy in -1...1 {
                    for dx in -1...1 {
                        let nx = x + dx, ny = y + dy
                        guard nx >= 0, ny >= 0, nx < width, ny < height else { continue }
                        let next = ny * width + nx
                        if mask[next] && !seen[next] { seen[next] = true; stack.append(next) }
                    }
                }
            }
            blobs.append(blob)
        }
        self.blobs = blobs
    }

    /// Only the blobs that satisfy `keep`.
    func keeping(_ keep: (Blob) -> Bool) -> InkBlobs {
        var copy = self
        copy.blobs = blobs.filter(keep)
        return copy
    }

    /// Total ink pixels.
    var area: Int { blobs.reduce(0) { $0 + $1.area } }

    /// The box around all blobs, or nil when there is none.
    var bounds: PixelRect? {
        guard !blobs.isEmpty else { return nil }
        let minX = blobs.map(\.minX).min()!, maxX = blobs.map(\.maxX).max()!
        let minY = blobs.map(\.minY).min()!, maxY = blobs.map(\.maxY).max()!
        return PixelRect(x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1)
    }

    /// The pixels of all blobs as a mask.
    var mask: [Bool] {
        var mask = [Bool](repeating: false, count: width * height)
        for blob in blobs { for index in blob.pixels { mask[index] = true } }
        return mask
    }
}

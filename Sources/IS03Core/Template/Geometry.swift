/// A point on the page in millimetres, measured from the page's top-left corner (y grows down).
public struct PointMM: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

/// A rectangle on the page in millimetres (origin = top-left corner of the rectangle).
public struct RectMM: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// A square of side `size` centred on `center`.
    public init(center: PointMM, size: Double) {
        self.init(x: center.x - size / 2, y: center.y - size / 2, width: size, height: size)
    }

    public var center: PointMM { PointMM(x: x + width / 2, y: y + height / 2) }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }

    /// True when the two rectangles share area (touching edges do not count).
    public func overlaps(_ other: RectMM) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// True when the point lies inside the rectangle or on its edge (false for NaN).
    public func contains(x px: Double, y py: Double) -> Bool {
        px >= x && py >= y && px <= maxX && py <= maxY
    }

    /// True when `self` lies entirely inside `other`.
    public func isInside(_ other: RectMM) -> Bool {
        x >= other.x && y >= other.y && maxX <= other.maxX && maxY <= other.maxY
    }
}

/// A rectangle in image pixels, as the vision layer reports cells it measured.
public struct PixelRect: Codable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// The smallest rectangle holding all of `rects` (a field's cells); nil when there are none.
    public static func bounding(_ rects: some Sequence<PixelRect>) -> PixelRect? {
        var iterator = rects.makeIterator()
        guard let first = iterator.next() else { return nil }
        var minX = first.x, minY = first.y, maxX = first.x + first.width, maxY = first.y + first.height
        while let r = iterator.next() {
            minX = min(minX, r.x); minY = min(minY, r.y)
            maxX = max(maxX, r.x + r.width); maxY = max(maxY, r.y + r.height)
        }
        return PixelRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }
}

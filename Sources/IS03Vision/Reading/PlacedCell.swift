import Foundation
import IS03Core

/// A template cell placed on one scan: where it is in image pixels.
struct PlacedCell: Sendable {
    var cell: Cell
    /// Centre in image pixels.
    var x: Double
    var y: Double
    /// Bubble radius (or half the box width) in pixels.
    var radius: Double
    /// Direction of the template's x axis at the cell, in image radians (turn plus skew).
    var angle: Double
    /// Axis-aligned bounds of the cell's mapped rectangle.
    var rect: PixelRect

    init(_ cell: Cell, transform: Homography) {
        self.cell = cell
        let c = transform.apply(cell.rect.center)
        x = c.x; y = c.y
        radius = cell.rect.width / 2 * transform.scale(at: cell.rect.center)
        let ahead = transform.apply(cell.rect.center.x + 1, cell.rect.center.y)
        angle = atan2(ahead.y - c.y, ahead.x - c.x)
        let r = cell.rect
        let corners = [(r.x, r.y), (r.maxX, r.y), (r.x, r.maxY), (r.maxX, r.maxY)].map { transform.apply($0.0, $0.1) }
        let x0 = corners.map(\.x).min()!, y0 = corners.map(\.y).min()!
        let x1 = corners.map(\.x).max()!, y1 = corners.map(\.y).max()!
        rect = PixelRect(x: Int(x0.rounded()), y: Int(y0.rounded()),
                         width: Int((x1 - x0).rounded()), height: Int((y1 - y0).rounded()))
    }

    var key: String {
        switch cell.kind {
        case .bubble(let value, _): value
        case .box(let index): String(index)
        case .area: "area"
        }
    }

    /// The digit column of a bubble (0 for choice and flag bubbles).
    var column: Int {
        if case .bubble(_, let column) = cell.kind { return column }
        return 0
    }
}

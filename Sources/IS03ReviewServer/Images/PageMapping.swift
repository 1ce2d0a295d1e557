import IS03Core

/// Where a point of the template (millimetres) lies on one scan (pixels), fitted from the cells
/// the reading measured: each cell's centre in the scan against the same cell's centre on the
/// template. An affine fit by least squares follows the scan's scale, shift, skew and small
/// rotation; the station needs no registration of its own and no stored transform.
struct PageMapping {
    /// px = a·x + b·y + c, py = d·x + e·y + f.
    var a, b, c, d, e, f: Double

    /// The fit over every field the reading and the template share (cells paired in reading
    /// order, as the reader placed them); nil when fewer than three cells or all on one line.
    static func fit(reading: SheetReading, template: Template) -> PageMapping? {
        var pairs: [(PointMM, Double, Double)] = []
        for field in reading.fields {
            guard let defined = template.field(field.id) else { continue }
            let cells = defined.cells(defaults: template.defaults)
            guard cells.count == field.cells.count else { continue }
            for (cell, read) in zip(cells, field.cells) {
                pairs.append((cell.rect.center, Double(read.rect.x) + Double(read.rect.width) / 2,
                              Double(read.rect.y) + Double(read.rect.height) / 2))
            }
        }
        guard pairs.count >= 3 else { return nil }
        // Normal equations of the two 3-parameter least-squares problems (they share the matrix).
        var m = [[Double]](repeating: [0, 0, 0], count: 3)
        var rx = [0.0, 0, 0], ry = [0.0, 0, 0]
        for (point, px, py) in pairs {
            let v = [point.x, point.y, 1]
            for i in 0..<3 {
                for j in 0..<3 { m[i][j] += v[i] * v[j] }
                rx[i] += v[i] * px; ry[i] += v[i] * py
            }
        }
        guard let x = solve(m, rx), let y = solve(m, ry) else { return nil }
        return PageMapping(a: x[0], b: x[1], c: x[2], d: y[0], e: y[1], f: y[2])
    }

    /// The pixel rectangle covering `rect` (its four corners mapped), inside a `width`×`height` scan.
    func pixels(_ rect: RectMM, width: Int, height: Int) -> PixelRect? {
        let corners = [(rect.x, rect.y), (rect.maxX, rect.y), (rect.x, rect.maxY), (rect.maxX, rect.maxY)]
            .map { (a * $0.0 + b * $0.1 + c, d * $0.0 + e * $0.1 + f) }
        let minX = max(0, Int(corners.map(\.0).min()!.rounded(.down)))
        let minY = max(0, Int(corners.map(\.1).min()!.rounded(.down)))
        let maxX = min(width, Int(corners.map(\.0).max()!.rounded(.up)))
        let maxY = min(height, Int(corners.map(\.1).max()!.rounded(.up)))
        guard maxX > minX, maxY > minY else { return nil }
        return PixelRect(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
    }

    /// Cramer's rule for a 3×3 system; nil when the points do not span the plane.
    private static func solve(_ m: [[Double]], _ r: [Double]) -> [Double]? {
        func det(_ k: [[Double]]) -> Double {
            k[0][0] * (k[1][1] * k[2][2] - k[1][2] * k[2][1])
                - k[0][1] * (k[1][0] * k[2][2] - k[1][2] * k[2][0])
                + k[0][2] * (k[1][0] * k[2][1] - k[1][1] * k[2][0])
        }
        let whole = det(m)
        guard abs(whole) > 1e-9 else { return nil }
        return (0..<3).map { column in
            var k = m
            for row in 0..<3 { k[row][column] = r[row] }
            return det(k) / whole
        }
    }
}

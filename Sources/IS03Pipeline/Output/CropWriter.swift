import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// Writes the PNG crops review items point at (`ReviewQueueItem.crop`), cut from the original
/// scans around the field's cells as the reader located them. Reads scans, never changes them.
public struct CropWriter: Sendable {
    /// Margin around a field, in pixels of the scan.
    public var marginPixels = 24
    /// A whole page (`@page` items) is shrunk to at most this width.
    public var pageWidth = 900
    public let limits: ImageLimits

    public init(limits: ImageLimits = .default) { self.limits = limits }

    /// Writes crops under `directory` for `items`; returns the problems met (one line each),
    /// which never stop the run: an item without its crop is still an item.
    public func write(_ items: [ReviewQueueItem], catalog: any ReadingCatalog, to directory: URL) async throws -> [String] {
        var wanted: [SourceKey: [ReviewQueueItem]] = [:]
        for item in items where item.crop != nil {
            guard let sheet = item.sheet else { continue }
            wanted[SourceKey(sheet.file, sheet.page), default: []].append(item)
        }
        var problems: [String] = []
        var after: Int64?
        while !wanted.isEmpty {
            let chunk = try await catalog.readPages(limit: 200, afterID: after)
            guard let last = chunk.last else { break }
            after = last.ref.id
            for page in chunk {
                let key = SourceKey(page.reading.source.file, page.reading.source.page)
                guard let pageItems = wanted.removeValue(forKey: key) else { continue }
                do {
                    let image = try ScanFile(url: URL(fileURLWithPath: page.ref.filePath), limits: limits)
                        .decode(page: page.ref.pageIndex)
                    for item in pageItems {
                        let url = directory.appendingPathComponent(item.crop!)
                        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                        try crop(item, reading: page.reading, image: image)
                            .write(to: url)
                    }
                } catch {
                    problems.append("\(page.ref.filePath) page \(page.ref.pageIndex + 1): no crop (\(error))")
                }
            }
        }
        return problems
    }

    private func crop(_ item: ReviewQueueItem, reading: SheetReading, image: GrayImage) throws -> GrayImage {
        let field = item.fieldID.split(separator: "#").first.map(String.init) ?? item.fieldID
        let rects = reading.field(field)?.cells.map(\.rect) ?? []
        guard let first = rects.first else {
            // Page-wide questions show the whole page, small.
            let scale = min(1, Double(pageWidth) / Double(image.width))
            return try image.resized(width: max(1, Int(Double(image.width) * scale)),
                                     height: max(1, Int(Double(image.height) * scale)))
        }
        var minX = first.x, minY = first.y, maxX = first.x + first.width, maxY = first.y + first.height
        for r in rects {
            minX = min(minX, r.x); minY = min(minY, r.y)
            maxX = max(maxX, r.x + r.width); maxY = max(maxY, r.y + r.height)
        }
        return image.cropped(x: minX - marginPixels, y: minY - marginPixels,
                             width: maxX - minX + 2 * marginPixels, height: maxY - minY + 2 * marginPixels)
    }
}

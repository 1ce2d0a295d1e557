import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// The crops one page's review items point at, with the field rectangles (image pixels) the
/// reader located. Built while assembling, where the full reading is at hand, so writing crops
/// decodes only the pages that have items and never re-reads the catalogue.
public struct CropJob: Sendable, Hashable {
    /// One PNG to write: its path (relative to the output folder) and the rectangles to show;
    /// no rectangles means the whole page, shrunk (page-wide questions).
    public struct Crop: Sendable, Hashable {
        public var path: String
        public var rects: [PixelRect]
    }

    public var filePath: String
    public var pageIndex: Int
    public var crops: [Crop]

    /// The crops of `items` on the page `reading` came from (items without a crop are skipped).
    public static func make(filePath: String, pageIndex: Int, reading: SheetReading,
                            items: [ReviewQueueItem]) -> CropJob? {
        var seen = Set<String>()
        var crops: [Crop] = []
        for item in items {
            guard let path = item.crop, seen.insert(path).inserted else { continue }
            let field = item.fieldID.split(separator: "#").first.map(String.init) ?? item.fieldID
            crops.append(Crop(path: path, rects: reading.field(field)?.cells.map(\.rect) ?? []))
        }
        return crops.isEmpty ? nil : CropJob(filePath: filePath, pageIndex: pageIndex, crops: crops)
    }
}

/// Writes the PNG crops review items point at (`ReviewQueueItem.crop`), cut from the original
/// scans around the field's cells as the reader located them. Reads scans, never changes them.
/// Pages are decoded on `workers` tasks at once; one page's pixels are held per task.
public struct CropWriter: Sendable {
    /// Margin around a field, in pixels of the scan.
    public var marginPixels = 24
    /// A whole page (`@page` items) is shrunk to at most this width.
    public var pageWidth = 900
    public var workers: Int
    public let limits: ImageLimits

    public init(workers: Int = 2, limits: ImageLimits = .default) {
        self.workers = max(1, workers)
        self.limits = limits
    }

    /// Writes the crops of `jobs` under `directory`; returns the problems met (one line each),
    /// which never stop the run: an item without its crop is still an item.
    public func write(_ jobs: [CropJob], to directory: URL) async -> [String] {
        // A file's pages go to one task, so a multi-page TIFF is opened once.
        let byFile = Dictionary(grouping: jobs, by: \.filePath).values.map { $0.sorted { $0.pageIndex < $1.pageIndex } }
        let queue = WorkQueue(byFile.sorted { $0[0].filePath < $1[0].filePath })
        return await withTaskGroup(of: [String].self) { group in
            for _ in 0..<workers {
                group.addTask { await writeAll(from: queue, to: directory) }
            }
            return await group.reduce(into: [String]()) { $0 += $1 }.sorted()
        }
    }

    private func writeAll(from queue: WorkQueue<[CropJob]>, to directory: URL) async -> [String] {
        var problems: [String] = []
        while let jobs = await queue.next() {
            let file: ScanFile
            do { file = try ScanFile(url: URL(fileURLWithPath: jobs[0].filePath), limits: limits) } catch {
                problems.append("\(jobs[0].filePath): no crops (\(error))")
                continue
            }
            for job in jobs {
                do {
                    let image = try file.decode(page: job.pageIndex)
                    for crop in job.crops {
                        let url = directory.appendingPathComponent(crop.path)
                        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                        try cut(crop, from: image).write(to: url)
                    }
                } catch {
                    problems.append("\(job.filePath) page \(job.pageIndex + 1): no crop (\(error))")
                }
            }
        }
        return problems
    }

    private func cut(_ crop: CropJob.Crop, from image: GrayImage) throws -> GrayImage {
        guard let first = crop.rects.first else {
            // Page-wide questions show the whole page, small.
            let scale = min(1, Double(pageWidth) / Double(image.width))
            return try image.resized(width: max(1, Int(Double(image.width) * scale)),
                                     height: max(1, Int(Double(image.height) * scale)))
        }
        var minX = first.x, minY = first.y, maxX = first.x + first.width, maxY = first.y + first.height
        for r in crop.rects {
            minX = min(minX, r.x); minY = min(minY, r.y)
            maxX = max(maxX, r.x + r.width); maxY = max(maxY, r.y + r.height)
        }
        return image.cropped(x: minX - marginPixels, y: minY - marginPixels,
                             width: maxX - minX + 2 * marginPixels, height: maxY - minY + 2 * marginPixels)
    }
}

import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// The crops one page's review items point at, with the field rectangles (image pixels) the
/// reader located. Built while assembling, where the full reading is at hand, so writing crops
/// decodes only the pages that have items and never re-reads the catalogue.
public struct CropJob: Sendable, Hashable {
    /// One PNG to write: its path (relative to the output folder) and the area to show, the
    /// rectangle around the field's cells; nil means the whole page, shrunk (page-wide
    /// questions). One rectangle, not every cell's: a batch's jobs wait for the crops phase
    /// together, and a surname's 28 cells were 900 bytes a job (issue 5).
    public struct Crop: Sendable, Hashable {
        public var path: String
        public var area: PixelRect?
    }

    public var filePath: String
    public var pageIndex: Int
    public var crops: [Crop]
    /// When the page's reading was stored: crop files written since show that reading and are
    /// not cut again (a rerun with nothing new decodes no image). Nil: always written.
    public var readAt: Date?

    /// The crops of `items` on the page `reading` came from (items without a crop are skipped).
    public static func make(filePath: String, pageIndex: Int, reading: SheetReading,
                            items: [ReviewQueueItem], readAt: Date? = nil) -> CropJob? {
        var seen = Set<String>()
        var crops: [Crop] = []
        for item in items {
            guard let path = item.crop, seen.insert(path).inserted else { continue }
            let field = item.fieldID.split(separator: "#").first.map(String.init) ?? item.fieldID
            crops.append(Crop(path: path, area: .bounding(reading.field(field)?.cells.map(\.rect) ?? [])))
        }
        return crops.isEmpty ? nil : CropJob(filePath: filePath, pageIndex: pageIndex, crops: crops, readAt: readAt)
    }

    /// The crops whose file under `directory` is missing or older than the reading (all of
    /// them when the reading's time is unknown).
    func staleCrops(in directory: URL) -> [Crop] {
        guard let readAt else { return crops }
        return crops.filter { crop in
            let path = directory.appendingPathComponent(crop.path).path
            guard let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
            else { return true }
            return modified < readAt
        }
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
        while let queued = await queue.next() {
            // Crops cut before (by the read stage from the image in hand, or by an earlier run)
            // are not cut again; a page none of whose crops is missing is not decoded at all.
            let jobs = queued.compactMap { job -> CropJob? in
                var stale = job
                stale.crops = job.staleCrops(in: directory)
                return stale.crops.isEmpty ? nil : stale
            }
            guard !jobs.isEmpty else { continue }
            let file: ScanFile
            do { file = try ScanFile(url: URL(fileURLWithPath: jobs[0].filePath), limits: limits) } catch {
                problems.append("\(jobs[0].filePath): no crops (\(error))")
                continue
            }
            for job in jobs {
                do {
                    try write(job, from: try file.decode(page: job.pageIndex), to: directory)
                } catch {
                    problems.append("\(job.filePath) page \(job.pageIndex + 1): no crop (\(error))")
                }
                // The page's pixels (9 MB at 300 dpi) were freed into this thread's arena,
                // which glibc keeps (up to twice its adapted mmap threshold, about 36 MB) for
                // reuse: 63 pages raised a 10,000-sheet run's memory by 38 MB. Handing them
                // back costs about a millisecond against the page's decoding (issue 5).
                FreedMemory.release()
            }
        }
        return problems
    }

    /// Writes the crops of `job` cut from `image`, the job's page already decoded.
    public func write(_ job: CropJob, from image: GrayImage, to directory: URL) throws {
        for crop in job.crops {
            let url = directory.appendingPathComponent(crop.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Written aside and renamed: a crop file is whole or absent, even after
            // kill -9, so a later run can trust one that is newer than its reading.
            let partial = url.deletingLastPathComponent()
                .appendingPathComponent(".\(url.deletingPathExtension().lastPathComponent).partial.\(url.pathExtension)")
            try cut(crop, from: image).write(to: partial)
            guard rename(partial.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
    }

    private func cut(_ crop: CropJob.Crop, from image: GrayImage) throws -> GrayImage {
        guard let area = crop.area else {
            // Page-wide questions show the whole page, small.
            let scale = min(1, Double(pageWidth) / Double(image.width))
            return try image.resized(width: max(1, Int(Double(image.width) * scale)),
                                     height: max(1, Int(Double(image.height) * scale)))
        }
        return image.cropped(x: area.x - marginPixels, y: area.y - marginPixels,
                             width: area.width + 2 * marginPixels, height: area.height + 2 * marginPixels)
    }
}

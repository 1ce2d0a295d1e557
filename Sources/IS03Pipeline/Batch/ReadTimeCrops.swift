import Foundation
import IS03Core
import IS03Storage
import IS03Vision
import Synchronization

/// Cuts, while a page's image is still in memory, the crops of the review items its reading
/// raises whoever its participant turns out to be (``ResultAssembler/itemsKnownBeforeMatching(_:)``):
/// foreign and unreadable pages, unsure or broken marks, an unclear variant, an expert's ФИО
/// that fits nobody on the experts list clearly. Without it every
/// page with an item is decoded a second time after assembling, which cost a 1,000-sheet batch
/// about 8% of its time (issue 5).
///
/// Crops are written after the reading is stored, so ``CropWriter`` sees them as current and
/// does not cut them again; whatever this misses (items that depend on matching, a special
/// category) or fails to write is cut after assembling as before. A crop cut here that no item
/// of the assembled run points at (a participant of a special category whose criteria differ)
/// is removed again by ``removeUnused(keeping:)``, so the crops folder holds what it held before.
public final class ReadTimeCrops: Sendable {
    public let directory: URL
    private let assemblers: [String: ResultAssembler]
    private let writer: CropWriter
    /// Crop paths (relative to `directory`) written by this run.
    private let written = Mutex<Set<String>>([])

    /// `directory` is the run's output folder (crop paths are relative to it); `experts` the
    /// experts list in force (the expert's ФИО is checked against it as assembling will).
    public init(directory: URL, templates: TemplateCatalog, categories: [String: CategoryTable], experts: [Expert] = [],
                limits: ImageLimits = .default) {
        self.directory = directory
        var assemblers: [String: ResultAssembler] = [:]
        for template in templates.all {
            assemblers[template.id] = ResultAssembler(template: template, categories: categories[template.id] ?? .standardOnly(for: template),
                                                      experts: experts)
        }
        self.assemblers = assemblers
        writer = CropWriter(workers: 1, limits: limits)
    }

    /// Cuts the crops `reading` (of `page`, decoded as `image`) is known to need. Never fails
    /// the page: a crop not written here is cut after assembling.
    func cut(reading: SheetReading, page: PageRef, image: GrayImage) {
        // A page of no known form is judged by any template: its item is page-wide.
        guard let assembler = reading.templateID.flatMap({ assemblers[$0] }) ?? assemblers.values.first else { return }
        let items = assembler.itemsKnownBeforeMatching(SheetToMatch(reading: reading, packet: ""))
        guard let job = CropJob.make(filePath: page.filePath, pageIndex: page.pageIndex, reading: reading, items: items) else { return }
        guard (try? writer.write(job, from: image, to: directory)) != nil else { return }
        written.withLock { $0.formUnion(job.crops.map(\.path)) }
    }

    /// Deletes the crops this run cut that are not among `used` (the paths the assembled
    /// review items point at); returns how many it deleted.
    @discardableResult
    public func removeUnused(keeping used: Set<String>) -> Int {
        let unused = written.withLock { $0.subtracting(used) }
        for path in unused { try? FileManager.default.removeItem(at: directory.appendingPathComponent(path)) }
        return unused.count
    }
}

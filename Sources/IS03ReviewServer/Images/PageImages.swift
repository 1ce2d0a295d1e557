import Foundation
import IS03Core
import IS03Storage
import IS03Vision
import NIOPosix

/// Cuts and draws the pictures the station shows (a field's crop, the sheet with the field
/// outlined, the sheet with every cell as read) from the scans, off the request path: decoding
/// runs on NIO's blocking thread pool, at most `imageWorkers` at once, and every picture is
/// cached, so the second operator, the prefetch and the reload all get bytes from memory.
actor PageImages {
    private let configuration: ReviewServerConfiguration
    private let templates: TemplateBook
    private var cache = LRUCache<String, [UInt8]>(capacity: 1)
    private var pages = LRUCache<String, GrayImage>(capacity: 1)
    private var inFlight: [String: Task<[UInt8], any Error>] = [:]
    private var busyWorkers = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(configuration: ReviewServerConfiguration, templates: TemplateBook) {
        self.configuration = configuration
        self.templates = templates
        cache = LRUCache(capacity: configuration.imageCacheEntries)
        pages = LRUCache(capacity: configuration.decodedPageCacheEntries)
    }

    /// The PNG crop of the item's field with what an operator needs around it (``FieldContext``:
    /// the row's label and header, the initials by the surname), cut from the scan through the
    /// template's geometry. Without a usable reading it is the pipeline's crop file when there
    /// is one, else the field's cells with a margin.
    func crop(item: ReviewItem, page: StoredPage) async throws -> [UInt8] {
        let surroundings = context(of: item, page: page)
        if surroundings == nil, let file = servableCropFile(item.cropPath) {
            return try [UInt8](Data(contentsOf: file))
        }
        let rect = fieldRect(item.fieldID, page: page)
        let margin = configuration.cropMargin, maxWidth = configuration.cropMaxWidth
        return try await picture(key: "crop|\(item.id)|\(version(page))", page: page) { image in
            var crop: GrayImage
            if let surroundings, let stacked = Self.stacked(surroundings.strips, mapping: surroundings.mapping, image: image) {
                crop = stacked
            } else {
                let region = rect.map { Self.expand($0, by: margin, within: image) }
                    ?? PixelRect(x: 0, y: 0, width: image.width, height: image.height)
                crop = Self.cut(image, region)
            }
            if crop.width > maxWidth {
                crop = try crop.resized(width: maxWidth, height: max(1, crop.height * maxWidth / crop.width))
            }
            return PNGEncoder.encode(width: crop.width, height: crop.height, pixels: crop.pixels, color: .gray)
        }
    }

    /// The whole sheet, small, with the item's field outlined in red.
    func sheet(item: ReviewItem, page: StoredPage) async throws -> [UInt8] {
        let rect = fieldRect(item.fieldID, page: page)
        let width = configuration.thumbnailWidth
        return try await picture(key: "sheet|\(item.id)|\(version(page))", page: page) { image in
            var canvas = try RGBCanvas(image, width: width)
            if let rect { canvas.frame(rect, color: (220, 0, 0), thickness: 3, margin: 4) }
            return canvas.png()
        }
    }

    /// The sheet with every cell as read: bubbles from grey (paper) to green (ink) by how dark
    /// they were, letter boxes in blue, fields with a review item outlined in red.
    func overlay(page: StoredPage, itemFields: [String]) async throws -> [UInt8] {
        let fields = page.reading?.fields ?? []
        let boxFields = Set(fields.filter { templates.field($0.id, templateID: page.reading?.templateID)?.kind == .letters }.map(\.id))
        let flagged = itemFields.compactMap { fieldRect($0, page: page) }
        let width = configuration.overlayWidth
        return try await picture(key: "overlay|\(page.ref.id)|\(version(page))|\(itemFields.joined(separator: ","))", page: page) { image in
            var canvas = try RGBCanvas(image, width: width)
            for field in fields {
                for cell in field.cells {
                    if boxFields.contains(field.id) {
                        canvas.frame(cell.rect, color: (30, 90, 220), thickness: 1, margin: 0)
                    } else {
                        // Grey for paper, shading to green for ink: the darkness as measured.
                        let ink = min(1, max(0, cell.fill))
                        let color = (UInt8(190 * (1 - ink)), UInt8(190 - 40 * ink), UInt8(190 * (1 - ink)))
                        canvas.frame(cell.rect, color: color, thickness: 1 + Int(2 * ink), margin: 1)
                    }
                }
            }
            for rect in flagged { canvas.frame(rect, color: (220, 0, 0), thickness: 2, margin: 5) }
            return canvas.png()
        }
    }

    /// Starts cutting the item's pictures now so they are cached when the page asks (prefetch).
    /// Returns at once: the page is loaded and the pictures drawn in the background.
    nonisolated func warm(item: ReviewItem, store: any ResultStore) {
        Task {
            guard let page = try? await store.page(id: item.pageID) else { return }
            _ = try? await self.crop(item: item, page: page)
            _ = try? await self.sheet(item: item, page: page)
        }
    }

    // MARK: Geometry

    /// The bounding box of the field's cells in scan pixels: the name fields for a match item,
    /// nil (the whole page) for an item about the page or sheet as a whole.
    private func fieldRect(_ fieldID: String, page: StoredPage) -> PixelRect? {
        guard let reading = page.reading else { return nil }
        let base = ReviewSubject.baseFieldID(fieldID)
        if base.hasPrefix("@") && base != "@participant" { return nil }
        let ids = base == "@participant" ? templates.nameFieldIDs(templateID: reading.templateID) : [base]
        return .bounding(ids.compactMap { reading.field($0) }.flatMap { $0.cells.map(\.rect) })
    }

    /// The item's context strips and the page's template-to-scan mapping; nil when the item is
    /// about the whole page, the page was not read as a sheet or its cells give no fit.
    private func context(of item: ReviewItem, page: StoredPage) -> (strips: [RectMM], mapping: PageMapping)? {
        guard let reading = page.reading, let template = reading.templateID.flatMap({ templates.templates[$0] }),
              let context = FieldContext.of(fieldID: item.fieldID, reason: item.reason, template: template),
              let mapping = PageMapping.fit(reading: reading, template: template) else { return nil }
        return (context.strips, mapping)
    }

    /// The strips cut from the scan at one horizontal extent and stacked, a grey rule between them.
    static func stacked(_ strips: [RectMM], mapping: PageMapping, image: GrayImage) -> GrayImage? {
        let rects = strips.compactMap { mapping.pixels($0, width: image.width, height: image.height) }
        guard let minX = rects.map(\.x).min(), let maxX = rects.map({ $0.x + $0.width }).max() else { return nil }
        let width = maxX - minX, rule = 4
        let height = rects.map(\.height).reduce(0, +) + rule * (rects.count - 1)
        var pixels = [UInt8](repeating: 150, count: width * height)
        var top = 0
        for (index, rect) in rects.enumerated() {
            if index > 0 { top += rule }
            let piece = cut(image, PixelRect(x: minX, y: rect.y, width: width, height: rect.height))
            for y in 0..<piece.height {
                let row = (top + y) * width
                pixels.replaceSubrange(row..<row + piece.width, with: piece.pixels[y * piece.width..<(y + 1) * piece.width])
            }
            top += rect.height
        }
        return GrayImage(width: width, height: height, pixels: pixels)
    }

    private static func expand(_ rect: PixelRect, by share: Double, within image: GrayImage) -> PixelRect {
        let margin = Int(Double(rect.height) * share)
        let x = max(0, rect.x - margin), y = max(0, rect.y - margin)
        let maxX = min(image.width, rect.x + rect.width + margin), maxY = min(image.height, rect.y + rect.height + margin)
        return PixelRect(x: x, y: y, width: max(1, maxX - x), height: max(1, maxY - y))
    }

    private static func cut(_ image: GrayImage, _ rect: PixelRect) -> GrayImage {
        let x0 = min(max(0, rect.x), image.width - 1), y0 = min(max(0, rect.y), image.height - 1)
        let w = max(1, min(rect.width, image.width - x0)), h = max(1, min(rect.height, image.height - y0))
        var pixels = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h {
            let source = (y0 + y) * image.width + x0
            pixels.replaceSubrange(y * w..<(y + 1) * w, with: image.pixels[source..<source + w])
        }
        return GrayImage(width: w, height: h, pixels: pixels)
    }

    /// A crop file is served only when it lies inside the configured crops folder and is a PNG:
    /// the path comes from the database, and the database is not allowed to point us at /etc.
    private func servableCropFile(_ path: String?) -> URL? {
        guard let path, let root = configuration.cropsDirectory else { return nil }
        let file = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let base = root.standardizedFileURL.resolvingSymlinksInPath().path
        guard file.pathExtension.lowercased() == "png", file.path.hasPrefix(base.hasSuffix("/") ? base : base + "/"),
              FileManager.default.isReadableFile(atPath: file.path) else { return nil }
        return file
    }

    private func version(_ page: StoredPage) -> String {
        "\(page.ref.sha256.prefix(16))|\(page.readAt?.timeIntervalSince1970 ?? 0)"
    }

    // MARK: Work off the request path

    /// The cached picture under `key`, else `draw` over the decoded page on the thread pool.
    /// Concurrent requests for one key share one piece of work.
    private func picture(key: String, page: StoredPage,
                         draw: @escaping @Sendable (GrayImage) throws -> [UInt8]) async throws -> [UInt8] {
        if let bytes = cache[key] { return bytes }
        if let task = inFlight[key] { return try await task.value }
        let task = Task<[UInt8], any Error> {
            let image = try await self.decodedPage(page)
            return try await self.withWorker { try draw(image) }
        }
        inFlight[key] = task
        defer { inFlight[key] = nil }
        let bytes = try await task.value
        cache[key] = bytes
        return bytes
    }

    /// The page's pixels, decoded from its scan file (kept for the next picture of the page).
    private func decodedPage(_ page: StoredPage) async throws -> GrayImage {
        let key = "\(page.ref.id)|\(page.ref.sha256)"
        if let image = pages[key] { return image }
        let ref = page.ref
        let image = try await withWorker {
            try ScanFile(url: URL(fileURLWithPath: ref.filePath)).decode(page: ref.pageIndex)
        }
        pages[key] = image
        return image
    }

    /// Runs blocking image work on NIO's thread pool, at most `imageWorkers` pieces at once.
    private func withWorker<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        await acquireWorker()
        defer { releaseWorker() }
        return try await NIOThreadPool.singleton.runIfActive(work)
    }

    private func acquireWorker() async {
        if busyWorkers < max(1, configuration.imageWorkers) { busyWorkers += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func releaseWorker() {
        if waiting.isEmpty { busyWorkers -= 1 } else { waiting.removeFirst().resume() }
    }
}

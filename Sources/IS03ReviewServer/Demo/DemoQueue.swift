import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// Fills a database with sheets and review items through the ``ResultStore`` API alone, for
/// tests, screenshots, the browser test and the benchmark, while the pipeline is not there yet.
///
/// Each sheet is a blank form (rendered by the caller, e.g. `SheetRenderer.renderGray`) with
/// ink drawn into the bubbles of its values, written as a real PNG and registered like a scan;
/// its reading carries the cells' pixel rectangles, so crops and overlays are cut from it.
public struct DemoQueue: Sendable {
    /// Which criteria are queued on every sheet, with reason `lowConfidenceMark`.
    public var queuedFields: [String]
    /// Add a page-level `@participant` item (reason `unreadableName`, the name as an unreadable
    /// OCR text) to every `participantEvery`-th sheet; 0: never.
    public var participantEvery: Int = 0
    /// Add one item of each other kind an operator meets (see ``otherKinds(machine:)``) to the
    /// first sheet, and a foreign page (`@page`) after the sheets.
    public var everyKind = false
    /// Register every page on one image file (fast: for queue benchmarks that never draw).
    public var shareOneImage = false
    public var seed: UInt64 = 2023

    public init(queuedFields: [String]) { self.queuedFields = queuedFields }

    /// What was stored.
    public struct Report: Sendable {
        public var pageIDs: [Int64]
        public var items: Int
        /// The value each sheet really carries in each queued field (the ink drawn; "" for a
        /// blank field), and the right answer of its page-level items.
        public var truth: [Int64: [String: String]]
    }

    /// Writes `sheets` sheets into `folder` and commits them to `store`.
    public func fill(store: any ResultStore, template: Template, blank: GrayImage, dpi: Double,
                     sheets: Int, participants: [Participant], folder: URL) async throws -> Report {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let packet = try await store.registerPacket(name: "demo", sourcePath: folder.path)
        var rng = SeededRandom(seed: seed, stream: "demo-queue")
        var report = Report(pageIDs: [], items: 0, truth: [:])
        var shared: (url: URL, sha: String, size: Int64)?
        for index in 0..<sheets {
            let person = participants.isEmpty ? nil : participants[index % participants.count]
            var values: [String: String] = [:]
            for field in template.fields where field.kind == .choice {
                let options = field.values ?? []
                if !options.isEmpty { values[field.id] = options[Int(rng.next() % UInt64(options.count))] }
            }
            let kinds = everyKind && index == 0
            if kinds { values[Self.blankCriterion] = nil }
            // The machine "misreads" some queued fields: the operator must change those.
            var machine = values
            for id in queuedFields where rng.next() % 3 == 0 {
                if let options = template.field(id)?.values, options.count > 1, let truth = values[id],
                   let other = options.first(where: { $0 != truth }) { machine[id] = other }
            }
            let file: (url: URL, sha: String, size: Int64)
            if shareOneImage, let shared {
                file = (shared.url, SHA256.hex(Array("\(shared.sha)#\(index)".utf8)), shared.size)
            } else {
                var image = blank
                let cells = Self.cells(template: template, dpi: dpi, width: image.width, height: image.height)
                for (fieldID, value) in values { Self.ink(&image, cells: cells[fieldID] ?? [], value: value) }
                let bytes = PNGEncoder.encode(width: image.width, height: image.height, pixels: image.pixels, color: .gray)
                let url = folder.appendingPathComponent(String(format: "sheet-%05d.png", index))
                try Data(bytes).write(to: url)
                file = (url, SHA256.hex(bytes), Int64(bytes.count))
                if shareOneImage { shared = file }
            }
            let registration = try await store.registerScanFile(
                ScanFileInput(path: file.url.path, sha256: file.sha, size: file.size, pages: [PageImage(index: 0, sha256: file.sha)]),
                packetID: packet.id)
            guard let page = registration.pages.first else { continue }
            let reading = Self.reading(template: template, dpi: dpi, values: machine, queued: Set(queuedFields),
                                       source: PageSource(file: file.url.path, page: 0, sha256: file.sha), participant: person)
            var items = queuedFields.compactMap { id -> ReviewItemInput? in
                guard let field = reading.field(id) else { return nil }
                return ReviewItemInput(fieldID: id, reason: ReviewReason.lowConfidenceMark.rawValue, machineValue: field.value,
                                       candidates: field.alternatives, confidence: field.confidence)
            }
            if participantEvery > 0, index % participantEvery == 0, let person {
                let others = participants.filter { $0.id != person.id }.prefix(2)
                items.append(ReviewItemInput(fieldID: "@participant", reason: ReviewReason.unreadableName.rawValue,
                                             machineValue: Self.unreadableName,
                                             candidates: ([person] + others).enumerated().map {
                                                 Alternative(value: $0.element.id, confidence: 0.5 - 0.1 * Double($0.offset)) },
                                             confidence: 0.5, message: "ФИО прочитано недостаточно для сопоставления"))
            }
            if kinds { items += Self.otherKinds(machine: machine) }
            let total = template.fields.filter { $0.role == .criterion }.compactMap { machine[$0.id].flatMap { Int($0) } }.reduce(0, +)
            let result = try ResultInput(participantID: person?.id, oo: person?.oo, auditorium: person?.auditorium,
                                         total: total, verdict: total >= 10 ? "pass" : "fail",
                                         encoding: ["total": total])
            _ = try await store.commitPage(PageOutcome(pageID: page.id, reading: reading, templateVersion: template.id,
                                                       participantListID: nil, reconciliation: nil, result: result,
                                                       reviewItems: items, actor: "demo"))
            report.pageIDs.append(page.id)
            report.items += items.count
            report.truth[page.id] = values.filter { queuedFields.contains($0.key) }
            if kinds { report.truth[page.id, default: [:]].merge(Self.otherKindsTruth(values: values)) { a, _ in a } }
        }
        if everyKind { try await addForeignPage(store: store, blank: blank, packetID: packet.id, folder: folder, report: &report) }
        return report
    }

    /// The template's cells in pixels at `dpi`, by field id.
    static func cells(template: Template, dpi: Double, width: Int, height: Int) -> [String: [(key: String, rect: PixelRect)]] {
        let scale = dpi / 25.4
        var out: [String: [(String, PixelRect)]] = [:]
        for field in template.fields {
            out[field.id] = field.cells(defaults: template.defaults).enumerated().map { index, cell in
                let key: String = switch cell.kind {
                case .bubble(let value, _): value
                case .box(let i): String(i)
                case .area: String(index)
                }
                return (key, PixelRect(x: Int(cell.rect.x * scale), y: Int(cell.rect.y * scale),
                                       width: max(1, Int(cell.rect.width * scale)), height: max(1, Int(cell.rect.height * scale))))
            }
        }
        return out
    }

    /// A reading of every choice field with `values`; the queued ones unsure.
    static func reading(template: Template, dpi: Double, values: [String: String], queued: Set<String>,
                        source: PageSource, participant: Participant?) -> SheetReading {
        let cells = cells(template: template, dpi: dpi, width: 0, height: 0)
        var fields: [FieldReading] = []
        for field in template.fields {
            let value = values[field.id]
            let unsure = queued.contains(field.id)
            let cellReadings = (cells[field.id] ?? []).map { cell in
                CellReading(key: cell.key, rect: cell.rect, fill: cell.key == value ? (unsure ? 0.45 : 0.9) : 0.03)
            }
            let alternatives = unsure ? (field.values ?? []).filter { $0 != value }.prefix(2).map { Alternative(value: $0, confidence: 0.3) } : []
            fields.append(FieldReading(id: field.id, status: value == nil ? .blank : (unsure ? .ambiguous : .ok), value: value,
                                       confidence: unsure ? 0.55 : 0.99, alternatives: Array(alternatives), cells: cellReadings))
        }
        return SheetReading(source: source, pageClass: .sheet, templateID: template.id, orientation: 0,
                            registrationResidualMM: 0.1,
                            qr: QRPayload(templateID: template.id, serial: String(format: "%06d", source.sha256.count), participantID: participant?.id),
                            fields: fields)
    }

    /// Draws a filled oval in the bubble that means `value`.
    static func ink(_ image: inout GrayImage, cells: [(key: String, rect: PixelRect)], value: String) {
        guard let cell = cells.first(where: { $0.key == value }) else { return }
        let r = cell.rect
        let cx = Double(r.x) + Double(r.width) / 2, cy = Double(r.y) + Double(r.height) / 2
        let rx = Double(r.width) * 0.42, ry = Double(r.height) * 0.42
        for y in max(0, r.y)..<min(image.height, r.y + r.height) {
            for x in max(0, r.x)..<min(image.width, r.x + r.width) {
                let dx = (Double(x) - cx) / rx, dy = (Double(y) - cy) / ry
                if dx * dx + dy * dy <= 1 { image.pixels[y * image.width + x] = 20 }
            }
        }
    }
}

import Foundation
import IS03Core
import IS03Render

/// One file the benchmark reads, with the truth of each of its pages (page index → truth).
struct BenchItem: Sendable {
    var url: URL
    var truths: [Int: SheetTruth]
}

/// A set of scans with truth that the benchmark reads as one unit (one line of figures).
struct BenchCorpus: Sendable {
    var name: String
    var items: [BenchItem]

    var pageCount: Int { items.reduce(0) { $0 + $1.truths.count } }

    /// Synthesises `sheets` filled sheets of `level` (plus the generator's blank and foreign
    /// pages) as JPEG files in `directory`, on `threads` threads. Only the truths stay in memory.
    /// `dpi`, when given, replaces the level's mix of scan resolutions.
    static func synthesised(template: Template, level: DegradationLevel, sheets: Int, seed: UInt64, dpi: Double? = nil,
                            threads: Int, in directory: URL) throws -> BenchCorpus {
        var options = SyntheticPacketOptions()
        if let dpi {
            var scan = ScanProfile.standard(for: level)
            scan.dpiChoices = [dpi]
            options.scan = scan
        }
        let generator = SyntheticPacketGenerator(template: template, seed: seed, level: level, count: sheets, options: options)
        let slots = Slots<BenchItem>(count: generator.plan.count)
        try BenchThreads.run(threads: max(1, threads), count: generator.plan.count) { index in
            let page = try generator.page(at: index)
            let url = directory.appendingPathComponent("\(level.rawValue)-\(String(format: "%05d", index)).jpg")
            try page.image.write(to: url, jpegQuality: 92)
            slots.set(index, BenchItem(url: url, truths: [0: page.truth]))
        }
        return BenchCorpus(name: level.rawValue, items: slots.values.compactMap { $0 })
    }

    /// The committed sample packets: every `truth/<packet>/*.json` names its image (and page,
    /// for multi-page TIFF) in `<packet>/`. One corpus per packet, named after its level.
    static func sampleScans(at root: URL) throws -> [BenchCorpus] {
        let truthRoot = root.appendingPathComponent("truth")
        let fm = FileManager.default
        guard let packets = try? fm.contentsOfDirectory(atPath: truthRoot.path), !packets.isEmpty else {
            throw BenchError("no truth folders in \(truthRoot.path): pass --samples with the SampleScans folder, or --samples none")
        }
        let decoder = JSONDecoder()
        var corpora: [BenchCorpus] = []
        for packet in packets.sorted() {
            let folder = truthRoot.appendingPathComponent(packet)
            var byFile: [String: [Int: SheetTruth]] = [:]
            for name in try fm.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".json") {
                let file = folder.appendingPathComponent(name)
                let truth: SheetTruth
                do { truth = try decoder.decode(SheetTruth.self, from: Data(contentsOf: file)) } catch {
                    throw BenchError("\(file.path): not a SheetTruth (\(error)); regenerate the samples with scripts/make-samples")
                }
                byFile[truth.file, default: [:]][truth.page] = truth
            }
            let items = byFile.keys.sorted().map { file in
                BenchItem(url: root.appendingPathComponent(packet).appendingPathComponent(file), truths: byFile[file]!)
            }
            let level = items.first?.truths.values.first?.level.rawValue ?? "?"
            corpora.append(BenchCorpus(name: "\(packet) (\(level))", items: items))
        }
        return corpora
    }
}

/// A benchmark failure with a message that says what to do.
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Results written by several threads into their own slots.
final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: Value) { lock.lock(); storage[index] = value; lock.unlock() }
    var values: [Value?] { lock.lock(); defer { lock.unlock() }; return storage }
}

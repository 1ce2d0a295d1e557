import ArgumentParser
import Foundation
import IS03Core
import IS03Render
import IS03Vision

/// `is03 bench`: speed and accuracy of the recognition engine over freshly synthesised
/// packets (with truth) per degradation level. Run it from a release build.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the recognition engine: sheets/s, ms per stage, memory, mark accuracy, page classes."
    )

    @Option(help: "Filled sheets per level (blank and foreign pages are added).")
    var sheets = 40

    @Option(help: "Degradation levels, comma-separated.")
    var levels = "clean,moderate,heavy"

    @Option(help: "Thread counts to time, comma-separated.")
    var threads = "1,2"

    @Option(help: "Seed of the synthetic packets.")
    var seed: UInt64 = 2023

    @Option(help: "Template id to synthesise.")
    var template = "is03-2023"

    func run() throws {
        let directory = TemplateDirectory.locate()
        let form = try Template.load(id: template, in: directory)
        let threadCounts = threads.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("is03-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }

        print("level     pages  thr  sheets/s  decode p50/p99  regist p50/p99  marks p50/p99  markErr  silent  flagged  class  maxRSS")
        for levelName in levels.split(separator: ",") {
            guard let level = DegradationLevel(rawValue: String(levelName)) else {
                throw ValidationError("unknown level \(levelName); use \(DegradationLevel.allCases.map(\.rawValue).joined(separator: ","))")
            }
            // Synthesise and write the packet first (not timed).
            let generator = SyntheticPacketGenerator(template: form, seed: seed, level: level, count: sheets)
            var files: [(URL, SheetTruth)] = []
            for index in generator.plan.indices {
                let page = try generator.page(at: index)
                let url = work.appendingPathComponent("\(level.rawValue)-\(index).jpg")
                try page.image.write(to: url, jpegQuality: 92)
                files.append((url, page.truth))
            }
            for threadCount in threadCounts {
                let result = try BenchRun.run(files: files, threads: threadCount, directory: directory, template: form)
                print(result.line(level: level.rawValue, threads: threadCount))
            }
        }
        print("markErr = mark fields whose value is not the truth (flagged or not); silent = wrong and accepted (status ok/blank at or above the accept confidence); flagged = sheets with any mark field not accepted; class = pages whose class, template and orientation are right")
    }
}

/// One timed pass over a packet.
struct BenchRun {
    var pages = 0
    var seconds = 0.0
    var stage: [String: [Double]] = [:]
    var markFields = 0, markErrors = 0, silentErrors = 0
    var sheets = 0, flaggedSheets = 0
    var classRight = 0

    static func run(files: [(URL, SheetTruth)], threads: Int, directory: URL, template: Template) throws -> BenchRun {
        let state = SharedProgress(count: files.count)
        let urls = files.map(\.0)
        let start = Date()
        let group = DispatchGroup()
        for _ in 0..<threads {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                do {
                    // One reader per thread: a SheetReader holds detectors that are not shared.
                    let reader = try SheetReader(templateDirectory: directory)
                    while let index = state.take() {
                        state.store(reader.read(fileAt: urls[index]).first, at: index)
                    }
                } catch { state.fail(error) }
            }
        }
        group.wait()
        if let failure = state.failure { throw ValidationError("the benchmark could not read: \(failure)") }
        let readings = state.readings
        var run = BenchRun()
        run.seconds = Date().timeIntervalSince(start)
        let accept = MarkReadingConfig.default.acceptConfidence
        for (reading, (_, truth)) in zip(readings, files) {
            guard let reading else { continue }
            run.pages += 1
            for (name, ms) in reading.timings { run.stage[name, default: []].append(ms) }
            let orientationRight = truth.pageClass != .sheet || reading.orientation == truth.orientation
            if reading.pageClass == truth.pageClass && orientationRight && (truth.templateID == nil || reading.templateID == truth.templateID) {
                run.classRight += 1
            }
            guard truth.pageClass == .sheet, reading.pageClass == .sheet else { continue }
            run.sheets += 1
            var flagged = false
            for fieldTruth in truth.fields {
                guard let kind = template.field(fieldTruth.id)?.kind, [.digits, .choice, .flag].contains(kind),
                      let field = reading.field(fieldTruth.id) else { continue }
                run.markFields += 1
                let value = field.status == .blank ? nil : field.value
                let right = normalised(value) == normalised(fieldTruth.value) && field.status != .multiple
                let accepted = (field.status == .ok || field.status == .blank) && field.confidence >= accept
                if !right { run.markErrors += 1 }
                if accepted && !right { run.silentErrors += 1 }
                if !accepted { flagged = true }
            }
            if flagged { run.flaggedSheets += 1 }
        }
        return run
    }

    /// Digit fields report blank columns as spaces; the truth omits them.
    static func normalised(_ value: String?) -> String? {
        guard let value else { return nil }
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }

    func line(level: String, threads: Int) -> String {
        func pct(_ values: [Double]?, _ q: Double) -> String {
            guard let values, !values.isEmpty else { return "-" }
            let sorted = values.sorted()
            return String(format: "%.0f", sorted[min(sorted.count - 1, Int(Double(sorted.count) * q))])
        }
        func cell(_ name: String) -> String { "\(pct(stage[name], 0.5))/\(pct(stage[name], 0.99))".padding(toLength: 15, withPad: " ", startingAt: 0) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let rate = Double(pages) / max(seconds, 1e-9)
        return level.padding(toLength: 10, withPad: " ", startingAt: 0)
            + String(format: "%5d  %3d  %8.1f  ", pages, threads, rate)
            + cell("decode") + " " + cell("registration") + " " + cell("marks")
            + String(format: " %d/%d  %d  %d/%d  %d/%d  %dMB", markErrors, markFields, silentErrors, flaggedSheets, sheets,
                     classRight, pages, usage.ru_maxrss / 1024)
    }
}


/// Work handed out to benchmark threads and their results, behind a lock.
final class SharedProgress: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private(set) var readings: [SheetReading?]
    private(set) var failure: String?

    init(count: Int) { self.count = count; readings = Array(repeating: nil, count: count) }

    func take() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ reading: SheetReading?, at index: Int) { lock.lock(); readings[index] = reading; lock.unlock() }
    func fail(_ error: Error) { lock.lock(); failure = "\(error)"; lock.unlock() }
}

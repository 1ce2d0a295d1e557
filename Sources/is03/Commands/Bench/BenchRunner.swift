import Foundation
import IS03Core
import IS03Vision

/// One timed pass of the engine over a corpus: `threads` threads, one `SheetReader` each,
/// every reading scored into the tally as soon as it is made and then dropped.
struct BenchRunner {
    var templates: [String: Template]
    var templateDirectory: URL
    var markAccept = MarkReadingConfig.default.acceptConfidence
    var letterAccept = HandprintReaderConfig.standard.acceptConfidence
    /// Where to append one CSV line per measured bubble (the tuning dump), if anywhere.
    var dump: BubbleDump?
    /// False for the registration + marks pass: letter fields are not recognised.
    var handwriting = true

    struct Result {
        var tally: BenchTally
        var seconds: Double
        /// Peak resident memory of the process so far, in MB.
        var peakMB: Int
    }

    func run(_ corpus: BenchCorpus, threads: Int) throws -> Result {
        let shared = SharedTally()
        let items = corpus.items
        let (templates, markAccept, letterAccept, dump, directory) = (templates, markAccept, letterAccept, dump, templateDirectory)
        let handwriting = handwriting
        let start = DispatchTime.now()
        try BenchThreads.run(threads: threads, count: items.count, state: {
            let reader = try SheetReader(templateDirectory: directory)
            reader.readsHandwriting = handwriting
            return reader
        }) { reader, index in
            let item = items[index]
            for (page, result) in reader.analyse(fileAt: item.url).enumerated() {
                guard let truth = item.truths[page] else { continue }
                let reading = result.analysis.reading
                let template = reading.templateID.flatMap { templates[$0] }
                shared.update { $0.add(reading, truth: truth, template: template, markAccept: markAccept, letterAccept: letterAccept) }
                dump?.write(result.analysis, truth: truth, corpus: corpus.name)
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        return Result(tally: shared.value, seconds: seconds, peakMB: Self.peakResidentMB())
    }

    static func peakResidentMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// The tally shared by the benchmark threads, behind a lock.
final class SharedTally: @unchecked Sendable {
    private let lock = NSLock()
    private var tally = BenchTally()
    func update(_ change: (inout BenchTally) -> Void) { lock.lock(); change(&tally); lock.unlock() }
    var value: BenchTally { lock.lock(); defer { lock.unlock() }; return tally }
}

/// `--dump-bubbles`: one CSV line per measured bubble with what the truth says about it, for
/// tuning the mark reader (see docs/recognition.md).
final class BubbleDump: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw BenchError("cannot write the bubble dump \(path): check the folder exists and is writable")
        }
        self.handle = handle
        handle.write(Data("corpus,page,field,value,column,score,coverage,darkness,strike,inkSpread,fillLevel,probability,weak,cut,condition,marked,crossedOut,style,status,read,truth\n".utf8))
    }

    func write(_ analysis: SheetAnalysis, truth: SheetTruth, corpus: String) {
        let reading = analysis.reading
        var lines = ""
        for bubble in analysis.measuredBubbles {
            let fieldTruth = truth.field(bubble.fieldID)
            let mark = fieldTruth?.marks.first { $0.value == bubble.value && $0.column == bubble.column }
            let read = reading.field(bubble.fieldID)
            let m = bubble.measurement
            lines += [corpus, truth.file + "#\(truth.page)", bubble.fieldID, bubble.value, String(bubble.column),
                      f(m.score), f(m.coverage), f(m.darkness), f(m.strike), f(m.inkSpread), f(m.fillLevel), f(bubble.probability),
                      f(bubble.weakProbability), f(analysis.markCut ?? 0),
                      fieldTruth?.condition.rawValue ?? "-", mark == nil ? "0" : "1", mark?.crossedOut == true ? "1" : "0",
                      mark?.style.rawValue ?? "-", read?.status.rawValue ?? "-",
                      (read?.value ?? "").replacingOccurrences(of: ",", with: ";"),
                      (fieldTruth?.value ?? "").replacingOccurrences(of: ",", with: ";")].joined(separator: ",") + "\n"
        }
        lock.lock(); handle.write(Data(lines.utf8)); lock.unlock()
    }

    private func f(_ x: Double) -> String { String(format: "%.4f", x) }
}

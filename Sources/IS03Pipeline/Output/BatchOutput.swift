import Foundation
import IS03Core

/// The end of a batch, shared by `is03 process` (``BatchRun``) and `is03 worker` (``WorkerRun``):
/// the result files finished from what assembling streamed into them, then the crops the review
/// items point at, cut from the scans.
struct BatchOutput: Sendable {
    let directory: URL
    /// Pages decoded at once for crops.
    let workers: Int

    /// Finishes the result files and returns their paths.
    func finishFiles(_ files: ResultFileStream, _ assembled: AssembleReport) throws -> [String] {
        try files.finish(listItems: assembled.listItems, summary: assembled.summary,
                         generated: ISO8601DateFormatter().string(from: Date()))
        return [ResultFiles.resultsXML, ResultFiles.resultsCSV, ResultFiles.reviewXML, ResultFiles.reviewJSON]
            .map { directory.appendingPathComponent($0).path }
    }

    /// Writes the crops of `jobs` and, when the read stage cut crops of its own, removes those
    /// no item points at any more. Returns the problems, one line each.
    func writeCrops(_ jobs: [CropJob], readTimeCrops: ReadTimeCrops? = nil) async -> [String] {
        // Assembling's memory is handed back before pages are decoded again.
        FreedMemory.release()
        let problems = await CropWriter(workers: workers).write(jobs, to: directory)
        _ = readTimeCrops?.removeUnused(keeping: Set(jobs.flatMap { $0.crops.map(\.path) }))
        return problems
    }
}

import Foundation
import IS03Core
import IS03Storage

/// The result files of an output folder holding several sittings: each sitting assembled
/// against its own list (``AssembleStage``, as `is03 process` does for one), all of them
/// streamed into one set of files (``ResultFileStream``), the participants without a sheet and
/// the summary of every sitting together.
public struct SittingResultFiles: Sendable {
    public let store: any ResultStore & ReadingCatalog
    public let templates: TemplateCatalog
    public let categories: [String: CategoryTable]
    public let actor: String

    public init(store: any ResultStore & ReadingCatalog, templates: TemplateCatalog,
                categories: [String: CategoryTable], actor: String) {
        self.store = store; self.templates = templates; self.categories = categories; self.actor = actor
    }

    /// Writes the four result files of `sittings` into `folder`; nil (nothing written) when
    /// none of them has a sheet.
    public func write(_ sittings: [String], to folder: URL) async throws -> AssembleReport? {
        let files = try ResultFileStream(directory: folder)
        var listItems: [ReviewQueueItem] = []
        var sat = 0, missing = 0
        var last: AssembleReport?
        for sitting in sittings {
            let stage = AssembleStage(store: store, templates: templates, categories: categories, actor: actor,
                                      spill: nil, sitting: sitting)
            guard let report = try await stage.run(into: files) else { continue }
            listItems += report.listItems
            sat += report.summary.participantsWhoSat
            missing += report.summary.missingSheets
            last = report
        }
        guard var report = last else { return nil }
        report.listItems = listItems
        report.summary = ResultsXML.Summary(participantsWhoSat: sat, missingSheets: missing)
        try files.finish(listItems: listItems, summary: report.summary, generated: ISO8601DateFormatter().string(from: Date()))
        return report
    }
}

import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// `is03 export --format xml|csv`: results from the database, for the regional database (РИС).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write results from the database as XML or CSV.",
        discussion: """
            Results are re-assembled first, so every operator decision made so far is in them.
            While review items are open the export is refused (results would be provisional);
            --allow-open exports anyway and marks each row's review status.
            """)

    enum Format: String, ExpressibleByArgument { case xml, csv }

    @OptionGroup var store: StoreOptions
    @Option(help: "xml or csv.") var format: Format = .xml
    @Option(name: .customLong("ou"), help: "Only this school (ОО code).") var oo: String?
    @Option(help: "Only this auditorium.") var auditorium: String?
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Export even while review items are open.") var allowOpen = false

    func run() async throws {
        try await reportingErrors("export") {
            let db = try store.open()
            let (templates, categories) = try store.loadTemplates()
            _ = try await AssembleStage(store: db, templates: templates, categories: categories, actor: "is03 export").run()
            let filter = ResultFilter(oo: oo, auditorium: auditorium)
            let open = try await db.openReviewItemCount(filter)
            if open > 0 && !allowOpen {
                printError("is03 export: \(open) review item(s) are still open for these results; clear them in `is03 review` "
                           + "(see `is03 status`) or pass --allow-open to export provisional results")
                throw ExitCode(3)
            }
            let export = try await ResultExport.load(from: db, filter: filter)
            let text: String
            switch format {
            case .xml:
                text = ResultsXML.document(export.records, summary: export.summary,
                                           generated: ISO8601DateFormatter().string(from: Date()))
            case .csv:
                let template = export.records.first.flatMap { templates.template($0.provenance.templateID) } ?? templates.all[0]
                text = ResultsCSV.document(export.records, template: template)
            }
            if let out {
                try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
                printError("wrote \(export.records.count) result(s) to \(out)")
            } else {
                print(text, terminator: "")
            }
        }
    }
}

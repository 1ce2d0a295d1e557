import ArgumentParser
import Foundation
import IS03Core
import IS03Pipeline
import IS03Storage

/// `is03 export --format xml|csv|xslt:FILE`: results from the database, for the regional database (РИС).
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write results from the database as XML, CSV or the region's own format (an XSLT stylesheet).",
        discussion: """
            Results are re-assembled first, so every operator decision made so far is in them. \
            While review items are open the export is refused (results would be provisional); \
            --allow-open exports anyway and marks each row's review status. \
            The rows must be exactly the participants who sat (seed 000); otherwise the export is \
            refused, naming every missing and extra row, unless --allow-count-mismatch. \
            --format xslt:FILE applies an XSLT 1.0 stylesheet to the results XML (urn:is03:results:1) \
            and writes what it makes, in its xsl:output encoding; Templates/exports/ has the \
            per-school form of seed 000 and CSV in Windows-1251 (docs/formats.md).
            """)

    @OptionGroup var store: StoreOptions
    @Option(help: "xml, csv or xslt:FILE (an XSLT 1.0 stylesheet over the results XML).") var format: ExportFormat = .xml
    @Option(name: .customLong("ou"), help: "Only this school (ОО code).") var oo: String?
    @Option(help: "Only this auditorium.") var auditorium: String?
    @Option(help: "The sitting YYYY-MM-DD (needed when the database holds several).") var sitting: String?
    @Option(help: "Output file (default: standard output).") var out: String?
    @Flag(help: "Export even while review items are open.") var allowOpen = false
    @Flag(help: "Export even when the rows differ from the participants who sat.") var allowCountMismatch = false

    func run() async throws {
        try await reportingErrors("export") {
            // A broken stylesheet is reported before any work is done.
            let stylesheet = try format.stylesheet()
            let db = try store.open()
            let (templates, categories) = try store.loadTemplates()
            _ = try await AssembleStage(store: db, templates: templates, categories: categories, actor: "is03 export")
                .runEverySitting()
            let filter = ResultFilter(oo: oo, auditorium: auditorium, sitting: try await SittingChoice.resolve(sitting, in: db))
            let open = try await db.openReviewItemCount(filter)
            if open > 0 && !allowOpen {
                printError("is03 export: \(open) review item(s) are still open for these results; clear them in `is03 review` "
                           + "(see `is03 status`) or pass --allow-open to export provisional results")
                throw ExitCode(3)
            }
            let export = try await ResultExport.load(from: db, filter: filter)
            if !export.rowCount.ok {
                let lines = export.rowCount.lines()
                if !allowCountMismatch {
                    printError("is03 export: refused: " + lines.joined(separator: "\n"))
                    printError("find the missing sheets or correct the list (`is03 status`, `is03 review`), "
                               + "or pass --allow-count-mismatch to export these rows anyway")
                    throw ExitCode.failure
                }
                printError("is03 export: exporting despite the count mismatch (--allow-count-mismatch): " + lines.joined(separator: "\n"))
            }
            let generated = ISO8601DateFormatter().string(from: Date())
            let xml = Data(ResultsXML.document(export.records, summary: export.summary, generated: generated).utf8)
            let bytes: Data
            if let stylesheet {
                bytes = try stylesheet.transform(xml, inputName: "the results XML")
            } else if case .csv = format {
                let template = export.records.first.flatMap { templates.template($0.provenance.templateID) } ?? templates.all[0]
                bytes = Data(ResultsCSV.document(export.records, template: template).utf8)
            } else {
                bytes = xml
            }
            if let out {
                try bytes.write(to: URL(fileURLWithPath: out), options: .atomic)
                printError("wrote \(export.records.count) result(s) to \(out)")
            } else {
                FileHandle.standardOutput.write(bytes)
            }
        }
    }
}

/// What `--format` names: is03's XML or CSV, or `xslt:FILE`, a region's stylesheet.
enum ExportFormat: ExpressibleByArgument, CustomStringConvertible {
    case xml, csv
    case xslt(String)

    init?(argument: String) {
        switch argument {
        case "xml": self = .xml
        case "csv": self = .csv
        default:
            guard argument.hasPrefix("xslt:"), argument.count > 5 else { return nil }
            self = .xslt(String(argument.dropFirst(5)))
        }
    }

    var description: String {
        switch self {
        case .xml: "xml"
        case .csv: "csv"
        case .xslt(let file): "xslt:\(file)"
        }
    }

    /// The compiled stylesheet of `xslt:FILE` (nil for is03's own formats).
    func stylesheet() throws -> Stylesheet? {
        guard case .xslt(let file) = self else { return nil }
        return try Stylesheet(contentsOf: URL(fileURLWithPath: file))
    }
}

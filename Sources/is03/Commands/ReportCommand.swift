import ArgumentParser
import Foundation
import IS03Pipeline
import IS03Storage

/// `is03 report`: a per-school HTML summary.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Write a per-school HTML summary: counts, pass rate, score histogram, missing sheets.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Output HTML file.") var out: String = "out/report.html"
    @Option(help: "The sitting YYYY-MM-DD (needed when the database holds several).") var sitting: String?

    func run() async throws {
        try await reportingErrors("report") {
            let db = try store.open()
            let chosen = try await SittingChoice.resolve(sitting, in: db)
            let export = try await ResultExport.load(from: db, filter: ResultFilter(sitting: chosen))
            let html = SchoolReport.html(export, generated: ISO8601DateFormatter().string(from: Date()), sitting: chosen)
            try Data(html.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            print("wrote \(out): \(export.records.count) result(s), \(export.missing.count) missing sheet(s)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The four result files of a run (``ResultFiles``), written while its results and review items
/// arrive one at a time. Each entry is rendered as it arrives into a scratch file, and only
/// where it went (and a result's sort key) stays in memory: writing 10,000 results needs
/// about a megabyte, where building the documents took tens of megabytes each (issue 5).
///
/// ``finish(listItems:summary:generated:)`` writes the files in their documented order
/// (results by ОО, auditorium, id; review items: pages', sheets', then the list's), byte for
/// byte what the whole-document functions give. Each file is written under a temporary name
/// and renamed when complete, so a crash never leaves half a file where a finished one stood.
public final class ResultFileStream: ResultSink {
    private struct Result {
        var key: (String, String, String)
        var xml: ScratchFile.Span
        var csv: ScratchFile.Span
    }

    private struct Item {
        var xml: ScratchFile.Span
        var json: ScratchFile.Span
    }

    private let directory: URL
    /// The form the results are of (its criteria are the CSV's columns); set by ``begin(template:)``.
    private var template: Template?
    private let scratch: ScratchFile
    private let encoder = ReviewQueue.jsonEncoder()
    private var results: [Result] = []
    private var pageItems: [Item] = []
    private var sheetItems: [Item] = []

    /// Starts the files in `directory` (created if needed).
    public init(directory: URL) throws(ResultFilesError) {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            scratch = try ScratchFile(directory: directory)
        } catch {
            throw ResultFilesError(path: directory.path, message: "cannot create the output folder or a scratch file in it "
                                   + "(\(error)); check free space and permissions")
        }
        self.directory = directory
    }

    public func begin(template: Template) { self.template = template }

    private func form() throws -> Template {
        guard let template else {
            throw ResultFilesError(path: directory.path, message: "internal error: results added before their form was named")
        }
        return template
    }

    public func add(result: ResultRecord) throws {
        results.append(Result(key: ResultsXML.orderKey(result.participant),
                              xml: try keep(ResultsXML.entry(result)),
                              csv: try keep(ResultsCSV.line(result, template: try form()))))
    }

    public func add(pageItem: ReviewQueueItem) throws { pageItems.append(try item(pageItem)) }

    public func add(sheetItem: ReviewQueueItem) throws { sheetItems.append(try item(sheetItem)) }

    /// Writes the four files: what was added, then `listItems` (participants without a sheet).
    /// Call it once: the stream then lets go of its entries' places (a run's crops come after).
    /// - Parameter generated: the timestamp for the results root (ISO 8601).
    public func finish(listItems: [ReviewQueueItem], summary: ResultsXML.Summary, generated: String) throws {
        let template = try form()
        let ordered = results.sorted { $0.key < $1.key }
        var items = pageItems + sheetItems
        results = []; pageItems = []; sheetItems = []
        for listItem in listItems { items.append(try item(listItem)) }

        try write(ResultFiles.resultsXML) { out in
            try out(Data(ResultsXML.head(rows: ordered.count, summary: summary, generated: generated).utf8))
            for result in ordered { try out(Data(try scratch.read(result.xml))) }
            try out(Data(ResultsXML.tail.utf8))
        }
        try write(ResultFiles.resultsCSV) { out in
            try out(Data(ResultsCSV.headerLine(template: template).utf8))
            for result in ordered { try out(Data(try scratch.read(result.csv))) }
        }
        try write(ResultFiles.reviewXML) { out in
            try out(Data(ReviewQueue.xmlHead(items: items.count).utf8))
            for item in items { try out(Data(try scratch.read(item.xml))) }
            try out(Data(ReviewQueue.xmlTail.utf8))
        }
        try write(ResultFiles.reviewJSON) { out in
            guard !items.isEmpty else { return try out(try ReviewQueue(items: []).json()) }
            try out(Data(ReviewQueue.jsonHead.utf8))
            for (index, item) in items.enumerated() {
                if index > 0 { try out(Data(ReviewQueue.jsonSeparator.utf8)) }
                try out(Data(try scratch.read(item.json)))
            }
            try out(Data(ReviewQueue.jsonTail.utf8))
        }
    }

    private func item(_ item: ReviewQueueItem) throws -> Item {
        Item(xml: try keep(ReviewQueue.xmlEntry(item)), json: try keep(ReviewQueue.jsonEntry(item, encoder: encoder)))
    }

    private func keep(_ text: String) throws -> ScratchFile.Span {
        do { return try scratch.append(Array(text.utf8)) } catch {
            throw ResultFilesError(path: directory.path, message: error.message)
        }
    }

    /// Writes `name` through `body` under a temporary name, then renames it into place.
    private func write(_ name: String, _ body: (_ out: (Data) throws -> Void) throws -> Void) throws {
        let url = directory.appendingPathComponent(name)
        let partial = directory.appendingPathComponent(".\(name).partial")
        func failed(_ error: any Error) -> ResultFilesError {
            let why = (error as? CocoaError)?.localizedDescription ?? "\(error)"   // the scratch file's errors say what happened
            return ResultFilesError(path: url.path, message: "cannot write (\(why)); check free space and permissions")
        }
        guard FileManager.default.createFile(atPath: partial.path, contents: nil) else {
            throw failed(CocoaError(.fileWriteNoPermission))
        }
        do {
            let handle = try FileHandle(forWritingTo: partial)
            defer { try? handle.close() }
            try body { data in try handle.write(contentsOf: data) }
            try handle.synchronize()
        } catch let error as ResultFilesError {
            try? FileManager.default.removeItem(at: partial)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw failed(error)
        }
        guard rename(partial.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: partial)
            throw ResultFilesError(path: url.path, message: "cannot write (\(reason)); check free space and permissions")
        }
    }
}

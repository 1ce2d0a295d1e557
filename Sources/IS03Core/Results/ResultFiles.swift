import Foundation

/// Writes a run's files into one folder: `results.xml`, `results.csv`, `review.xml`,
/// `review.json` (crops are the pipeline's: see `ReviewQueueItem.cropPath`).
public enum ResultFiles {
    public static let resultsXML = "results.xml"
    public static let resultsCSV = "results.csv"
    public static let reviewXML = "review.xml"
    public static let reviewJSON = "review.json"

    /// Writes the four files of `output`, creating `directory` if needed (through
    /// ``ResultFileStream``, the one way the files are written; results in the results file's order).
    /// - Parameter generated: the timestamp for the results root (ISO 8601, e.g. `2023-02-14T10:00:00Z`).
    /// - Throws: ``ResultFilesError`` naming the file that could not be written.
    public static func write(_ output: ResultAssembler.Output, template: Template, to directory: URL, generated: String) throws {
        let stream = try ResultFileStream(directory: directory)
        stream.begin(template: template)
        for record in output.results { try stream.add(result: record) }
        for item in output.review.items { try stream.add(sheetItem: item) }
        try stream.finish(listItems: [], summary: output.summary, generated: generated)
    }
}

/// A result file that could not be written.
public struct ResultFilesError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

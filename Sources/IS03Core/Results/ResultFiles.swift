import Foundation

/// Writes a run's files into one folder: `results.xml`, `results.csv`, `review.xml`,
/// `review.json` (crops are the pipeline's: see `ReviewQueueItem.cropPath`).
public enum ResultFiles {
    public static let resultsXML = "results.xml"
    public static let resultsCSV = "results.csv"
    public static let reviewXML = "review.xml"
    public static let reviewJSON = "review.json"

    /// Writes the four files, creating `directory` if needed.
    /// - Parameter generated: the timestamp for the results root (ISO 8601, e.g. `2023-02-14T10:00:00Z`).
    /// - Throws: `ImportError`-style message naming the file that could not be written.
    public static func write(_ output: ResultAssembler.Output, template: Template, to directory: URL, generated: String) throws {
        // Each document is built just before it is written and dropped after, so only one of
        // them is in memory at a time (for 10,000 sheets they are tens of megabytes each).
        let files: [(String, () throws -> Data)] = [
            (resultsXML, { Data(ResultsXML.document(output.results, summary: output.summary, generated: generated).utf8) }),
            (resultsCSV, { Data(ResultsCSV.document(output.results, template: template).utf8) }),
            (reviewXML, { Data(output.review.xml().utf8) }),
            (reviewJSON, { try output.review.json() }),
        ]
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw ResultFilesError(path: directory.path, message: "cannot create the output folder (\(error.localizedDescription))")
        }
        for (name, make) in files {
            let url = directory.appendingPathComponent(name)
            let data = try make()
            do { try data.write(to: url, options: .atomic) } catch {
                throw ResultFilesError(path: url.path, message: "cannot write (\(error.localizedDescription)); check free space and permissions")
            }
        }
    }
}

/// A result file that could not be written.
public struct ResultFilesError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

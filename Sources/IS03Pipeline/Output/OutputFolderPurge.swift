import Foundation
import IS03Core
import IS03Storage

/// Removes from disk what a purge destroyed in the database (seed 003 §11.6: «удаление без
/// возможности восстановления»): the result and review files of the output folder, which name
/// participants; the crops of every purged page; and, when asked, the purged pages' scans.
///
/// Run after ``ResultStore/purge(before:actor:allowingFutureCutoff:)``. Repeating it is safe
/// and finishes what an interrupted purge left: the report lists every page purged so far.
/// The result files are always removed, as they may name purged participants; after the purge
/// of one sitting, ``rewriteAfterPurge(of:held:writer:)`` writes them again at once for the
/// other sittings they held, otherwise `is03 process` (or `is03 export`) writes current ones
/// from what the database still holds.
public struct OutputFolderPurge: Sendable {
    /// The folder `is03 process` (or the workers) wrote into; nil: no output folder is known.
    public var outputDirectory: URL?
    public var deleteScans: Bool

    public init(outputDirectory: URL?, deleteScans: Bool) {
        self.outputDirectory = outputDirectory; self.deleteScans = deleteScans
    }

    /// What was removed, for the audit log and the operator.
    public struct Outcome: Sendable {
        public var files = PurgedFiles()
        /// Scan files of purged pages still on disk (without `deleteScans`).
        public var keptScans: [String] = []
        /// Files that could not be removed, each with the reason.
        public var problems: [String] = []
    }

    public func run(_ report: PurgeReport) -> Outcome {
        var outcome = Outcome()
        if let outputDirectory {
            outcome.files.resultFiles = removeResultFiles(in: outputDirectory, problems: &outcome.problems)
            outcome.files.crops = removeCrops(of: report, in: outputDirectory, problems: &outcome.problems)
        }
        for path in report.purgedScanFilePaths where FileManager.default.fileExists(atPath: path) {
            if deleteScans {
                if remove(URL(fileURLWithPath: path), problems: &outcome.problems) { outcome.files.scanFiles += 1 }
            } else {
                outcome.keptScans.append(path)
            }
        }
        outcome.files.scanFilesKept = outcome.keptScans.count
        outcome.files.failures = outcome.problems.count
        return outcome
    }

    /// The four result files and any half-written one a crash left (`.results.xml.partial`).
    private func removeResultFiles(in folder: URL, problems: inout [String]) -> Int {
        var removed = 0
        for name in [ResultFiles.resultsXML, ResultFiles.resultsCSV, ResultFiles.reviewXML, ResultFiles.reviewJSON] {
            for candidate in [name, ".\(name).partial"] {
                let url = folder.appendingPathComponent(candidate)
                if FileManager.default.fileExists(atPath: url.path), remove(url, problems: &problems) { removed += 1 }
            }
        }
        return removed
    }

    /// Every crop of a purged page, whichever item it was cut for (also a half-written
    /// `.name.partial.png`), and the crops the purged review items pointed at.
    private func removeCrops(of report: PurgeReport, in folder: URL, problems: inout [String]) -> Int {
        var removed = 0
        let prefixes = Set(report.cropFilePrefixes)
        let crops = folder.appendingPathComponent("crops")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: crops.path)) ?? []
        for name in names where prefixes.contains(Self.pageKey(ofCrop: name)) {
            if remove(crops.appendingPathComponent(name), problems: &problems) { removed += 1 }
        }
        for path in report.cropPaths {
            let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path), remove(url, problems: &problems) { removed += 1 }
        }
        return removed
    }

    /// `<sha12>-p<page>-` of a crop's file name (`ReviewQueueItem.cropPath`), "" if it has none.
    static func pageKey(ofCrop name: String) -> String {
        let bare = name.hasPrefix(".") ? name.dropFirst() : Substring(name)
        let parts = bare.split(separator: "-", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].hasPrefix("p") else { return "" }
        return "\(parts[0])-\(parts[1])-"
    }

    private func remove(_ url: URL, problems: inout [String]) -> Bool {
        do {
            try FileManager.default.removeItem(at: url)
            return true
        } catch {
            problems.append("\(url.path): could not be deleted (\(error.localizedDescription)); delete it by hand")
            return false
        }
    }
}

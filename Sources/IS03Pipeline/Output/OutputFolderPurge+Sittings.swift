import Foundation
import IS03Core
import IS03Storage

extension OutputFolderPurge {
    /// The sittings (YYYY-MM-DD) whose rows the folder's `results.csv` holds, read before a
    /// sitting's purge removes it; empty when there is no such file or it cannot be read
    /// (the files then stay removed: nothing is written that might name a purged pupil).
    public static func sittingsHeld(in folder: URL) -> Set<String> {
        let url = folder.appendingPathComponent(ResultFiles.resultsCSV)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ";", omittingEmptySubsequences: false),
              let column = header.firstIndex(where: { $0.trimmingCharacters(in: ["\""]) == "exam_date" }) else { return [] }
        var held: Set<String> = []
        for line in lines.dropFirst() {
            let fields = line.split(separator: ";", omittingEmptySubsequences: false)
            guard column < fields.count else { continue }
            if let sitting = Sitting.normalised(fields[column].trimmingCharacters(in: ["\"", " "])) { held.insert(sitting) }
        }
        return held
    }

    /// After the purge of one sitting: the folder's result files, removed by ``run(_:)``
    /// because they named the purged sitting's pupils, are written again from the database
    /// for the other sittings they held (`held`, from ``sittingsHeld(in:)`` before the purge),
    /// so the folder stays whole for them. Returns false when nothing of them remains (the
    /// files then stay removed).
    public func rewriteAfterPurge(of purged: String, held: Set<String>, writer: SittingResultFiles) async throws -> Bool {
        guard let outputDirectory else { return false }
        let remaining = Set(try await writer.store.sittings().map(\.sitting))
        let sittings = held.subtracting([purged]).intersection(remaining).sorted()
        guard !sittings.isEmpty else { return false }
        return try await writer.write(sittings, to: outputDirectory) != nil
    }
}

import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// The key facts of every stored result, to tell a person what a re-run changed.
public enum ResultSnapshot {
    public struct Row: Hashable, Sendable {
        public var participant: String
        public var total: Int?
        public var verdict: String?
    }

    /// Results by participant id.
    public static func take(_ store: any ResultStore) async throws -> [String: Row] {
        var rows: [String: Row] = [:]
        for result in try await store.results(ResultFilter()) {
            guard let id = result.participantID else { continue }
            rows[id] = Row(participant: id, total: result.total, verdict: result.verdict)
        }
        return rows
    }

    /// One line per participant whose result appeared, disappeared or changed.
    public static func changes(from before: [String: Row], to after: [String: Row]) -> [String] {
        func describe(_ row: Row?) -> String {
            guard let row else { return "no result" }
            return "\(row.total.map(String.init) ?? "?") (\(row.verdict ?? "?"))"
        }
        return Set(before.keys).union(after.keys).sorted().compactMap { id in
            before[id] == after[id] ? nil : "\(id): \(describe(before[id])) → \(describe(after[id]))"
        }
    }
}

/// SHA-256 of a file's bytes, for versioning participant lists.
public enum SHA256Hex {
    public static func of(file url: URL) throws -> String {
        SHA256.hex([UInt8](try Data(contentsOf: url)))
    }
}

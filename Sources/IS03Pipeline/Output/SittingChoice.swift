import Foundation
import IS03Storage

/// Which sitting a command that reads results (`export`, `report`) works on: the one given,
/// the only one the database holds, or none when it has none. With several and none given it
/// refuses: February's and May's rows in one export would never match one list's count.
public enum SittingChoice {
    public struct Ambiguous: Error, CustomStringConvertible {
        public var sittings: [String]
        public var description: String {
            "the database holds several sittings (\(sittings.joined(separator: ", "))): give --sitting YYYY-MM-DD for one of them"
        }
    }

    public struct Unknown: Error, CustomStringConvertible {
        public var given: String
        public var sittings: [String]
        public var description: String {
            sittings.isEmpty
                ? "no sitting \(given) in the database: it holds no sitting yet (process a packet with its list first)"
                : "no sitting \(given) in the database; give one it holds as --sitting YYYY-MM-DD: \(sittings.joined(separator: ", "))"
        }
    }

    /// - Throws: ``Ambiguous`` or ``Unknown``.
    public static func resolve(_ given: String?, in store: any ResultStore) async throws -> String? {
        let known = try await store.sittings().map(\.sitting)
        if let given {
            guard let date = Sitting.normalised(given), known.contains(date) else { throw Unknown(given: given, sittings: known) }
            return date
        }
        guard known.count > 1 else { return known.first }
        throw Ambiguous(sittings: known)
    }
}

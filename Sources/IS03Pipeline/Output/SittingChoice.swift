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
            "no sitting \(given) in the database (it holds \(sittings.isEmpty ? "none" : sittings.joined(separator: ", "))); "
                + "give the date as YYYY-MM-DD"
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

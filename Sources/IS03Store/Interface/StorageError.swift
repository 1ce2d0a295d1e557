import Foundation

/// A storage failure a person can act on: what went wrong, on which database, and what to do.
public struct StorageError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable kinds of failure; a struct over a private enum so cases can be added later.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case notFound, invalidState, cannotOpen, corruptData, constraintViolated, busy, databaseFailure
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// A page, item, packet or run id that does not exist.
        public static let notFound = Code(.notFound)
        /// The operation does not fit the entity's state (e.g. deciding a purged item).
        public static let invalidState = Code(.invalidState)
        /// The database file could not be opened or migrated.
        public static let cannotOpen = Code(.cannotOpen)
        /// Stored JSON could not be decoded.
        public static let corruptData = Code(.corruptData)
        /// The database refused the change because it breaks a rule of the schema (a unique
        /// key, a CHECK, a foreign key, the append-only audit log). Nothing was stored.
        public static let constraintViolated = Code(.constraintViolated)
        /// Another process held the database longer than the busy timeout. Nothing was stored;
        /// retrying later is safe.
        public static let busy = Code(.busy)
        /// Any other failure of the database engine (disk full, I/O error, damaged file).
        public static let databaseFailure = Code(.databaseFailure)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    public var message: String
    /// The database the error is about (file path, or `:memory:`).
    public var location: String

    public init(_ code: Code, _ message: String, location: String) {
        self.code = code; self.message = message; self.location = location
    }

    public var description: String { "\(location): \(message)" }
}

import Foundation

/// JSON the way every store writes it (sorted keys), so the same reading is the same bytes in
/// SQLite and PostgreSQL and results compare equal across engines.
public enum StoreJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String { try StoredJSON.encode(value) }

    /// Decodes stored JSON; a failure is a ``StorageError/Code/corruptData`` naming `what` and `location`.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, location: String, what: String) throws -> T {
        try StoredJSON.decode(type, from: text, location: location, what: what)
    }
}

import Foundation
import IS03Core

/// JSON the way every store writes it (sorted keys), so the same reading is the same bytes in
/// SQLite and PostgreSQL and results compare equal across engines.
public enum StoreJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        // Readings, the bulk of what is stored, have a hand-written encoder (docs/storage.md).
        if let reading = value as? SheetReading, let json = ReadingJSON.encode(reading) { return json }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Decodes stored JSON; a failure is a ``StorageError/Code/corruptData`` naming `what` and `location`.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, location: String, what: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw StorageError(.corruptData, "stored \(what) is not valid JSON for \(type) (\(error)); "
                               + "re-process the page to rewrite it", location: location)
        }
    }
}

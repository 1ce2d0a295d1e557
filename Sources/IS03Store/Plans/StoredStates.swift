import Foundation

/// States cross from a database row into a plan as enums, not strings. The schemas allow only
/// these values (CHECK constraints), so a value outside them means the file was altered.
extension ReviewState {
    public static func stored(_ raw: String, location: String) throws -> ReviewState {
        guard let state = ReviewState(rawValue: raw) else { throw unknownState(raw, "review item", location) }
        return state
    }
}

extension PageState {
    public static func stored(_ raw: String, location: String) throws -> PageState {
        guard let state = PageState(rawValue: raw) else { throw unknownState(raw, "page", location) }
        return state
    }
}

private func unknownState(_ raw: String, _ what: String, _ location: String) -> StorageError {
    StorageError(.corruptData, "a \(what) has the unknown state '\(raw)'; the database was changed outside is03: "
                 + "restore it from a backup", location: location)
}

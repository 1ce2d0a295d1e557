import Foundation
import GRDB
import IS03Core

/// A row of `expert`: one expert of the experts list imported with a participant list version
/// (personal data, purged with that version).
struct ExpertRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "expert"
    var id: Int64?
    var listID: Int64
    /// Order on the experts list.
    var position: Int
    /// The list's own expert id (`Expert.id`).
    var code: String
    var surname: String
    var name: String
    var patronymic: String?
    var oo: String

    enum CodingKeys: String, CodingKey {
        case id, listID = "list_id", position, code, surname, name, patronymic, oo
    }
    enum Columns {
        static let listID = Column(CodingKeys.listID)
        static let position = Column(CodingKeys.position)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(listID: Int64, position: Int, expert e: Expert) {
        self.listID = listID; self.position = position; code = e.id; surname = e.surname
        name = e.name; patronymic = e.patronymic; oo = e.oo
    }

    var expert: Expert { Expert(id: code, surname: surname, name: name, patronymic: patronymic, oo: oo) }
}

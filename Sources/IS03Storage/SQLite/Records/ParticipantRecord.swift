import Foundation
import GRDB
import IS03Core

/// A row of `participant`: one person of one participant list version (personal data).
struct ParticipantRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "participant"
    var id: Int64?
    var listID: Int64
    /// Order on the list, so export and reports keep the list's order.
    var position: Int
    /// The list's own participant id (`Participant.id`).
    var code: String
    var surname: String
    var name: String
    var patronymic: String?
    var className: String
    var documentSeries: String?
    var documentNumber: String?
    var region: String
    var msu: String
    var oo: String
    var auditorium: String?
    var absent: Bool
    var category: String
    var examDate: String

    enum CodingKeys: String, CodingKey {
        case id, listID = "list_id", position, code, surname, name, patronymic
        case className = "class_name", documentSeries = "document_series"
        case documentNumber = "document_number", region, msu, oo, auditorium, absent, category
        case examDate = "exam_date"
    }
    enum Columns {
        static let listID = Column(CodingKeys.listID)
        static let position = Column(CodingKeys.position)
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    init(listID: Int64, position: Int, participant p: Participant) {
        self.listID = listID; self.position = position; code = p.id; surname = p.surname
        name = p.name; patronymic = p.patronymic; className = p.className
        documentSeries = p.documentSeries; documentNumber = p.documentNumber; region = p.region
        msu = p.msu; oo = p.oo; auditorium = p.auditorium; absent = p.absent
        category = p.category; examDate = p.examDate
    }

    var participant: Participant {
        Participant(id: code, surname: surname, name: name, patronymic: patronymic,
                    className: className, documentSeries: documentSeries,
                    documentNumber: documentNumber, region: region, msu: msu, oo: oo,
                    auditorium: auditorium, absent: absent, category: category, examDate: examDate)
    }
}

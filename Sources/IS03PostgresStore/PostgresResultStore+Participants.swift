import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func importParticipantList(name: String, sha256: String, participants: [Participant], experts: [Expert],
                                      sitting: String?, actor: String) async throws -> ParticipantListRef {
        let now = now()
        return try await write { [self] c in
            guard let inserted = try await c.row("""
                INSERT INTO participant_list (name, sha256, row_count, imported_at, expert_count, sitting)
                VALUES (\(name), \(sha256), \(participants.count), \(now), \(experts.count), \(sitting))
                ON CONFLICT (sha256) DO NOTHING RETURNING *
                """) else {
                guard let existing = try await c.row("SELECT * FROM participant_list WHERE sha256 = \(sha256)") else {
                    throw StorageError(.databaseFailure, "participant list \(name) vanished while importing it; run again",
                                       location: location)
                }
                let list = try Self.listRef(existing, isNew: false)
                if let sitting, list.sitting != sitting {
                    throw StorageError(.invalidState, StoreRules.listSittingConflict(name, list.sitting, sitting), location: location)
                }
                return list
            }
            let list = try Self.listRef(inserted, isNew: true)
            for (position, p) in participants.enumerated() {
                try await c.run("""
                    INSERT INTO participant (list_id, position, code, surname, name, patronymic, class_name, document_series,
                                             document_number, region, msu, oo, auditorium, absent, category, exam_date)
                    VALUES (\(list.id), \(position), \(p.id), \(p.surname), \(p.name), \(p.patronymic), \(p.className),
                            \(p.documentSeries), \(p.documentNumber), \(p.region), \(p.msu), \(p.oo), \(p.auditorium),
                            \(p.absent), \(p.category), \(p.examDate))
                    """)
            }
            for (position, e) in experts.enumerated() {
                try await c.run("""
                    INSERT INTO expert (list_id, position, code, surname, name, patronymic, oo)
                    VALUES (\(list.id), \(position), \(e.id), \(e.surname), \(e.name), \(e.patronymic), \(e.oo))
                    """)
            }
            try await audit(c, actor: actor, entity: "participant_list", entityID: list.id, field: "imported",
                            to: StoreRules.listImportSummary(name: name, participants: participants.count, experts: experts.count))
            return list
        }
    }

    public func currentParticipantList(sitting: String?) async throws -> ParticipantListRef? {
        try await read { c in
            try await c.row("""
                SELECT * FROM participant_list WHERE \(sitting)::text IS NULL OR sitting = \(sitting) ORDER BY id DESC LIMIT 1
                """).map { try Self.listRef($0, isNew: false) }
        }
    }

    public func sittings() async throws -> [SittingSummary] {
        try await read { c in
            try await c.rows(PostgresQuery(unsafeSQL: SittingSQL.summaries)).map { row in
                SittingSummary(sitting: try row.get("sitting"), participants: try row.get("participants"),
                               packets: try row.get("packets"), pages: try row.get("pages"), results: try row.get("results"),
                               openReviewItems: try row.get("open_review_items"))
            }
        }
    }

    public func participants(listID: Int64) async throws -> [Participant] {
        try await read { c in
            try await c.rows("SELECT * FROM participant WHERE list_id = \(listID) ORDER BY position").map { row in
                Participant(id: try row.get("code"), surname: try row.get("surname"), name: try row.get("name"),
                            patronymic: try row.get("patronymic"), className: try row.get("class_name"),
                            documentSeries: try row.get("document_series"), documentNumber: try row.get("document_number"),
                            region: try row.get("region"), msu: try row.get("msu"), oo: try row.get("oo"),
                            auditorium: try row.get("auditorium"), absent: try row.get("absent"),
                            category: try row.get("category"), examDate: try row.get("exam_date"))
            }
        }
    }

    public func experts(listID: Int64) async throws -> [Expert] {
        try await read { c in
            try await c.rows("SELECT * FROM expert WHERE list_id = \(listID) ORDER BY position").map { row in
                Expert(id: try row.get("code"), surname: try row.get("surname"), name: try row.get("name"),
                       patronymic: try row.get("patronymic"), oo: try row.get("oo"))
            }
        }
    }

    static func listRef(_ row: PostgresRandomAccessRow, isNew: Bool) throws -> ParticipantListRef {
        ParticipantListRef(id: try row.get("id"), name: try row.get("name"), sha256: try row.get("sha256"),
                           rowCount: try row.get("row_count"), importedAt: try row.get("imported_at"), isNew: isNew,
                           expertCount: try row.get("expert_count"), sitting: try row.get("sitting"))
    }
}

import Foundation
import GRDB
import IS03Core

extension SQLiteResultStore {
    public func importParticipantList(name: String, sha256: String, participants: [Participant], experts: [Expert],
                                      sitting: String?, actor: String) async throws -> ParticipantListRef {
        let now = now()
        return try await write { [self] db in
            if let existing = try ParticipantListRecord.filter(ParticipantListRecord.Columns.sha256 == sha256).fetchOne(db) {
                if let sitting, existing.sitting != sitting {
                    throw StorageError(.invalidState, StoreRules.listSittingConflict(name, existing.sitting, sitting), location: location)
                }
                return Self.listRef(existing, isNew: false)
            }
            var list = ParticipantListRecord(id: nil, name: name, sha256: sha256, rowCount: participants.count,
                                             importedAt: now, expertCount: experts.count, sitting: sitting)
            try list.insert(db)
            for (position, participant) in participants.enumerated() {
                var row = ParticipantRecord(listID: list.id!, position: position, participant: participant)
                try row.insert(db)
            }
            for (position, expert) in experts.enumerated() {
                var row = ExpertRecord(listID: list.id!, position: position, expert: expert)
                try row.insert(db)
            }
            try audit(db, actor: actor, entity: "participant_list", entityID: list.id, field: "imported",
                      to: StoreRules.listImportSummary(name: name, participants: participants.count, experts: experts.count))
            return Self.listRef(list, isNew: true)
        }
    }

    public func currentParticipantList(sitting: String?) async throws -> ParticipantListRef? {
        try await read { db in
            var request = ParticipantListRecord.all()
            if let sitting { request = request.filter(ParticipantListRecord.Columns.sitting == sitting) }
            return try request.order(ParticipantListRecord.Columns.id.desc).fetchOne(db).map { Self.listRef($0, isNew: false) }
        }
    }

    public func sittings() async throws -> [SittingSummary] {
        try await read { db in
            try Row.fetchAll(db, sql: SittingSQL.summaries).map { row in
                SittingSummary(sitting: row["sitting"], participants: row["participants"], packets: row["packets"],
                               pages: row["pages"], results: row["results"], openReviewItems: row["open_review_items"])
            }
        }
    }

    public func participants(listID: Int64) async throws -> [Participant] {
        try await read { db in
            try ParticipantRecord.filter(ParticipantRecord.Columns.listID == listID)
                .order(ParticipantRecord.Columns.position).fetchAll(db).map(\.participant)
        }
    }

    public func experts(listID: Int64) async throws -> [Expert] {
        try await read { db in
            try ExpertRecord.filter(ExpertRecord.Columns.listID == listID)
                .order(ExpertRecord.Columns.position).fetchAll(db).map(\.expert)
        }
    }

    static func listRef(_ record: ParticipantListRecord, isNew: Bool) -> ParticipantListRef {
        ParticipantListRef(id: record.id!, name: record.name, sha256: record.sha256, rowCount: record.rowCount,
                           importedAt: record.importedAt, isNew: isNew, expertCount: record.expertCount,
                           sitting: record.sitting)
    }
}

import Foundation
import IS03Core
import GRDB

extension SQLiteResultStore {
    public func registerPacket(name: String, sourcePath: String, sitting: String?) async throws -> PacketRef {
        let now = now()
        return try await write { [self] db in
            if var existing = try PacketRecord.filter(PacketRecord.Columns.sourcePath == sourcePath).fetchOne(db) {
                if let sitting, existing.sitting != sitting {
                    guard existing.sitting == nil else {
                        throw StorageError(.invalidState, StoreRules.packetSittingConflict(sourcePath, existing.sitting!, sitting),
                                           location: location)
                    }
                    existing.sitting = sitting
                    try existing.update(db)
                }
                return PacketRef(id: existing.id!, name: existing.name, sourcePath: existing.sourcePath,
                                 registeredAt: existing.registeredAt, isNew: false, sitting: existing.sitting)
            }
            var packet = PacketRecord(id: nil, name: name, sourcePath: sourcePath, registeredAt: now, sitting: sitting)
            try packet.insert(db)
            return PacketRef(id: packet.id!, name: name, sourcePath: sourcePath, registeredAt: now, isNew: true, sitting: sitting)
        }
    }

    public func registerScanFile(_ file: ScanFileInput, packetID: Int64) async throws -> ScanFileRegistration {
        let now = now()
        return try await write { [self] db in try register(file, packetID: packetID, at: now, in: db) }
    }

    /// One transaction for all the files: a commit syncs the write-ahead log to disk, once for
    /// the lot instead of once per file.
    public func registerScanFiles(_ files: [ScanFileInput], packetID: Int64) async throws -> [ScanFileRegistration] {
        let now = now()
        return try await write { [self] db in try files.map { try register($0, packetID: packetID, at: now, in: db) } }
    }

    private func register(_ file: ScanFileInput, packetID: Int64, at now: Date, in db: Database) throws -> ScanFileRegistration {
        // The file's hash is its identity: the same bytes twice (same path or a copy) add nothing.
        if let existing = try ScanFileRecord.filter(ScanFileRecord.Columns.sha256 == file.sha256).fetchOne(db) {
            return .alreadyKnown(fileID: existing.id!, pages: try pageRefs(db, fileID: existing.id!))
        }
        guard try PacketRecord.exists(db, key: packetID) else { throw notFound("packet", packetID) }
        var record = ScanFileRecord(id: nil, packetID: packetID, path: file.path, sha256: file.sha256,
                                    size: file.size, registeredAt: now)
        try record.insert(db)
        for image in file.pages {
            var page = PageRecord(id: nil, fileID: record.id!, pageIndex: image.index, sha256: image.sha256,
                                  state: .pending)
            try page.insert(db)
        }
        return .added(fileID: record.id!, pages: try pageRefs(db, fileID: record.id!))
    }

    public func pendingPages(limit: Int, afterID: Int64?) async throws -> [PageRef] {
        try await read { [self] db in
            try pageRefs(db, where: "p.state = 'pending' AND p.purged_at IS NULL AND p.id > ?",
                         arguments: [afterID ?? 0], limit: limit)
        }
    }

    public func markPageFailed(pageID: Int64, reason: String, engineVersion: String, actor: String) async throws {
        let now = now()
        try await write { [self] db in
            guard var page = try PageRecord.fetchOne(db, key: pageID) else { throw notFound("page", pageID) }
            let previous = page.state
            page.state = .failed
            page.failureReason = reason
            page.engineVersion = engineVersion
            page.readAt = now
            try page.update(db)
            try audit(db, actor: actor, entity: "page", entityID: pageID, field: "state",
                      from: previous.rawValue, to: "failed: \(reason)")
        }
    }

    public func page(id: Int64) async throws -> StoredPage? {
        try await read { [self] db in
            guard let record = try PageRecord.fetchOne(db, key: id),
                  let ref = try pageRefs(db, where: "p.id = ?", arguments: [id], limit: 1).first
            else { return nil }
            let reading = try record.readingJSON.map {
                try StoredJSON.decode(SheetReading.self, from: $0, location: location,
                                      what: "reading of page \(id)")
            }
            return StoredPage(ref: ref, failureReason: record.failureReason, templateID: record.templateID,
                              templateVersion: record.templateVersion, engineVersion: record.engineVersion,
                              pageClass: record.pageClass, participantListID: record.participantListID,
                              reading: reading, readAt: record.readAt, purgedAt: record.purgedAt)
        }
    }

    // MARK: Page references

    func pageRefs(_ db: Database, fileID: Int64) throws -> [PageRef] {
        try pageRefs(db, where: "p.file_id = ?", arguments: [fileID], limit: nil)
    }

    /// Pages joined with their file's path. `condition` is SQL over alias `p` (page).
    func pageRefs(_ db: Database, where condition: String, arguments: StatementArguments, limit: Int?) throws -> [PageRef] {
        var sql = """
            SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state
            FROM page p JOIN scan_file f ON f.id = p.file_id
            WHERE \(condition) ORDER BY p.id
            """
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.pageRef)
    }

    static func pageRef(_ row: Row) -> PageRef {
        PageRef(id: row["id"], fileID: row["file_id"], filePath: row["path"], pageIndex: row["page_index"],
                sha256: row["sha256"], state: PageState(rawValue: row["state"]) ?? .pending)
    }
}

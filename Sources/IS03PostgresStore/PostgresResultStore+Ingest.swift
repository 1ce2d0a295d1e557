import Foundation
import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func registerPacket(name: String, sourcePath: String, sitting: String?) async throws -> PacketRef {
        let now = now()
        return try await write { [self] c in
            // Two processes registering the same folder at once: one inserts, the other finds it.
            if let row = try await c.row("""
                INSERT INTO packet (name, source_path, registered_at, sitting) VALUES (\(name), \(sourcePath), \(now), \(sitting))
                ON CONFLICT (source_path) DO NOTHING RETURNING id
                """) {
                return PacketRef(id: try row.get("id"), name: name, sourcePath: sourcePath, registeredAt: now, isNew: true,
                                 sitting: sitting)
            }
            guard let row = try await c.row("SELECT * FROM packet WHERE source_path = \(sourcePath) FOR UPDATE") else {
                throw StorageError(.databaseFailure, "packet \(sourcePath) vanished while registering it; run again",
                                   location: location)
            }
            let id: Int64 = try row.get("id")
            var stored: String? = try row.get("sitting")
            if let sitting, stored != sitting {
                if let stored {
                    throw StorageError(.invalidState, StoreRules.packetSittingConflict(sourcePath, stored, sitting), location: location)
                }
                try await c.run("UPDATE packet SET sitting = \(sitting) WHERE id = \(id)")
                stored = sitting
            }
            return PacketRef(id: id, name: try row.get("name"), sourcePath: sourcePath,
                             registeredAt: try row.get("registered_at"), isNew: false, sitting: stored)
        }
    }

    public func registerScanFile(_ file: ScanFileInput, packetID: Int64) async throws -> ScanFileRegistration {
        let now = now()
        return try await write { [self] c in
            guard try await c.row("SELECT id FROM packet WHERE id = \(packetID)") != nil else {
                // Same order as SQLite: a known file is reported whatever the packet id.
                if let known = try await c.row("SELECT id FROM scan_file WHERE sha256 = \(file.sha256)") {
                    let id: Int64 = try known.get("id")
                    return .alreadyKnown(fileID: id, pages: try await pageRefs(c, fileID: id))
                }
                throw notFound("packet", packetID)
            }
            // The file's hash is its identity; a concurrent registration of the same bytes waits
            // for ours and then inserts nothing.
            guard let inserted = try await c.row("""
                INSERT INTO scan_file (packet_id, path, sha256, size, registered_at)
                VALUES (\(packetID), \(file.path), \(file.sha256), \(file.size), \(now))
                ON CONFLICT (sha256) DO NOTHING RETURNING id
                """) else {
                guard let known = try await c.row("SELECT id FROM scan_file WHERE sha256 = \(file.sha256)") else {
                    throw StorageError(.databaseFailure, "scan file \(file.path) vanished while registering it; run again",
                                       location: location)
                }
                let id: Int64 = try known.get("id")
                return .alreadyKnown(fileID: id, pages: try await pageRefs(c, fileID: id))
            }
            let fileID: Int64 = try inserted.get("id")
            for image in file.pages {
                try await c.run("""
                    INSERT INTO page (file_id, page_index, sha256, state)
                    VALUES (\(fileID), \(image.index), \(image.sha256), 'pending')
                    """)
            }
            return .added(fileID: fileID, pages: try await pageRefs(c, fileID: fileID))
        }
    }

    public func pendingPages(limit: Int, afterID: Int64?) async throws -> [PageRef] {
        try await read { [self] c in
            try await c.rows("""
                \(unescaped: Self.pageSelect)
                WHERE p.state = 'pending' AND p.purged_at IS NULL AND p.id > \(afterID ?? 0)
                ORDER BY p.id LIMIT \(max(0, limit))
                """).map(Self.pageRef)
        }
    }

    public func markPageFailed(pageID: Int64, reason: String, engineVersion: String, actor: String) async throws {
        let now = now()
        try await write { [self] c in
            guard let row = try await c.row("SELECT state FROM page WHERE id = \(pageID) FOR UPDATE") else {
                throw notFound("page", pageID)
            }
            let previous: String = try row.get("state")
            try await c.run("""
                UPDATE page SET state = 'failed', failure_reason = \(reason), engine_version = \(engineVersion),
                       read_at = \(now) WHERE id = \(pageID)
                """)
            try await audit(c, actor: actor, entity: "page", entityID: pageID, field: "state",
                            from: previous, to: "failed: \(reason)")
        }
    }

    public func page(id: Int64) async throws -> StoredPage? {
        try await read { [self] c in
            guard let row = try await c.row("""
                SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state, p.failure_reason, p.template_id,
                       p.template_version, p.engine_version, p.page_class, p.participant_list_id, p.reading_json,
                       p.read_at, p.purged_at
                FROM page p JOIN scan_file f ON f.id = p.file_id WHERE p.id = \(id)
                """) else { return nil }
            let reading = try row.get("reading_json", as: String?.self).map {
                try StoreJSON.decode(SheetReading.self, from: $0, location: location, what: "reading of page \(id)")
            }
            return StoredPage(ref: try Self.pageRef(row), failureReason: try row.get("failure_reason"),
                              templateID: try row.get("template_id"), templateVersion: try row.get("template_version"),
                              engineVersion: try row.get("engine_version"), pageClass: try row.get("page_class"),
                              participantListID: try row.get("participant_list_id"), reading: reading,
                              readAt: try row.get("read_at"), purgedAt: try row.get("purged_at"))
        }
    }

    // MARK: Page references

    func pageRefs(_ c: PostgresConnection, fileID: Int64) async throws -> [PageRef] {
        try await c.rows("\(unescaped: Self.pageSelect) WHERE p.file_id = \(fileID) ORDER BY p.id").map(Self.pageRef)
    }

    /// Pages joined with their file's path (alias `p` for page); callers add WHERE/ORDER/LIMIT.
    static let pageSelect = """
        SELECT p.id, p.file_id, f.path, p.page_index, p.sha256, p.state
        FROM page p JOIN scan_file f ON f.id = p.file_id
        """

    static func pageRef(_ row: PostgresRandomAccessRow) throws -> PageRef {
        PageRef(id: try row.get("id"), fileID: try row.get("file_id"), filePath: try row.get("path"),
                pageIndex: try row.get("page_index"), sha256: try row.get("sha256"),
                state: PageState(rawValue: try row.get("state")) ?? .pending)
    }
}

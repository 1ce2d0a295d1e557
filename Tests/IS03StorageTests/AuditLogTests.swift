import Foundation
import Testing
@testable import IS03Storage

@Suite("Storage: audit log")
struct AuditLogTests {
    @Test("the database rejects UPDATE and DELETE on the audit log", arguments: StoreKind.allCases)
    func appendOnly(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let page = try #require(try await fixture.ingest(packet: "vdp", files: 1).first)
        _ = try await store.commitPage(Samples.outcome(for: page))
        let item = try #require(try await store.reviewItems(pageID: page.id).first)
        _ = try await store.decide(itemID: item.id, operatorName: "operator-1", value: "1", reason: nil)
        let entry = try #require(try await store.auditTrail(entity: "review_item", entityID: item.id).first)

        // Raw SQL, as a careless script would write it: the triggers stop it, not our code.
        // (TRUE/FALSE: both engines read them; PostgreSQL refuses 1/0 for a boolean.)
        var attempts = [
            "DELETE FROM audit_log",
            "UPDATE audit_log SET actor = 'someone-else'",
            "UPDATE audit_log SET to_value = '2'",
            "UPDATE audit_log SET at = '2000-01-01 00:00:00.000'",
            // Redaction that also rewrites who did it is not a redaction.
            "UPDATE audit_log SET from_value = NULL, to_value = NULL, redacted = TRUE, actor = 'x'",
        ]
        if kind == .postgres { attempts.append("TRUNCATE audit_log") }  // skips row triggers; its own trigger stops it
        for sql in attempts {
            await #expect(throws: (any Error).self, "\(sql)") {
                try await store.executeRaw(sql)
            }
        }
        #expect(try await store.auditTrail(entity: "review_item", entityID: item.id) == [entry])

        // The one change allowed: a one-way redaction of the values (what a purge does).
        let redact = "UPDATE audit_log SET from_value = NULL, to_value = NULL, redacted = TRUE WHERE id = \(entry.id)"
        try await store.executeRaw(redact)
        let redacted = try #require(try await store.auditTrail(entity: "review_item", entityID: item.id).first)
        #expect(redacted.redacted && redacted.from == nil && redacted.to == nil)
        #expect(redacted.actor == entry.actor && redacted.at == entry.at && redacted.field == entry.field)
        await #expect(throws: (any Error).self) {
            try await store.executeRaw("UPDATE audit_log SET redacted = FALSE WHERE id = \(entry.id)")
        }
    }
}

import Foundation
import IS03Core
import Testing
@testable import IS03Storage

@Suite("Storage: experts list stored with its participant list version")
struct ExpertListStoreTests {
    static let experts = [
        Expert(id: "E1", surname: "Петрова", name: "Анна", patronymic: "Викторовна", oo: "370045"),
        Expert(id: "E2", surname: "Сидоров", name: "Павел", patronymic: nil, oo: "370052"),
    ]

    @Test("experts come back in list order with the version that carried them", arguments: StoreKind.allCases)
    func expertsRoundTrip(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)  // owns the database's folder: keep it alive
        let store = fixture.store
        let plain = try await store.importParticipantList(name: "l.csv", sha256: Samples.sha("plain"),
                                                          participants: [Samples.participant("P1")], actor: "op")
        #expect(plain.expertCount == 0)
        #expect(try await store.experts(listID: plain.id).isEmpty)

        let withExperts = try await store.importParticipantList(name: "l.csv", sha256: Samples.sha("with experts"),
                                                                participants: [Samples.participant("P1")],
                                                                experts: Self.experts, actor: "op")
        #expect(withExperts.isNew && withExperts.expertCount == 2)
        #expect(try await store.experts(listID: withExperts.id) == Self.experts)
        #expect(try await store.currentParticipantList()?.id == withExperts.id)
        #expect(try await store.currentParticipantList()?.expertCount == 2)

        // The same content again adds nothing, and the audit log says what was imported.
        let again = try await store.importParticipantList(name: "l.csv", sha256: Samples.sha("with experts"),
                                                          participants: [Samples.participant("P1")],
                                                          experts: Self.experts, actor: "op")
        #expect(!again.isNew && again.id == withExperts.id)
        let audit = try await store.auditTrail(entity: "participant_list", entityID: withExperts.id)
        #expect(audit.map(\.to) == ["l.csv (1 participants, 2 experts)"])
    }

    @Test("purging a list version destroys its experts too", arguments: StoreKind.allCases)
    func purgeTakesExperts(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let store = fixture.store
        let old = try await store.importParticipantList(name: "2023.csv", sha256: Samples.sha("2023"),
                                                        participants: [Samples.participant("P1")],
                                                        experts: Self.experts, actor: "op")
        fixture.clock.advance(by: 86_400)
        let cutoff = fixture.clock.now
        fixture.clock.advance(by: 86_400)
        let new = try await store.importParticipantList(name: "2024.csv", sha256: Samples.sha("2024"),
                                                        participants: [Samples.participant("P9")],
                                                        experts: [Self.experts[1]], actor: "op")
        _ = try await store.purge(before: cutoff, actor: "is03 purge")
        #expect(try await store.experts(listID: old.id).isEmpty)
        #expect(try await store.experts(listID: new.id) == [Self.experts[1]])
    }
}

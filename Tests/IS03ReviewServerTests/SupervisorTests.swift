import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03ReviewServer
import IS03Storage
import Testing

/// Supervisor work and double verification.
@Suite struct SupervisorTests {
    @Test func correctionNeedsAReasonAndIsAudited() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            func correct(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/sheets/\(pageID)/corrections", method: .post,
                                         headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "_csrf=\(sveta.csrf)&" + body))
            }
            // crit.ИЧ was never queued: a supervisor may still correct it, with a reason.
            #expect(try await correct("field=crit.%D0%98%D0%A7&value=1&reason=").status == .badRequest)
            #expect(try await correct("field=crit.%D0%98%D0%A7&value=1&reason=%D0%B0%D0%BA%D1%82").status == .seeOther)
            let decision = try #require(try await station.store.decisions(pageID: pageID).first { $0.fieldID == "crit.ИЧ" })
            #expect(decision.value == "1")
            #expect(decision.operatorName == "sveta")
            #expect(decision.reason == "акт")
            let page = String(buffer: try await sveta.get(client, "/sheets/\(pageID)").body)
            #expect(page.contains("1 (sveta)"))
            #expect(page.contains("sveta"))
            // Re-open puts the item back in the queue.
            let reopen = try await client.execute(uri: "/items/\(decision.itemID)/reopen", method: .post,
                                                  headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                                                  body: ByteBuffer(string: "_csrf=\(sveta.csrf)&note=check"))
            #expect(reopen.status == .seeOther)
            #expect(try await station.store.reviewItem(id: decision.itemID)?.state == .open)
        }
    }

    @Test func doubleVerificationNeedsTwoOperatorsAndDisagreementsGoUp() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1", "crit.П2"]) { $0.doubleVerification = true }
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ivan = try await Browser.login(client, "ivan")
            let sveta = try await Browser.login(client, "sveta")
            let first = try await olga.lease(client, count: 2)
            #expect(first.count == 2)
            for item in first {
                #expect(String(buffer: try await olga.decide(client, item.id, "1").body).contains("awaiting-second"))
            }
            // Olga is not asked again; nothing is decided yet.
            #expect(try await olga.lease(client, count: 2).isEmpty)
            #expect(try await station.store.decisions(pageID: first[0].pageID).isEmpty)
            let second = try await ivan.lease(client, count: 2)
            #expect(Set(second.map(\.id)) == Set(first.map(\.id)))
            let agree = try #require(second.first), differ = try #require(second.last)
            #expect(String(buffer: try await ivan.decide(client, agree.id, "1").body).contains(#""status":"decided""#))
            #expect(String(buffer: try await ivan.decide(client, differ.id, "0").body).contains("disagreement"))
            #expect(try await olga.lease(client, count: 2).isEmpty)
            #expect(try await ivan.lease(client, count: 2).isEmpty)
            let dispute = try #require(try await sveta.lease(client, count: 2).first)
            #expect(dispute.id == differ.id)
            #expect(dispute.opinions.count == 2)
            #expect(try await sveta.decide(client, dispute.id, "0").status == .ok)
            let decided = try await station.store.decisions(pageID: agree.pageID)
            #expect(decided.count == 2)
            #expect(decided.first { $0.itemID == agree.id }?.reason == "double verification: ivan, olga agree")
        }
    }
}

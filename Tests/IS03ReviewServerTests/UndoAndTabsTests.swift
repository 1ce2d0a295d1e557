import Foundation
import Hummingbird
import HummingbirdTesting
import IS03ReviewServer
import IS03Storage
import Testing

/// An operator's undo (only their own decision, only while it is in force), the queue counter,
/// and one set of leased items per operator shared out between their browser tabs.
@Suite struct UndoAndTabsTests {
    static let tabA = String(repeating: "a", count: 32), tabB = String(repeating: "b", count: 32)

    struct Leased: Decodable { var items: [ItemView]; var remaining: Int; var remainingInGroup: Int? }

    static func lease(_ client: some TestClientProtocol, _ browser: Browser, count: Int, tab: String?,
                      exclude: [Int64] = []) async throws -> Leased {
        let tabPart = tab.map { #", "tab": "\#($0)""# } ?? ""
        let response = try await browser.post(client, "/api/queue/lease",
                                              json: #"{"count": \#(count), "exclude": \#(exclude)\#(tabPart)}"#)
        #expect(response.status == .ok, "lease answered \(response.status): \(String(buffer: response.body))")
        return try JSONDecoder().decode(Leased.self, from: Data(buffer: response.body))
    }

    static func undo(_ client: some TestClientProtocol, _ browser: Browser, _ id: Int64) async throws -> TestResponse {
        try await browser.post(client, "/api/items/\(id)/undo", json: #"{"tab": "\#(tabA)"}"#)
    }

    @Test func anOperatorUndoesOnlyTheirOwnDecisionWhileItIsInForce() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1", "crit.П2"])
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ivan = try await Browser.login(client, "ivan")
            let sveta = try await Browser.login(client, "sveta")
            let first = try await Self.lease(client, olga, count: 2, tab: Self.tabA)
            #expect(first.remaining == 2)
            let item = try #require(first.items.first { $0.fieldID == "crit.П1" })
            #expect(try await olga.decide(client, item.id, "1").status == .ok)

            // Someone else's decision is not theirs to undo: refused, nothing changes.
            let foreign = try await Self.undo(client, ivan, item.id)
            #expect(foreign.status == .forbidden)
            #expect(String(buffer: foreign.body).contains("только своё решение"))
            #expect(try await station.store.reviewItem(id: item.id)?.state == .decided)

            // Her own: the item is open again, held by her, the decision no longer in force.
            let undone = try await Self.undo(client, olga, item.id)
            #expect(undone.status == .ok)
            let view = try JSONDecoder().decode(ItemView.self, from: Data(buffer: undone.body))
            #expect(view.id == item.id)
            let reopened = try #require(try await station.store.reviewItem(id: item.id))
            #expect(reopened.state == .open && reopened.assignedOperator == "olga")
            #expect(try await station.store.decisions(pageID: pageID).allSatisfy { $0.itemID != item.id })
            let trail = try await station.store.auditTrail(entity: "review_item", entityID: item.id)
            #expect(trail.contains { $0.actor == "olga" && ($0.to ?? "").contains("отменил") })
            // Nothing left to undo on an open item; the counter counts it again.
            #expect(try await Self.undo(client, olga, item.id).status == .conflict)
            #expect(try await Self.lease(client, olga, count: 1, tab: Self.tabA, exclude: [item.id]).remaining == 2)

            // Decided again, then corrected by a supervisor: her decision is superseded.
            #expect(try await olga.decide(client, item.id, "2").status == .ok)
            let correction = try await client.execute(
                uri: "/sheets/\(pageID)/corrections", method: .post,
                headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(sveta.csrf)&field=crit.%D0%9F1&value=0&reason=%D0%B0%D0%BA%D1%82"))
            #expect(correction.status == .seeOther)
            #expect(try await Self.undo(client, olga, item.id).status == .forbidden)
            #expect(try await station.store.decisions(pageID: pageID).first { $0.itemID == item.id }?.value == "0")
        }
    }

    @Test func twoTabsOfOneOperatorNeverHoldTheSameItems() async throws {
        let station = try await Station.make(sheets: 2, fields: ["crit.П1", "crit.П2"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let inA = try await Self.lease(client, olga, count: 2, tab: Self.tabA).items.map(\.id)
            let inB = try await Self.lease(client, olga, count: 2, tab: Self.tabB).items.map(\.id)
            #expect(inA.count == 2 && inB.count == 2)
            #expect(Set(inA).isDisjoint(with: inB), "tab A \(inA), tab B \(inB)")
            // Every item is in one tab or the other: a third lease of A has nothing new.
            #expect(try await Self.lease(client, olga, count: 2, tab: Self.tabA, exclude: inA).items.isEmpty)
            // Tab A is left (its items handed back): tab B may now take them.
            let release = try await olga.post(client, "/api/queue/release", json: #"{"ids": \#(inA)}"#)
            #expect(release.status == .noContent)
            let later = try await Self.lease(client, olga, count: 4, tab: Self.tabB, exclude: inB).items.map(\.id)
            #expect(Set(later) == Set(inA))
            // A tab id is hex from the page, nothing else.
            let bad = try await olga.post(client, "/api/queue/lease", json: #"{"count": 1, "tab": "../x"}"#)
            #expect(bad.status == .badRequest)
        }
    }

    @Test func releaseOnLeavingThePageNeedsTheCSRFToken() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ids = try await Self.lease(client, olga, count: 1, tab: Self.tabA).items.map(\.id)
            let forged = try await client.execute(uri: "/api/queue/release", method: .post,
                                                  headers: [.cookie: olga.cookie, .contentType: "application/json"],
                                                  body: ByteBuffer(string: #"{"ids": \#(ids)}"#))
            #expect(forged.status == .forbidden)
            #expect(try await station.store.reviewItem(id: ids[0])?.assignedOperator == "olga")
            #expect(try await olga.post(client, "/api/queue/release", json: #"{"ids": \#(ids)}"#).status == .noContent)
            #expect(try await station.store.reviewItem(id: ids[0])?.assignedOperator == nil)
        }
    }
}

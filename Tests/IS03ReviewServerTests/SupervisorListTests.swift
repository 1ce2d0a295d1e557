import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
@testable import IS03ReviewServer
import IS03Storage
import Testing

/// The supervisor's lists, history and per-operator counts, through the real routes.
@Suite struct SupervisorListTests {
    @Test func everyOutstandingItemIsListedByStateAndReopenedFromTheList() async throws {
        let station = try await Station.make(sheets: 3, fields: ["crit.П1", "crit.П2"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let sveta = try await Browser.login(client, "sveta")
            let leased = try await olga.lease(client, count: 2)
            let deferred = try #require(leased.first), held = try #require(leased.last)
            #expect(try await olga.post(client, "/api/items/\(deferred.id)/defer", json: #"{"note": "не видно"}"#).status == .noContent)
            func list(_ uri: String) async throws -> String {
                let response = try await sveta.get(client, uri)
                #expect(response.status == .ok)
                return String(buffer: response.body)
            }
            let all = try await list("/items")
            #expect(all.contains("Не решено: 6, из них отложено: 1."))
            #expect(all.contains("Показаны 1–6 из 6"))
            let onlyDeferred = try await list("/items?state=deferred")
            #expect(onlyDeferred.contains("<td>\(deferred.id)</td>"))
            #expect(!onlyDeferred.contains("<td>\(held.id)</td>"))
            #expect(onlyDeferred.contains("Показаны 1–1 из 1"))
            #expect(try await list("/items?state=held").contains("на руках у olga"))
            let byField = try await list("/items?field=crit.%D0%9F1")
            #expect(byField.contains("Показаны 1–3 из 3"))
            #expect(try await list("/items?oo=999999").contains("Показаны 0–0 из 0"))
            // Only supervisors see the lists; without a session they lead to the login.
            for uri in ["/items", "/operators", "/sheets"] {
                #expect(try await olga.get(client, uri).status == .forbidden)
                let anonymous = try await client.execute(uri: uri, method: .get)
                #expect(anonymous.status == .seeOther && anonymous.headers[.location] == "/login")
            }
            // «Вернуть в очередь» from the list: the item is open again and the list shows again.
            let reopen = try await client.execute(
                uri: "/items/\(deferred.id)/reopen", method: .post,
                headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(sveta.csrf)&back=%2Fitems%3Fstate%3Ddeferred"))
            #expect(reopen.status == .seeOther)
            #expect(reopen.headers[.location] == "/items?state=deferred")
            #expect(try await station.store.reviewItem(id: deferred.id)?.state == .open)
            // Another site is never a way back.
            let away = try await client.execute(
                uri: "/items/\(deferred.id)/reopen", method: .post,
                headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "_csrf=\(sveta.csrf)&back=%2F%2Fevil.example"))
            #expect(away.headers[.location] == "/sheets/\(deferred.pageID)")
            let sheets = try await list("/sheets?status=pending")
            #expect(sheets.contains("ждёт проверки (2)"))
            #expect(try await list("/sheets?status=final").contains("Показаны 0–0 из 0"))
        }
    }

    @Test func listsArePagedNotCut() {
        let query = ListQuery(["page": "2", "reason": "noMark"])
        let rows = Array(0..<250)
        #expect(Array(query.slice(rows)) == Array(100..<200))
        let pager = query.pager("/items", total: 250)
        #expect(pager.contains("Показаны 101–200 из 250"))
        #expect(pager.contains("/items?reason=noMark&amp;page=3"))
        #expect(pager.contains("/items?reason=noMark\" rel=\"prev\""))
        #expect(Array(ListQuery(["page": "3"]).slice(rows)) == Array(200..<250))
    }

    @Test func refusedCorrectionIsARussianPageAndHistoryIsRussianLocalTimeWithReasons() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        let pageID = try #require(station.report.pageIDs.first)
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            func correct(_ body: String) async throws -> TestResponse {
                try await client.execute(uri: "/sheets/\(pageID)/corrections", method: .post,
                                         headers: [.cookie: sveta.cookie, .contentType: "application/x-www-form-urlencoded"],
                                         body: ByteBuffer(string: "_csrf=\(sveta.csrf)&" + body))
            }
            let refused = try await correct("field=crit.%D0%98%D0%A7&value=5&reason=%D0%B0%D0%BA%D1%82")
            #expect(refused.status == .badRequest)
            #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
            let text = String(buffer: refused.body)
            #expect(text.contains("Исправление не принято"))
            #expect(text.contains("Ничего не сохранено"))
            #expect(!text.hasPrefix("{"))
            #expect(try await station.store.reviewItems(pageID: pageID).allSatisfy { $0.reason != "supervisor-correction" })

            #expect(try await correct("field=crit.%D0%98%D0%A7&value=1&reason=%D0%B0%D0%BA%D1%82").status == .seeOther)
            let page = String(buffer: try await sveta.get(client, "/sheets/\(pageID)").body)
            let offset = LocalTime().offset(Date())
            #expect(page.contains("(\(offset))"))
            #expect(page.contains("решение"))
            #expect(page.contains("<td>акт</td>"))
            #expect(page.contains("открыто для исправления"))
            #expect(!page.contains("opened for correction"))
            #expect(page.contains("1 (sveta) "))
            #expect(page.contains("незачёт, ждёт проверки") || page.contains("зачёт, ждёт проверки"))
            #expect(!page.contains("<small>ok</small>"))
            #expect(page.firstMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) == nil)
        }
    }

    @Test func historyLinesSayWhatHappenedInRussian() {
        func entry(_ field: String, _ from: String?, _ to: String?) -> AuditEntry {
            AuditEntry(id: 1, at: Date(), actor: "olga", entity: "review_item", entityID: 7, field: field, from: from, to: to, redacted: false)
        }
        #expect(HistoryLine(entry("state", "open", "deferred: не видно")) { _ in nil }
                == HistoryLine(action: "отложено", from: "открыто", to: "отложено", note: "не видно"))
        #expect(HistoryLine(entry("state", "decided", "reopened: re-opened by supervisor")) { _ in nil }.note == "возвращено супервизором")
        #expect(HistoryLine(entry("crit.П1", "0", "1")) { _ in "акт" }
                == HistoryLine(action: "решение", from: "0", to: "1", note: "акт"))
    }

    @Test func operatorsTodayCountsDecisionsDeferralsAndPace() async throws {
        let station = try await Station.make(sheets: 2, fields: ["crit.П1", "crit.П2"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let sveta = try await Browser.login(client, "sveta")
            let items = try await olga.lease(client, count: 3)
            #expect(items.count == 3)
            for item in items.prefix(2) { #expect(try await olga.decide(client, item.id, "1").status == .ok) }
            #expect(try await olga.post(client, "/api/items/\(items[2].id)/defer", json: "{}").status == .noContent)
            let page = String(buffer: try await sveta.get(client, "/operators").body)
            // olga: 2 decided, 2 in the last hour, pace, 1 deferred, 0 opinions.
            #expect(page.firstMatch(of: /<td>olga<\/td><td>2<\/td><td>2<\/td><td>\d+<\/td><td>1<\/td><td>0<\/td>/) != nil)
            #expect(!page.contains("<td>ivan</td>"))
        }
    }
}

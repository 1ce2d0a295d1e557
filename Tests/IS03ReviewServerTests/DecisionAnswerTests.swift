import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03Core
import IS03ReviewServer
import IS03Storage
import Testing

/// Every kind of item takes exactly its answers (the domain's decision model) and the server
/// refuses anything else in Russian, storing nothing.
@Suite struct DecisionAnswerTests {
    @Test func aStrayEnterOnAnUnreadableNameStoresNothingAndSaysWhy() async throws {
        let station = try await Station.make(sheets: 1, fields: [], participantEvery: 1)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            #expect(item.kind == "participant" && item.fieldLabel == "Участник")
            #expect(item.machineValue == DemoQueue.unreadableName)
            // The name as read has no confidence of its own: the candidates carry theirs.
            #expect(item.confidence == nil)
            #expect(item.answers.map(\.kind) == ["participant"])
            #expect(item.message?.contains("прочитано недостаточно") == true)
            // Enter on the item sends what the machine read: refused, nothing stored.
            let stray = try await olga.decide(client, item.id, DemoQueue.unreadableName)
            #expect(stray.status == .badRequest)
            #expect(String(buffer: stray.body).contains("нет в списке участников: ничего не сохранено"))
            for value in ["P000001\u{202E}", "P999999", "", "rescan"] {
                #expect(try await olga.decide(client, item.id, value, note: nil).status == .badRequest, "\(value)")
            }
            let nul = try await olga.post(client, "/api/items/\(item.id)/decision", json: #"{"value": "P000001\u0000"}"#)
            #expect(nul.status == .badRequest)
            #expect(try await station.store.decisions(pageID: item.pageID).isEmpty)
            #expect(try await olga.decide(client, item.id, "P000001").status == .ok)
        }
    }

    @Test func eachKindOffersItsAnswersAndTakesThem() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"], everyKind: true)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let items = Dictionary(uniqueKeysWithValues: try await olga.lease(client, count: 20).map { ($0.fieldID, $0) })
            #expect(Set(items.keys) == ["crit.П1", "crit.Д2", "expertVerdict", "expertTotal", "@sheet", "@page"])
            let truth = station.report.truth.values.reduce(into: [String: String]()) { $0.merge($1) { a, _ in a } }

            // A foreign page: two actions on the keys 1 and 2, no participant search.
            let page = try #require(items["@page"])
            #expect(page.kind == "page" && page.fieldLabel != "Участник")
            #expect(page.answers.map(\.value) == ["not-a-sheet", "rescan"] && page.answers.map(\.key) == ["1", "2"])
            #expect(page.message?.contains("не бланк ИС-03") == true)
            #expect(try await olga.decide(client, page.id, "P000001").status == .badRequest)
            #expect(try await olga.decide(client, page.id, "not-a-sheet").status == .ok)

            // A rule over the sheet: its text is no value; accepting it needs a note.
            let rule = try #require(items["@sheet"])
            #expect(rule.kind == "sheet" && rule.fieldLabel == "Бланк целиком")
            #expect(rule.message == DemoQueue.ruleMessage)
            #expect(rule.confidence == nil, "a finding over the sheet shows no reading, so no confidence")
            #expect(rule.answers.first { $0.value == "accept-as-is" }?.needsNote == true)
            #expect(try await olga.decide(client, rule.id, DemoQueue.ruleMessage, note: nil).status == .badRequest)
            let bare = try await olga.decide(client, rule.id, "accept-as-is", note: nil)
            #expect(bare.status == .badRequest && String(buffer: bare.body).contains("пояснение"))
            #expect(try await olga.decide(client, rule.id, "accept-as-is", note: "задание 2 выполнено").status == .ok)

            // «нет отметки» confirmed blank (Delete); the verdict in words; a two-digit total.
            let blank = try #require(items["crit.Д2"])
            #expect(blank.answers.first.map { [$0.kind, $0.key] } == ["blank", "Delete"])
            #expect(try await olga.decide(client, blank.id, "").status == .ok)
            let verdict = try #require(items["expertVerdict"])
            #expect(verdict.values == ["зачёт", "незачёт"] && verdict.answers.map(\.kind) == ["value"])
            #expect(try await olga.decide(client, verdict.id, "").status == .badRequest)
            let typed = try #require(truth["expertVerdict"]).replacingOccurrences(of: "ё", with: "е").uppercased()
            #expect(try await olga.decide(client, verdict.id, typed).status == .ok)
            let total = try #require(items["expertTotal"])
            #expect(try await olga.decide(client, total.id, "21").status == .badRequest)
            #expect(try await olga.decide(client, total.id, try #require(truth["expertTotal"])).status == .ok)

            var stored: [String: FieldDecision] = [:]
            for pageID in station.report.pageIDs {
                for decision in try await station.store.decisions(pageID: pageID) { stored[decision.fieldID] = decision }
            }
            #expect(stored["@page"]?.value == "not-a-sheet")
            #expect(stored["@sheet"]?.value == "accept-as-is" && stored["@sheet"]?.reason == "задание 2 выполнено")
            #expect(stored["crit.Д2"]?.value == "")
            // Stored in the field's own spelling, whatever case and ё the operator typed.
            #expect(stored["expertVerdict"]?.value == truth["expertVerdict"])
            #expect(stored["expertTotal"]?.value == truth["expertTotal"])
        }
    }

    @Test func aWithdrawnItemIsExplainedInRussian() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let gone = try await olga.decide(client, 987_654, "1")
            #expect(gone.status == .notFound)
            #expect(String(buffer: gone.body).contains("Этого вопроса больше нет"))
        }
    }

    @Test func anInvalidCorrectionLeavesNothingBehind() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            let pageID = try #require(station.report.pageIDs.first)
            let before = try await station.store.reviewItems(pageID: pageID).count
            var headers = HTTPFields()
            headers[.cookie] = sveta.cookie
            headers[.contentType] = "application/x-www-form-urlencoded"
            let form = "field=crit.%D0%9F2&value=5&reason=%D0%BE%D1%88%D0%B8%D0%B1%D0%BA%D0%B0&_csrf=\(sveta.csrf)"
            let response = try await client.execute(uri: "/sheets/\(pageID)/corrections", method: .post, headers: headers,
                                                    body: ByteBuffer(string: form))
            #expect(response.status == .badRequest)
            #expect(String(buffer: response.body).contains("Допустимо"))
            #expect(try await station.store.reviewItems(pageID: pageID).count == before)
        }
    }
}

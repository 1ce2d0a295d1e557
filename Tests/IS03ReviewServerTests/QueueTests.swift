import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import IS03Core
import IS03ReviewServer
import IS03Storage
import IS03Vision
import Testing

/// The queue through its JSON API, as the keyboard page drives it.
@Suite struct QueueTests {
    @Test func keyboardFlowDecidesEveryItemAndTheExportChanges() async throws {
        let station = try await Station.make(sheets: 2, fields: ["crit.П1", "crit.П2"])
        try await station.app().test(.router) { client in
            let sveta = try await Browser.login(client, "sveta")
            let before = String(buffer: try await sveta.get(client, "/export.csv").body)
            #expect(before.contains("pending-review"))

            let olga = try await Browser.login(client, "olga")
            // The page holds items ahead: the first lease plus a prefetch that skips them.
            var held = try await olga.lease(client, count: 2)
            #expect(held.count == 2)
            held += try await olga.lease(client, count: 3, exclude: held.map(\.id))
            #expect(Set(held.map(\.id)).count == 4)
            #expect(try await olga.lease(client, count: 1, exclude: held.map(\.id)).isEmpty)
            var expected: [Int64: String] = [:]
            for item in held {
                #expect(item.kind == "choice")
                #expect(!item.values.isEmpty)
                #expect(item.reasonText == "отметка прочитана неуверенно")
                // Enter accepts the machine's value; a digit then Enter sets the truth.
                let truth = try #require(station.report.truth[item.pageID]?[item.fieldID])
                let response = try await olga.decide(client, item.id, truth)
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains(#""status":"decided""#))
                expected[item.id] = truth
            }
            for pageID in station.report.pageIDs {
                for decision in try await station.store.decisions(pageID: pageID) {
                    #expect(decision.operatorName == "olga")
                    #expect(expected[decision.itemID] == decision.value)
                }
            }
            let trail = try await station.store.auditTrail(entity: "review_item", entityID: held[0].id)
            #expect(trail.contains { $0.actor == "olga" && $0.to == expected[held[0].id] })
            let after = String(buffer: try await sveta.get(client, "/export.csv").body)
            #expect(!after.contains("pending-review"))
            #expect(after.contains("final"))
            #expect(after.contains("crit.П1=\(station.report.truth[station.report.pageIDs[0]]!["crit.П1"]!)"))
        }
    }

    @Test func valuesOutsideTheFieldAreRefused() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            #expect(item.values == ["0", "1", "2"])
            let seven = try await olga.decide(client, item.id, "7")
            #expect(seven.status == .badRequest)
            #expect(String(buffer: seven.body).contains("Допустимо: одно из значений 0, 1, 2"))
            #expect(try await olga.decide(client, item.id, "12").status == .badRequest)
            #expect(try await station.store.decisions(pageID: item.pageID).isEmpty)
        }
    }

    @Test func cropShowsTheFieldWithItsInk() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            let crop = try await decode(try await olga.get(client, item.cropURL), station)
            let sheet = try await decode(try await olga.get(client, item.sheetURL), station)
            // A crop is a small part of the page and holds the drawn mark (dark pixels).
            #expect(crop.width < Station.blank.width / 2)
            #expect(crop.height < Station.blank.height / 8)
            #expect(crop.pixels.contains { $0 < 60 })
            #expect(sheet.width == station.configuration.thumbnailWidth)
        }
    }

    @Test func noItemIsHandedToTwoOperators() async throws {
        let station = try await Station.make(sheets: 4, fields: ["crit.П1", "crit.П2", "crit.П3"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let ivan = try await Browser.login(client, "ivan")
            let (a, b) = try await withThrowingTaskGroup(of: (Int, [Int64]).self) { group in
                for (index, browser) in [olga, ivan].enumerated() {
                    group.addTask {
                        var mine: [Int64] = []
                        for _ in 0..<4 { mine += try await browser.lease(client, count: 2, exclude: mine).map(\.id) }
                        return (index, mine)
                    }
                }
                var results: [Int: [Int64]] = [:]
                for try await (index, ids) in group { results[index] = ids }
                return (results[0]!, results[1]!)
            }
            #expect(Set(a).isDisjoint(with: b))
            #expect(a.count + b.count == 12)
            // Ivan cannot decide or defer Olga's item.
            let taken = try #require(a.first)
            #expect(try await ivan.decide(client, taken, "1").status == .conflict)
            #expect(try await ivan.post(client, "/api/items/\(taken)/defer", json: "{}").status == .conflict)
            #expect(try await olga.decide(client, taken, "1").status == .ok)
        }
    }

    @Test func groupModeShowsOneKindOfItemFromManySheets() async throws {
        let station = try await Station.make(sheets: 3, fields: ["crit.П1", "crit.П2"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            struct Groups: Decodable { var groups: [ReviewGroup] }
            let groups = try JSONDecoder().decode(Groups.self, from: Data(buffer: try await olga.get(client, "/api/queue/groups").body)).groups
            #expect(Set(groups.map(\.fieldID)) == ["crit.П1", "crit.П2"])
            #expect(groups.allSatisfy { $0.count == 3 && $0.reason == "lowConfidenceMark" })
            // Named in words, not by codes.
            struct Labels: Decodable { struct Group: Decodable { var label: String }; var groups: [Group] }
            let labels = try JSONDecoder().decode(Labels.self, from: Data(buffer: try await olga.get(client, "/api/queue/groups").body))
            #expect(labels.groups.allSatisfy { $0.label.hasSuffix("— отметка прочитана неуверенно") && !$0.label.contains("lowConfidence") })
            let tiles = try await olga.lease(client, count: 24, fieldID: "crit.П1")
            #expect(tiles.count == 3)
            #expect(Set(tiles.map(\.pageID)).count == 3)
            #expect(tiles.allSatisfy { $0.fieldID == "crit.П1" })
            // One keystroke per tile: Enter (the machine's value).
            for tile in tiles { #expect(try await olga.decide(client, tile.id, tile.machineValue!).status == .ok) }
            let left = try JSONDecoder().decode(Groups.self, from: Data(buffer: try await olga.get(client, "/api/queue/groups").body)).groups
            #expect(left.map(\.fieldID) == ["crit.П2"])
        }
    }

    @Test func participantItemsOfferCandidatesAndASearch() async throws {
        let station = try await Station.make(sheets: 1, fields: [], participantEvery: 1)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            #expect(item.kind == "participant")
            #expect(item.candidates.first?.label?.hasPrefix("Иванов Анна") == true)
            let search = String(buffer: try await olga.get(client, "/api/participants?q=%D0%B5%D0%BB%D0%BA").body) // "елк"
            #expect(search.contains("Ёлкина"))
            #expect(try await olga.decide(client, item.id, "P000004").status == .ok)
        }
    }

    private func decode(_ response: TestResponse, _ station: Station) async throws -> GrayImage {
        #expect(response.status == .ok)
        #expect(response.headers[.contentType] == "image/png")
        let url = station.folder.appendingPathComponent("\(UUID().uuidString).png")
        try Data(buffer: response.body).write(to: url)
        return try ScanFile(url: url).decode(page: 0)
    }
}

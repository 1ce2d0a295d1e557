import Foundation
import Hummingbird
import HummingbirdTesting
import IS03Core
import IS03ReviewServer
import IS03Storage
import IS03Vision
import Testing

/// The crop an operator decides by shows the field's surroundings, cut through the template's
/// geometry: the criterion's row with its printed label and the «0 1 2» header over it, the
/// expert's surname with the initials, and a mismatch with the computed total beside it.
@Suite struct ContextCropTests {
    /// Pixels per millimetre of the fixture's scans.
    static let scale = Station.dpi / 25.4

    @Test func aMarkCropShowsTheRowLabelAndTheColumnHeader() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            let crop = try await Self.image(olga.get(client, item.cropURL), station)
            // From the label «П1 Микротемы» (x 14 mm) to past the «2» bubble (x 91 mm), not the bubbles alone.
            #expect(Double(crop.width) >= 75 * Self.scale, "crop \(crop.width) px wide")
            // Two strips, the header over the row, parted by a grey rule across the whole width.
            let rules = (0..<crop.height).filter { y in (0..<crop.width).allSatisfy { crop.pixels[y * crop.width + $0] == 150 } }
            #expect(!rules.isEmpty, "no rule between the header and the row")
            let rule = try #require(rules.first)
            // The header holds the printed «0 1 2» over the bubbles (the right part), the row the
            // printed label at its left: ink in both places.
            #expect(Self.ink(crop, x: crop.width * 3 / 4..<crop.width, y: 0..<rule) > 0)
            #expect(Self.ink(crop, x: 0..<crop.width / 4, y: rule + 4..<crop.height) > 0)
            // No more than the header and one row: under 14 mm of page in all.
            #expect(Double(crop.height) < 14 * Self.scale + 4, "crop \(crop.height) px high")
        }
    }

    @Test func theExpertSurnameCropTakesInTheInitials() async throws {
        let station = try await Station.make(sheets: 1, fields: ["expertSurname"])
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let item = try #require(try await olga.lease(client, count: 1).first)
            #expect(item.fieldID == "expertSurname")
            let crop = try await Self.image(olga.get(client, item.cropURL), station)
            // Surname boxes start at 38 mm, the initials end at 166 mm and «И. О.» follows them.
            let template = Station.template
            let initials = try #require(template.field(role: .expertInitials)).cells(defaults: template.defaults)
            let end = try #require(initials.last).rect.maxX
            #expect(Double(crop.width) >= (end - 14) * Self.scale, "crop \(crop.width) px wide")
            // One line of the form, not the whole page.
            #expect(Double(crop.height) < 15 * Self.scale, "crop \(crop.height) px high")
        }
    }

    @Test func aTotalMismatchShowsTheComputedTotal() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"], everyKind: true)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let items = try await olga.lease(client, count: 20)
            let mismatch = try #require(items.first { $0.reason == ReviewReason.totalMismatch.rawValue })
            let page = try #require(try await station.store.page(id: mismatch.pageID)?.reading)
            let criteria = Station.template.fields.filter { $0.role == .criterion }
                .compactMap { page.field($0.id)?.value.flatMap { Int($0) } }.reduce(0, +)
            #expect(mismatch.computedTotal == criteria)
            #expect(items.first { $0.reason == ReviewReason.lowConfidenceMark.rawValue }?.computedTotal == nil)
            // The crop shows the total's row and the verdict's, not the whole page.
            let crop = try await Self.image(olga.get(client, mismatch.cropURL), station)
            #expect(Double(crop.height) < 40 * Self.scale, "crop \(crop.height) px high")
        }
    }

    @Test func aParticipantItemCarriesEachCandidateAsWrittenInTheBoxes() async throws {
        let station = try await Station.make(sheets: 1, fields: ["crit.П1"], participantEvery: 1)
        try await station.app().test(.router) { client in
            let olga = try await Browser.login(client, "olga")
            let items = try await olga.lease(client, count: 5)
            let item = try #require(items.first { $0.kind == "participant" })
            let first = try #require(item.candidates.first { $0.value == "P000001" })
            // Capitals, as hand-print in the boxes; the patronymic the list lacks is empty.
            #expect(first.nameInBoxes == ["ИВАНОВ", "АННА", ""])
            #expect(item.candidates.allSatisfy { $0.nameInBoxes?.count == 3 })
            #expect(items.first { $0.kind == "choice" }?.candidates.allSatisfy { $0.nameInBoxes == nil } == true)
        }
    }

    /// The PNG of a response, decoded by OpenCV.
    static func image(_ response: TestResponse, _ station: Station) throws -> GrayImage {
        #expect(response.status == .ok)
        let url = station.folder.appendingPathComponent("crop-\(UUID().uuidString).png")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(buffer: response.body).write(to: url)
        return try ScanFile(url: url).decode(page: 0)
    }

    /// Dark pixels in a region.
    static func ink(_ image: GrayImage, x: Range<Int>, y: Range<Int>) -> Int {
        y.reduce(0) { sum, row in sum + x.filter { image.pixels[row * image.width + $0] < 200 }.count }
    }
}

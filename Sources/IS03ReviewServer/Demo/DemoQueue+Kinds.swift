import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// The demo's items of every kind besides low-confidence marks and participants, so tests and
/// screenshots meet each kind of answer: «пусто», words, two-digit totals, an action with a
/// note, an action on a foreign page.
extension DemoQueue {
    /// What a hand-print reader makes of a name it cannot read: never a participant id.
    public static let unreadableName = "БЮМЩЮМЮЮЮЮ ВШБ МРПЁМЮВМ"
    /// The criterion left truly blank on the first sheet (a «нет отметки» item).
    static let blankCriterion = "crit.Д2"
    /// The message of the sheet-wide rule finding.
    public static let ruleMessage = "правило task2-not-attempted: Р1.Г = 1, хотя задание 2 отмечено как не начатое"

    /// A «нет отметки» criterion, the expert's verdict and total disagreeing with the computed
    /// ones, and a broken rule over the whole sheet.
    static func otherKinds(machine: [String: String]) -> [ReviewItemInput] {
        [
            ReviewItemInput(fieldID: blankCriterion, reason: ReviewReason.noMark.rawValue, machineValue: nil, confidence: 0.97,
                            message: "критерий Д2: нет отметки"),
            ReviewItemInput(fieldID: "expertVerdict", reason: ReviewReason.verdictMismatch.rawValue,
                            machineValue: machine["expertVerdict"], confidence: 0.98,
                            message: "эксперт отметил «\(machine["expertVerdict"] ?? "—")», по расчёту итог другой"),
            ReviewItemInput(fieldID: "expertTotal", reason: ReviewReason.totalMismatch.rawValue,
                            machineValue: machine["expertTotal"], confidence: 0.98,
                            message: "эксперт записал общий балл \(machine["expertTotal"] ?? "—"), по критериям сумма другая"),
            ReviewItemInput(fieldID: "@sheet", reason: ReviewReason.ruleViolation.rawValue, machineValue: nil, confidence: 1,
                            message: ruleMessage),
        ]
    }

    /// The right answers of ``otherKinds(machine:)``: what the ink says, and the rule finding
    /// accepted (the expert's marks stand).
    static func otherKindsTruth(values: [String: String]) -> [String: String] {
        [blankCriterion: "", "expertVerdict": values["expertVerdict"] ?? "", "expertTotal": values["expertTotal"] ?? "",
         "@sheet": ReviewAction.acceptAsIs.rawValue]
    }

    /// A page that is no ИС-03 sheet (an empty page here), with its `@page` item.
    func addForeignPage(store: any ResultStore, blank: GrayImage, packetID: Int64, folder: URL, report: inout Report) async throws {
        let empty = GrayImage(width: blank.width, height: blank.height, fill: 245)
        let bytes = PNGEncoder.encode(width: empty.width, height: empty.height, pixels: empty.pixels, color: .gray)
        let url = folder.appendingPathComponent("foreign-page.png")
        try Data(bytes).write(to: url)
        let sha = SHA256.hex(bytes)
        let registration = try await store.registerScanFile(
            ScanFileInput(path: url.path, sha256: sha, size: Int64(bytes.count), pages: [PageImage(index: 0, sha256: sha)]),
            packetID: packetID)
        guard let page = registration.pages.first else { return }
        let reading = SheetReading(source: PageSource(file: url.path, page: 0, sha256: sha), pageClass: .foreign, templateID: nil,
                                   orientation: 0, registrationResidualMM: 0, qr: nil, fields: [])
        let item = ReviewItemInput(fieldID: "@page", reason: ReviewReason.foreignPage.rawValue, machineValue: nil, confidence: 0.9,
                                   message: "метки совмещения не найдены: не бланк ИС-03")
        _ = try await store.commitPage(PageOutcome(pageID: page.id, reading: reading, templateVersion: nil, participantListID: nil,
                                                   reconciliation: nil, result: nil, reviewItems: [item], actor: "demo"))
        report.pageIDs.append(page.id)
        report.items += 1
        report.truth[page.id] = ["@page": ReviewAction.notASheet.rawValue]
    }
}

import Foundation
import IS03Core
import IS03Storage

/// A sheet processed into a sitting whose «Дата (ДД ММ ГГ)» bubbles name another day: the
/// sheet may belong to another sitting (a re-sit's sheet in February's packet), so a person
/// decides. Queued as a rule violation on the date field, so an operator's answer (the date
/// the sheet should carry) settles it like any field's value.
enum SittingDateCheck {
    static let ruleID = "sittingDate"

    /// The item, or nil when the date agrees, is not read with certainty (an unsure date is not
    /// evidence of another sitting), or there is no sitting or date field to compare.
    static func item(_ reading: SheetReading, sitting: String?, template: Template, packet: String,
                     participantID: String?) -> ReviewQueueItem? {
        guard let sitting, let expected = Sitting.sheetDigits(sitting),
              let field = template.field(role: .examDate), let read = reading.field(field.id),
              read.status == .ok, let value = read.value, value.count == expected.count,
              value.allSatisfy(\.isNumber), value != expected else { return nil }
        let shown = "\(value.prefix(2)).\(value.dropFirst(2).prefix(2)).\(value.suffix(2))"
        return ReviewQueueItem(
            id: "\(reading.source.sha256.prefix(12))-p\(reading.source.page)-\(field.id)-\(ruleID)",
            reason: .ruleViolation, fieldID: field.id,
            message: "Дата на бланке \(shown) не совпадает с датой этапа \(displayed(sitting)): бланк другого этапа? "
                + "Укажите дату, которая должна стоять на бланке, или перенесите пакет в свой этап (--sitting).",
            machineValue: value, confidence: read.confidence,
            candidates: [ReviewCandidate(value: expected, label: displayed(sitting), confidence: 0)],
            crop: ReviewQueueItem.cropPath(for: reading.source, fieldID: field.id),
            sheet: SheetReference(reading.source, packet: packet), participantID: participantID, ruleID: ruleID)
    }

    /// `YYYY-MM-DD` as `DD.MM.YYYY`, as operators write dates.
    static func displayed(_ sitting: String) -> String {
        sitting.split(separator: "-").reversed().joined(separator: ".")
    }
}

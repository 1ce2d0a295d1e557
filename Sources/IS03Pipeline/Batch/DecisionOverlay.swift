import IS03Core
import IS03Storage

/// Applies operators' decisions to a copy of a machine reading before scoring, so results
/// reflect what people confirmed while the stored reading stays the machine's own (its
/// fingerprints decide whether a decision still applies after a re-read).
enum DecisionOverlay {
    /// The field id of match decisions; its value is the chosen participant's id (empty: nobody).
    static let participantField = "@participant"

    static func apply(_ decisions: [FieldDecision], to reading: SheetReading) -> SheetReading {
        var result = reading
        for decision in decisions where decision.applies(to: reading) {
            // A decision about the page or sheet as a whole («повторить сканирование», «принять
            // как есть», …) is no value of any field and no participant id.
            if ReviewAction(rawValue: decision.value) != nil { continue }
            if decision.fieldID == participantField {
                // A confirmed match behaves exactly like a personalised sheet's QR code.
                let qr = result.qr ?? QRPayload(templateID: reading.templateID ?? "", serial: "operator", participantID: nil)
                result.qr = QRPayload(templateID: qr.templateID, serial: qr.serial,
                                      participantID: decision.value.isEmpty ? nil : decision.value)
                continue
            }
            guard let index = result.fields.firstIndex(where: { $0.id == decision.fieldID }) else { continue }
            result.fields[index].status = decision.value.isEmpty ? .blank : .ok
            result.fields[index].value = decision.value.isEmpty ? nil : decision.value
            result.fields[index].confidence = 1
            result.fields[index].alternatives = []
            // The boxes' machine letters are no longer the answer (matching reads them first).
            for cell in result.fields[index].cells.indices {
                result.fields[index].cells[cell].character = nil
                result.fields[index].cells[cell].confidence = nil
                result.fields[index].cells[cell].alternatives = nil
            }
        }
        return result
    }

    /// A smaller copy for batch-wide matching: pixel detail is kept only for letter boxes
    /// (their per-character alternatives are matching evidence), so thousands of sheets fit
    /// in memory at once.
    static func compact(_ reading: SheetReading, template: Template?) -> SheetReading {
        var result = reading
        for index in result.fields.indices where template?.field(result.fields[index].id)?.kind != .letters {
            result.fields[index].cells = []
        }
        return result
    }
}

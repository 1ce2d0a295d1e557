import IS03Core

/// What makes one printed sheet unique: its serial (always, in the QR code) and, on a
/// personalised sheet (seed 004 §1), the participant whose data is pre-printed on it.
public struct SheetPersonalisation: Sendable, Hashable {
    /// The sheet serial carried by the QR code, e.g. `000001`.
    public var serial: String
    /// Nil for a blank sheet that the participant fills in by hand. On a personalised sheet
    /// the ФИО, class and document are printed in a header strip (never in the handwriting
    /// boxes, which the participant still fills in) and the id goes into the QR code.
    public var participant: Participant?

    public init(serial: String, participant: Participant? = nil) {
        self.serial = serial; self.participant = participant
    }

    /// The QR payload for this sheet of `template`.
    public func qrPayload(template: Template) -> QRPayload {
        QRPayload(templateID: template.id, serial: serial, participantID: participant?.id)
    }
}

extension Participant {
    /// `серия номер` of the identity document, or nil when the list has neither.
    var printedDocument: String? {
        let parts = [documentSeries ?? "", documentNumber ?? ""].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

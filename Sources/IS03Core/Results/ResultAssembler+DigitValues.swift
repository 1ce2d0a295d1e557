/// The digit columns a result carries as read from the sheet (variant, КИМ number): each is
/// either certain — read `ok` at or above the mark confidence, every column between its first
/// and last digit read — or left out of the result and queued with a reason naming the field.
/// A `?` for an unsure column or a blank column inside the number never reaches a results file.
extension ResultAssembler {
    /// The roles whose values go into a result straight from the sheet.
    static let resultDigitRoles: [FieldRole] = [.variant, .kim]

    /// The value of `role` for the result, nil unless it is certain (see ``digitValueItems``).
    func certainDigits(_ reading: SheetReading, _ role: FieldRole) -> String? {
        guard let field = template.field(role: role), let read = reading.field(field.id),
              digitProblem(read, label: field.label) == nil else { return nil }
        return read.value?.trimmingCharacters(in: .whitespaces)
    }

    /// One review item for each result digit field that is not certain.
    func digitValueItems(_ reading: SheetReading, ref: SheetReference, participant: String?) -> [ReviewQueueItem] {
        Self.resultDigitRoles.compactMap { role -> ReviewQueueItem? in
            // A reading without the field (not a read sheet of this form) has nothing to say.
            guard let field = template.field(role: role), let read = reading.field(field.id),
                  let (reason, message) = digitProblem(read, label: field.label) else { return nil }
            return ReviewQueueItem(id: ReviewQueueItem.makeID(reading.source, fieldID: field.id, reason: reason), reason: reason,
                                   fieldID: field.id, message: message, machineValue: read.value,
                                   confidence: Self.rounded(read.confidence),
                                   candidates: read.alternatives.map { ReviewCandidate(value: $0.value, confidence: Self.rounded($0.confidence)) },
                                   crop: ReviewQueueItem.cropPath(for: reading.source, fieldID: field.id), sheet: ref, participantID: participant)
        }
    }

    /// Why `read` cannot go into a result as it is, or nil when it is certain.
    func digitProblem(_ read: FieldReading, label: String) -> (ReviewReason, String)? {
        let value = read.value ?? ""
        let digits = value.trimmingCharacters(in: .whitespaces)
        switch read.status {
        case .blank:
            return (.noMark, "«\(label)» is blank")
        case .multiple:
            return (.multipleMarks, "«\(label)»: в столбце отмечено больше одной цифры (прочитано «\(value)»)")
        case .ok where read.confidence >= scoringPolicy.minimumMarkConfidence && !digits.isEmpty && !value.contains("?"):
            guard !digits.contains(" ") else {
                return (.noMark, "«\(label)»: пустой столбец между цифрами (прочитано «\(value)»)")
            }
            return nil
        default:
            let unsure = value.enumerated().filter { $0.element == "?" }.map { String($0.offset + 1) }
            let which = unsure.isEmpty ? "" : " (столбец \(unsure.joined(separator: ", ")))"
            return (.lowConfidenceMark, "«\(label)»: цифра прочитана неуверенно\(which) (прочитано «\(value)»)")
        }
    }
}

import Foundation

extension ScoringEngine {
    /// An empty expert's signature area is a finding: seed 004 has the expert certify the
    /// scores on the sheet with a signature, so an unsigned protocol is not a result anyone
    /// vouched for. Every outcome counts (a «не допущен» sheet is certified too). The area is
    /// only checked for ink; a reading without the field (a template with no signature area)
    /// has nothing to check.
    func checkSignature(_ reading: SheetReading, findings: inout [ScoringFinding]) {
        guard let field = template.field(role: .expertSignature), let read = reading.field(field.id),
              read.status == .blank else { return }
        let ink = read.cells.first.map { String(format: "%.3f", $0.fill) } ?? "0"
        findings.append(ScoringFinding(reason: .unsigned, fieldID: field.id, machineValue: nil, confidence: read.confidence,
                                       message: "«\(field.label)» эксперта пуста (доля чернил \(ink)): протокол не заверен"))
    }
}

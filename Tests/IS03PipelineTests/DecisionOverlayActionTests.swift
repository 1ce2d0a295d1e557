import Foundation
import IS03Core
@testable import IS03Pipeline
import IS03Storage
import Testing

/// Decisions that are actions about the page or sheet never become a field's value or a match.
@Suite struct DecisionOverlayActionTests {
    static func decision(_ fieldID: String, _ value: String, fingerprint: String) -> FieldDecision {
        FieldDecision(id: 1, itemID: 1, pageID: 1, fieldID: fieldID, operatorName: "olga", value: value, reason: "note",
                      decidedAt: Date(timeIntervalSince1970: 0), readingFingerprint: fingerprint)
    }

    @Test func actionsLeaveTheReadingAsItWas() {
        let signature = FieldReading(id: "expertSignature", status: .blank, value: nil, confidence: 0.9)
        let reading = SheetReading(source: PageSource(file: "a.png", page: 0, sha256: String(repeating: "a", count: 64)),
                                   pageClass: .sheet, templateID: "is03-2023", fields: [signature])
        let fingerprint = FieldFingerprint.of(signature)
        for action in ReviewAction.allCases {
            let overlaid = DecisionOverlay.apply([Self.decision("expertSignature", action.rawValue, fingerprint: fingerprint),
                                                  Self.decision("@participant", action.rawValue, fingerprint: "")], to: reading)
            #expect(overlaid == reading, "\(action) changed the reading")
        }
        // A value still applies.
        let signed = DecisionOverlay.apply([Self.decision("expertSignature", "1", fingerprint: fingerprint)], to: reading)
        #expect(signed.field("expertSignature")?.value == "1")
    }
}

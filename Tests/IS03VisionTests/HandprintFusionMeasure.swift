import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// Does Tesseract's second opinion help the hand-print CNN? Measures, on boxes of writers the
/// model never saw, per-box accuracy, the share accepted and how often accepted boxes are right,
/// with Tesseract off and at several agreement weights. A measurement, not a check: it runs
/// only when asked (`IS03_MEASURE_FUSION=600 swift test --filter HandprintFusionMeasure`);
/// figures are in docs/recognition.md.
@Suite("Hand-print + Tesseract fusion (measurement)")
struct HandprintFusionMeasure {
    static let count = ProcessInfo.processInfo.environment["IS03_MEASURE_FUSION"].flatMap(Int.init)

    @Test("accuracy and accepted precision with and without Tesseract", .enabled(if: count != nil))
    func measure() throws {
        let samples = try HandwritingTests.boxes(count: Self.count ?? 0).filter { $0.character != nil }
        let crops = samples.map(HandwritingTests.crop)
        for weight in [0.0, 2, 4, 8, 16] {
            var config = HandprintReaderConfig()
            config.useTesseract = weight > 0
            config.tesseractAgreementWeight = max(weight, 1)
            let reader = try BoxFieldReader(config: config)
            var right = 0, accepted = 0, acceptedRight = 0
            for (sample, crop) in zip(samples, crops) {
                let box = try reader.read([crop]).boxes[0]
                let isRight = box.character == sample.character.map(String.init)
                if isRight { right += 1 }
                if box.accepted && !box.isBlank {
                    accepted += 1
                    if isRight { acceptedRight += 1 }
                }
            }
            let n = Double(samples.count)
            print(String(format: "fusion weight %@: %d boxes, right %.2f%%, accepted %.2f%% of boxes at %.2f%% right",
                         weight == 0 ? "off" : String(weight), samples.count, 100 * Double(right) / n,
                         100 * Double(accepted) / n, 100 * Double(acceptedRight) / Double(max(accepted, 1))))
        }
    }
}

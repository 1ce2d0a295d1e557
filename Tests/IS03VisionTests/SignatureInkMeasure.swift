import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// How much ink the signature area holds on signed and on unsigned synthetic sheets, per
/// degradation level: the figures behind `MarkReadingConfig.areaInkShare`. A measurement, not a
/// check: it runs only when asked (`IS03_MEASURE_SIGNATURE=80 swift test --filter
/// SignatureInkMeasure`, sheets per level); figures are in docs/recognition.md.
@Suite("Signature ink (measurement)")
struct SignatureInkMeasure {
    static let count = ProcessInfo.processInfo.environment["IS03_MEASURE_SIGNATURE"].flatMap(Int.init)

    @Test("ink share of signed and unsigned areas per level", .enabled(if: count != nil))
    func measure() throws {
        let template = try TestPages.template("is03-2023")
        let reader = try SheetReader(templates: [template])
        reader.readsHandwriting = false
        for level in DegradationLevel.allCases {
            var options = SyntheticPacketOptions()
            options.blankPages = 0
            options.foreignPages = 0
            var fill = FillProfile.standard(for: level)
            fill.unsignedShare = 0.5
            options.fill = fill
            let generator = SyntheticPacketGenerator(template: template, seed: 1808, level: level, count: Self.count ?? 0, options: options)
            var signed: [Double] = [], unsigned: [Double] = []
            for index in 0..<generator.plan.count {
                let page = try generator.page(at: index)
                guard let isSigned = page.truth.signed else { continue }
                let reading = reader.read(page: page.image, source: PageSource(file: "\(index)", page: 0, sha256: ""))
                guard reading.pageClass == .sheet, let ink = reading.field("expertSignature")?.cells.first?.fill else { continue }
                if isSigned { signed.append(ink) } else { unsigned.append(ink) }
            }
            signed.sort(); unsigned.sort()
            func at(_ values: [Double], _ q: Double) -> Double { values.isEmpty ? .nan : values[min(values.count - 1, Int(Double(values.count) * q))] }
            print("signature ink \(level): signed n=\(signed.count) min \(signed.first ?? .nan) p1 \(at(signed, 0.01)) p50 \(at(signed, 0.5)); "
                  + "unsigned n=\(unsigned.count) p50 \(at(unsigned, 0.5)) p99 \(at(unsigned, 0.99)) max \(unsigned.last ?? .nan)")
        }
    }
}

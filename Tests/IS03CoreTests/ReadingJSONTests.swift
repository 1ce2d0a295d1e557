import Foundation
import IS03Core
import Testing

/// Readings are stored as JSON written by hand (Foundation's encoder was a twentieth of a page's
/// reading time): it must read back as the same reading through Foundation's decoder, say the
/// same document as Foundation's encoder, and leave numbers JSON cannot hold to Foundation.
@Suite struct ReadingJSONTests {
    static func awkwardReading() -> SheetReading {
        var reading = ReadingBinaryTests.richReading()
        reading.classReason = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} ёЁ «»"
        reading.fields[0].alternatives = [Alternative(value: "1e-05", confidence: 1e-05), Alternative(value: "big", confidence: 1.5e300)]
        reading.registrationResidualMM = -0.0
        reading.timings["z"] = 12
        reading.timings["a b"] = 5e-324
        return reading
    }

    @Test(arguments: [ReadingBinaryTests.richReading(), awkwardReading(),
                      SheetReading(source: PageSource(file: "/a", page: 0, sha256: "x"), pageClass: .unreadable)])
    func readsBackEqualAndSaysWhatFoundationSays(_ reading: SheetReading) throws {
        let text = try #require(ReadingJSON.encode(reading))
        #expect(try JSONDecoder().decode(SheetReading.self, from: Data(text.utf8)) == reading)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let foundation = try JSONSerialization.jsonObject(with: encoder.encode(reading)) as? NSDictionary
        let ours = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary
        #expect(ours != nil && ours == foundation)
    }

    @Test func aNumberJSONCannotHoldIsLeftToFoundation() {
        var reading = ReadingBinaryTests.richReading()
        reading.registrationResidualMM = .nan
        #expect(ReadingJSON.encode(reading) == nil)
        reading.registrationResidualMM = .infinity
        #expect(ReadingJSON.encode(reading) == nil)
    }
}

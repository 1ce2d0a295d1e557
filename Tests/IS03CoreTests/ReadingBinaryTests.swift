import IS03Core
import Testing

/// The assembly spill's record form must give back exactly the reading it was given (results
/// assembled from it are stored as if from the database's JSON), and refuse damaged bytes.
@Suite struct ReadingBinaryTests {
    /// A reading with every kind of value: optionals set and unset, letter boxes with
    /// alternatives, non-ASCII ids, negative and fractional numbers, timings.
    static func richReading() -> SheetReading {
        var reading = ReadingFixtures.sheet(scores: ["crit.ИЧ": 1, "crit.ТЧ": 0], expertTotal: 1)
        reading.classReason = "зачёт — «sure»"
        reading.orientation = 180
        reading.registrationResidualMM = 0.1 + 0.2   // not a short decimal: bits must survive
        reading.qr = QRPayload(templateID: "is03-2023", serial: "000123", participantID: nil)
        reading.timings = ["decode": 12.5, "marks": 3.25]
        reading.fields.append(FieldReading(
            id: "surname", status: .ambiguous, value: "ПЕТРОВ", confidence: 0.734_1,
            alternatives: [Alternative(value: "ПЕТРОВА", confidence: 0.2)],
            cells: [CellReading(key: "0", rect: PixelRect(x: -3, y: 1_200, width: 40, height: 52), fill: 0.31,
                                character: "П", confidence: 0.9, alternatives: [Alternative(value: "Л", confidence: 0.06)]),
                    CellReading(key: "1", rect: PixelRect(x: 37, y: 1_200, width: 40, height: 52), fill: 0)]))
        return reading
    }

    @Test func aReadingComesBackEqual() throws {
        let reading = Self.richReading()
        #expect(try ReadingBinary.decode(ReadingBinary.encode(reading)) == reading)
        var bare = SheetReading(source: PageSource(file: "/x/скан 1.tif", page: 3, sha256: "ab"), pageClass: .blank)
        bare.fields = []
        #expect(try ReadingBinary.decode(ReadingBinary.encode(bare)) == bare)
    }

    @Test func damagedBytesAreRefusedNotMisread() {
        let bytes = ReadingBinary.encode(Self.richReading())
        // Every cut is refused (a record is whole or an error, never a shorter reading).
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(throws: ReadingBinaryError.self) { try ReadingBinary.decode(Array(bytes[..<length])) }
        }
        #expect(throws: ReadingBinaryError.self) { try ReadingBinary.decode(bytes + [0]) }
        var otherVersion = bytes
        otherVersion[0] = 99
        #expect(throws: ReadingBinaryError.self) { try ReadingBinary.decode(otherVersion) }
        // A huge count in place of the file name's length must not allocate or crash.
        var hugeCount = bytes
        for i in 1...8 { hugeCount[i] = 0x7f }
        #expect(throws: ReadingBinaryError.self) { try ReadingBinary.decode(hugeCount) }
    }
}

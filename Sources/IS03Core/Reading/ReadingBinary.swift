/// A compact binary form of ``SheetReading`` for a run's own scratch space (the assembly spill
/// of `is03 process`), never for the database of record, which keeps JSON.
///
/// Why it exists: Foundation's JSON coder takes 5-8 ms per reading on Linux, which for a
/// 10,000-sheet batch is longer than matching and scoring the whole batch. This form encodes
/// and decodes every value exactly (doubles bit for bit, strings as UTF-8), so a reading that
/// went through it is equal (`==`) to the one that came in, in well under a millisecond.
///
/// Layout: little-endian fixed-width numbers, length-prefixed UTF-8 strings, one flag byte
/// before each optional and a count before each array, in declaration order. A version byte
/// starts every record so a reader refuses bytes it does not understand instead of guessing.
public enum ReadingBinary {
    static let version: UInt8 = 1

    public static func encode(_ reading: SheetReading) -> [UInt8] {
        var out = Writer()
        out.bytes.reserveCapacity(4096 + reading.fields.count * 256)
        out.u8(version)
        out.string(reading.source.file); out.int(reading.source.page); out.string(reading.source.sha256)
        out.string(reading.pageClass.rawValue)
        out.optional(reading.classReason) { $0.string($1) }
        out.optional(reading.templateID) { $0.string($1) }
        out.optional(reading.orientation) { $0.int($1) }
        out.optional(reading.registrationResidualMM) { $0.double($1) }
        out.optional(reading.qr) { w, qr in
            w.string(qr.templateID); w.string(qr.serial); w.optional(qr.participantID) { $0.string($1) }
        }
        out.int(reading.fields.count)
        for field in reading.fields {
            out.string(field.id); out.string(field.status.rawValue)
            out.optional(field.value) { $0.string($1) }
            out.double(field.confidence)
            out.alternatives(field.alternatives)
            out.int(field.cells.count)
            for cell in field.cells {
                out.string(cell.key)
                out.int(cell.rect.x); out.int(cell.rect.y); out.int(cell.rect.width); out.int(cell.rect.height)
                out.double(cell.fill)
                out.optional(cell.character) { $0.string($1) }
                out.optional(cell.confidence) { $0.double($1) }
                out.optional(cell.alternatives) { $0.alternatives($1) }
            }
        }
        let timings = reading.timings.sorted { $0.key < $1.key }
        out.int(timings.count)
        for (stage, ms) in timings { out.string(stage); out.double(ms) }
        return out.bytes
    }

    /// Decodes what ``encode(_:)`` wrote; throws on bytes that are not one whole record.
    public static func decode(_ bytes: [UInt8]) throws(ReadingBinaryError) -> SheetReading {
        var r = Reader(bytes: bytes)
        guard try r.u8() == version else { throw ReadingBinaryError(message: "unknown record version") }
        let source = PageSource(file: try r.string(), page: try r.int(), sha256: try r.string())
        guard let pageClass = PageClass(rawValue: try r.string()) else { throw ReadingBinaryError(message: "unknown page class") }
        var reading = SheetReading(source: source, pageClass: pageClass)
        reading.classReason = try r.optional { r throws(ReadingBinaryError) in try r.string() }
        reading.templateID = try r.optional { r throws(ReadingBinaryError) in try r.string() }
        reading.orientation = try r.optional { r throws(ReadingBinaryError) in try r.int() }
        reading.registrationResidualMM = try r.optional { r throws(ReadingBinaryError) in try r.double() }
        reading.qr = try r.optional { r throws(ReadingBinaryError) in
            QRPayload(templateID: try r.string(), serial: try r.string(),
                      participantID: try r.optional { r throws(ReadingBinaryError) in try r.string() })
        }
        let fieldCount = try r.count()
        reading.fields.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount {
            let id = try r.string()
            guard let status = FieldReading.Status(rawValue: try r.string()) else {
                throw ReadingBinaryError(message: "unknown field status")
            }
            var field = FieldReading(id: id, status: status, value: try r.optional { r throws(ReadingBinaryError) in try r.string() },
                                     confidence: try r.double())
            field.alternatives = try r.alternatives()
            let cellCount = try r.count()
            field.cells.reserveCapacity(cellCount)
            for _ in 0..<cellCount {
                let key = try r.string()
                let rect = PixelRect(x: try r.int(), y: try r.int(), width: try r.int(), height: try r.int())
                let fill = try r.double()
                field.cells.append(CellReading(
                    key: key, rect: rect, fill: fill,
                    character: try r.optional { r throws(ReadingBinaryError) in try r.string() },
                    confidence: try r.optional { r throws(ReadingBinaryError) in try r.double() },
                    alternatives: try r.optional { r throws(ReadingBinaryError) in try r.alternatives() }))
            }
            reading.fields.append(field)
        }
        let timingCount = try r.count()
        for _ in 0..<timingCount { reading.timings[try r.string()] = try r.double() }
        guard r.offset == bytes.count else { throw ReadingBinaryError(message: "\(bytes.count - r.offset) bytes after the record") }
        return reading
    }

    private struct Writer {
        var bytes: [UInt8] = []

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u64(_ value: UInt64) {
            withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
        }
        mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }
        mutating func double(_ value: Double) { u64(value.bitPattern) }
        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                int(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }
        mutating func optional<T>(_ value: T?, _ write: (inout Writer, T) -> Void) {
            guard let value else { return u8(0) }
            u8(1)
            write(&self, value)
        }
        mutating func alternatives(_ list: [Alternative]) {
            int(list.count)
            for alternative in list { string(alternative.value); double(alternative.confidence) }
        }
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func take(_ count: Int) throws(ReadingBinaryError) -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.count - offset else { throw ReadingBinaryError(message: "record cut short") }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }
        mutating func u8() throws(ReadingBinaryError) -> UInt8 { try take(1).first! }
        mutating func u64() throws(ReadingBinaryError) -> UInt64 {
            var value: UInt64 = 0
            for (shift, byte) in try take(8).enumerated() { value |= UInt64(byte) << (8 * UInt64(shift)) }
            return value
        }
        mutating func int() throws(ReadingBinaryError) -> Int {
            let value = Int64(bitPattern: try u64())
            guard let int = Int(exactly: value) else { throw ReadingBinaryError(message: "number out of range") }
            return int
        }
        /// A count of things that follow, each at least one byte: never more than the bytes left.
        mutating func count() throws(ReadingBinaryError) -> Int {
            let value = try int()
            guard value >= 0, value <= bytes.count - offset else { throw ReadingBinaryError(message: "bad count") }
            return value
        }
        mutating func double() throws(ReadingBinaryError) -> Double { Double(bitPattern: try u64()) }
        mutating func string() throws(ReadingBinaryError) -> String {
            let length = try count()
            return String(decoding: try take(length), as: UTF8.self)
        }
        mutating func optional<T>(_ read: (inout Reader) throws(ReadingBinaryError) -> T) throws(ReadingBinaryError) -> T? {
            switch try u8() {
            case 0: return nil
            case 1: return try read(&self)
            default: throw ReadingBinaryError(message: "bad optional flag")
            }
        }
        mutating func alternatives() throws(ReadingBinaryError) -> [Alternative] {
            let count = try count()
            var list: [Alternative] = []
            list.reserveCapacity(count)
            for _ in 0..<count { list.append(Alternative(value: try string(), confidence: try double())) }
            return list
        }
    }
}

/// Bytes that are not a whole ``ReadingBinary`` record.
public struct ReadingBinaryError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { "spilled reading: \(message)" }
}

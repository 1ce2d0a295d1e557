import Foundation

/// Encodes 8-bit grey or RGB pixels as PNG in memory, in pure Swift.
///
/// Scans are mostly paper, so each row is "Up"-filtered (a row like the one above becomes
/// zeros) and runs of equal bytes are deflated as distance-1 matches with the fixed Huffman
/// code: a page picture shrinks 20–50× without a general-purpose compressor.
enum PNGEncoder {
    enum ColorType: UInt8 { case gray = 0, rgb = 2 }

    static func encode(width: Int, height: Int, pixels: [UInt8], color: ColorType) -> [UInt8] {
        let channels = color == .gray ? 1 : 3
        let rowBytes = width * channels
        precondition(pixels.count == rowBytes * height, "pixel count does not match the size")
        var filtered = [UInt8]()
        filtered.reserveCapacity((rowBytes + 1) * height)
        for y in 0..<height {
            filtered.append(2) // filter type Up
            let row = y * rowBytes
            for x in 0..<rowBytes {
                let above = y > 0 ? pixels[row - rowBytes + x] : 0
                filtered.append(pixels[row + x] &- above)
            }
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = [UInt8]()
        header.append(contentsOf: bigEndian(UInt32(width)))
        header.append(contentsOf: bigEndian(UInt32(height)))
        header.append(contentsOf: [8, color.rawValue, 0, 0, 0])
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", zlib(filtered), to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    // MARK: zlib / deflate (fixed Huffman, run-length matches)

    static func zlib(_ data: [UInt8]) -> [UInt8] {
        var bits = BitWriter()
        bits.write(1, count: 1) // final block
        bits.write(1, count: 2) // fixed Huffman
        var index = 0
        while index < data.count {
            let byte = data[index]
            bits.literal(Int(byte))
            index += 1
            var run = 0
            while index + run < data.count, data[index + run] == byte, run < 258 { run += 1 }
            if run >= 3 {
                bits.match(length: run)
                index += run
            }
        }
        bits.literal(256) // end of block
        var out: [UInt8] = [0x78, 0x01]
        out.append(contentsOf: bits.bytes())
        out.append(contentsOf: bigEndian(adler32(data)))
        return out
    }

    private struct BitWriter {
        private var buffer: [UInt8] = []
        private var current: UInt32 = 0
        private var used = 0

        /// Writes `count` bits of `value`, least significant first (deflate's bit order).
        mutating func write(_ value: Int, count: Int) {
            for i in 0..<count {
                current |= UInt32((value >> i) & 1) << used
                used += 1
                if used == 8 { buffer.append(UInt8(current)); current = 0; used = 0 }
            }
        }

        /// Writes a Huffman code, most significant bit first.
        mutating func code(_ value: Int, length: Int) {
            for i in stride(from: length - 1, through: 0, by: -1) { write((value >> i) & 1, count: 1) }
        }

        mutating func literal(_ symbol: Int) {
            switch symbol {
            case 0...143: code(0x30 + symbol, length: 8)
            case 144...255: code(0x190 + symbol - 144, length: 9)
            case 256...279: code(symbol - 256, length: 7)
            default: code(0xC0 + symbol - 280, length: 8)
            }
        }

        /// A back-reference of `length` (3…258) bytes at distance 1.
        mutating func match(length: Int) {
            var symbol = 285, extraBits = 0, base = 258
            for (i, start) in Self.lengthBases.enumerated() where start <= length {
                symbol = 257 + i; base = start; extraBits = Self.lengthExtraBits[i]
            }
            literal(symbol)
            write(length - base, count: extraBits)
            code(0, length: 5) // distance code 0 = distance 1, no extra bits
        }

        static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                  35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
        static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                      3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]

        func bytes() -> [UInt8] { used > 0 ? buffer + [UInt8(current)] : buffer }
    }

    // MARK: Checksums and chunks

    private static func appendChunk(_ type: String, _ data: [UInt8], to png: inout [UInt8]) {
        let typeBytes = Array(type.utf8)
        png.append(contentsOf: bigEndian(UInt32(data.count)))
        png.append(contentsOf: typeBytes)
        png.append(contentsOf: data)
        png.append(contentsOf: bigEndian(crc32(typeBytes + data)))
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for byte in data { c = crcTable[Int((c ^ UInt32(byte)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data { a = (a + UInt32(byte)) % 65521; b = (b + a) % 65521 }
        return (b << 16) | a
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}

import Foundation

/// Turns the bytes of an imported text file into a string: UTF-8 (with or without a BOM) when
/// the bytes are valid UTF-8, otherwise Windows-1251, the encoding Russian Excel saves CSV in.
public enum TextDecoding {
    public enum Encoding: String, Sendable { case utf8, windows1251, utf16 }

    /// Decodes `data`, reporting which encoding was detected.
    ///
    /// UTF-16 is taken only with its byte-order mark (Excel's «Unicode text» writes one).
    /// Valid UTF-8 is almost never produced by accident from Cyrillic Windows-1251 text (its
    /// letters are bytes 0xC0…0xFF, which UTF-8 only allows as lead bytes followed by
    /// continuation bytes), so trying UTF-8 strictly first is a reliable detector.
    public static func decode(_ data: Data) -> (text: String, encoding: Encoding) {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]),
           let text = String(data: data.dropFirst(2), encoding: data.first == 0xFF ? .utf16LittleEndian : .utf16BigEndian) {
            return (text, .utf16)
        }
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let text = String(bytes: bytes, encoding: .utf8) { return (text, .utf8) }
        return (decodeWindows1251(bytes), .windows1251)
    }

    /// Windows-1251 to Unicode. Written out rather than left to Foundation so the result is the
    /// same on every platform (some Foundation builds lack or differ in this code page).
    public static func decodeWindows1251<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let code: UInt32
            switch byte {
            case 0x00...0x7F: code = UInt32(byte)
            case 0xC0...0xFF: code = 0x0410 + UInt32(byte - 0xC0)  // А…я in order
            default: code = UInt32(upperHalf[Int(byte - 0x80)])
            }
            scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Bytes 0x80…0xBF of Windows-1251 (0x98 is undefined and maps to U+FFFD).
    private static let upperHalf: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
        0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
        0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
        0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
    ]
}

/// Recognises files that are not text at all, so an import can say what the file is instead
/// of reporting its first "row" as a header without the expected columns.
enum BinaryFileKind {
    /// A hint for the operator when `data` is a spreadsheet workbook or other binary file; nil for text.
    static func hint(for data: Data) -> String? {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return "this is an Excel workbook (.xlsx) or another ZIP file, not CSV; in Excel use «Save as» → «CSV UTF-8»"
        }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "this is an old Excel workbook (.xls), not CSV; in Excel use «Save as» → «CSV UTF-8»"
        }
        return nil
    }
}

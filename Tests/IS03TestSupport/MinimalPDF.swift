import Foundation

/// Writes small PDFs the way scanner software lays them out — one image XObject drawn over each
/// page — plus the pages a scanner never writes (text or drawings only, several images), so
/// the PDF input can be tested on files whose every byte the test controls. Only what those
/// tests need: uncompressed object syntax, a classic cross-reference table.
public enum MinimalPDF {
    /// One image stream: extra dictionary entries (everything but /Type, /Subtype and /Length,
    /// e.g. `/Width 10 /Height 10 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode`)
    /// and the stream's stored bytes.
    public struct Image: Sendable {
        public var dictionary: String
        public var data: [UInt8]
        public init(dictionary: String, data: [UInt8]) { self.dictionary = dictionary; self.data = data }
    }

    public enum Page: Sendable {
        /// A scanned page: `image` drawn over the whole page of `width` × `height` points.
        case scan(Image, width: Double, height: Double)
        /// Several images side by side (what some compressing scanner drivers write).
        case images([Image], width: Double, height: Double)
        /// Vector content only (the content stream as given, e.g. lines and text).
        case vector(String, width: Double, height: Double)
    }

    /// An A4 page in points.
    public static let a4 = (width: 595.28, height: 841.89)

    /// The whole file.
    public static func document(_ pages: [Page]) -> [UInt8] {
        var objects: [[UInt8]] = []  // object n + 1 at index n
        func add(_ body: [UInt8]) -> Int { objects.append(body); return objects.count }
        func text(_ s: String) -> [UInt8] { Array(s.utf8) }
        func stream(_ dictionary: String, _ data: [UInt8]) -> [UInt8] {
            text("<< \(dictionary) /Length \(data.count) >>\nstream\n") + data + text("\nendstream")
        }
        let catalog = add([]), tree = add([])
        var kids: [Int] = []
        let font = add(text("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
        for page in pages {
            var xobjects: [String] = []
            var content = ""
            let (width, height): (Double, Double)
            switch page {
            case .scan(let image, let w, let h):
                (width, height) = (w, h)
                let id = add(stream("/Type /XObject /Subtype /Image " + image.dictionary, image.data))
                xobjects.append("/Im0 \(id) 0 R")
                content = "q \(w) 0 0 \(h) 0 0 cm /Im0 Do Q"
            case .images(let images, let w, let h):
                (width, height) = (w, h)
                for (index, image) in images.enumerated() {
                    let id = add(stream("/Type /XObject /Subtype /Image " + image.dictionary, image.data))
                    xobjects.append("/Im\(index) \(id) 0 R")
                    let share = w / Double(images.count)
                    content += "q \(share) 0 0 \(h) \(share * Double(index)) 0 cm /Im\(index) Do Q\n"
                }
            case .vector(let drawing, let w, let h):
                (width, height) = (w, h)
                content = drawing
            }
            let contents = add(stream("", text(content)))
            let resources = "<< /Font << /F1 \(font) 0 R >>" + (xobjects.isEmpty ? "" : " /XObject << \(xobjects.joined(separator: " ")) >>") + " >>"
            kids.append(add(text("<< /Type /Page /Parent \(tree) 0 R /MediaBox [0 0 \(width) \(height)] /Resources \(resources) /Contents \(contents) 0 R >>")))
        }
        objects[catalog - 1] = text("<< /Type /Catalog /Pages \(tree) 0 R >>")
        objects[tree - 1] = text("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")

        var out = text("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(out.count)
            out += text("\(index + 1) 0 obj\n") + body + text("\nendobj\n")
        }
        let xref = out.count
        out += text("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n")
        for offset in offsets { out += text(String(format: "%010d 00000 n \n", offset)) }
        out += text("trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R >>\nstartxref\n\(xref)\n%%EOF\n")
        return out
    }

    /// A text-and-lines page, as a word processor prints one.
    public static let textPage = "BT /F1 14 Tf 72 760 Td (Protocol of the oral exam) Tj ET\n0.5 w 72 740 m 520 740 l S\n72 100 450 600 re S"
}

import Foundation
import IS03Core
import IS03Render
import IS03Vision
import Testing

/// A sheet scanned on a dark backing (lid open, a flatbed's black platen cover, a sheet-fed
/// scanner's dark background) sits inside a black frame, and a punched sheet shows black
/// holes in its margin. Neither may stop the sheet being found or put a mark where there is none.
@Suite("Dark scan borders and punch holes")
struct ScanBorderTests {
    /// The page moved onto a larger black canvas (`border` px each side), with `holes` black
    /// discs of 6 mm in the left margin.
    static func onDarkBacking(_ page: GrayImage, border: Int, holes: Int, dpi: Double) -> GrayImage {
        var canvas = GrayImage(width: page.width + 2 * border, height: page.height + 2 * border, fill: 18)
        for y in 0..<page.height {
            for x in 0..<page.width { canvas[x + border, y + border] = page[x, y] }
        }
        let pxPerMM = dpi / 25.4, r = 3 * pxPerMM
        for index in 0..<holes {
            let cy = Double(border) + Double(page.height) * Double(index + 1) / Double(holes + 1)
            TestPages.disc(&canvas, Double(border) + 6 * pxPerMM, cy, r, grey: 18)
        }
        return canvas
    }

    @Test("A sheet inside a black scan border, with punch holes, fed askew, reads as the clean sheet does",
          arguments: [(0, 2, 0.0), (60, 0, 0.0), (60, 2, 0.0), (200, 4, 0.0), (80, 2, 7.0), (80, 0, -9.5)])
    func darkBacking(border: Int, holes: Int, skew: Double) throws {
        let page = try ScannerFormatTests.sheet(dpi: 300, seed: 71)
        let reader = try SheetReader(templates: TestPages.allTemplates())
        var image = Self.onDarkBacking(page.image, border: border, holes: holes, dpi: 300)
        // Fed askew: the corners the turn uncovers are the dark backing too.
        if skew != 0 { image = try image.rotated(degrees: skew, border: 18) }
        let reading = reader.read(page: image, source: PageSource(file: "border.png", page: 0, sha256: "border"))
        try ScannerFormatTests.expectRead(reading, page, "border \(border) px, \(holes) holes, \(skew)°")
    }
}

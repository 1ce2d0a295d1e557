import Foundation
import IS03Core
@testable import IS03Pipeline
import IS03Storage
import IS03Vision
import Testing

/// A crop job keeps one rectangle per crop, around the field's cells (issue 5: a batch's jobs
/// wait for the crops phase together); the PNG shows that rectangle plus the margin.
@Suite struct CropJobTests {
    @Test func aCropShowsTheRectangleAroundItsCellsWithTheMargin() throws {
        let cells = [PixelRect(x: 300, y: 120, width: 40, height: 50), PixelRect(x: 100, y: 100, width: 40, height: 50),
                     PixelRect(x: 200, y: 110, width: 40, height: 60)]
        #expect(PixelRect.bounding(cells) == PixelRect(x: 100, y: 100, width: 240, height: 70))
        #expect(PixelRect.bounding([PixelRect]()) == nil)

        let out = FileManager.default.temporaryDirectory.appendingPathComponent("cropjob-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        var page = GrayImage(width: 1_000, height: 800, fill: 0)
        for y in 100..<170 { for x in 100..<340 { page.pixels[y * page.width + x] = 255 } }
        let writer = CropWriter(workers: 1)
        let job = CropJob(filePath: "/scan.png", pageIndex: 0,
                          crops: [.init(path: "crops/field.png", area: PixelRect.bounding(cells)),
                                  .init(path: "crops/page.png", area: nil)])
        try writer.write(job, from: page, to: out)

        let field = try ScanFile(url: out.appendingPathComponent("crops/field.png")).decode(page: 0)
        #expect(field.width == 240 + 2 * writer.marginPixels && field.height == 70 + 2 * writer.marginPixels)
        // The field is white inside the margin, the page black around it.
        let m = writer.marginPixels
        #expect(field.pixels[m * field.width + m] == 255 && field.pixels[0] == 0)
        let whole = try ScanFile(url: out.appendingPathComponent("crops/page.png")).decode(page: 0)
        #expect(whole.width == writer.pageWidth && whole.height == 720)
    }
}

import COpenCVShim
import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import Testing

/// The printed page has every element where the template says, checked in pixels.
@Suite struct PrintedSheetTests {
    static let dpi = 200.0
    let template: Template
    let page: GrayImage

    init() throws {
        template = try Template.load(id: "is03-2023", in: RepositoryPaths.templates)
        page = try SheetRenderer.renderGray(template: template, dpi: Self.dpi,
                                            personalisation: SheetPersonalisation(serial: "000042"))
    }

    func pixel(_ point: PointMM) -> UInt8 {
        page[Int(point.x / 25.4 * Self.dpi), Int(point.y / 25.4 * Self.dpi)]
    }

    /// Mean darkness (0 paper … 1 ink) of the pixels inside `rect`.
    func darkness(_ rect: RectMM) -> Double {
        let scale = Self.dpi / 25.4
        let x0 = Int((rect.x * scale).rounded()), x1 = Int((rect.maxX * scale).rounded())
        let y0 = Int((rect.y * scale).rounded()), y1 = Int((rect.maxY * scale).rounded())
        var sum = 0.0
        for y in y0..<y1 { for x in x0..<x1 { sum += Double(255 - page[x, y]) / 255 } }
        return sum / Double((x1 - x0) * (y1 - y0))
    }

    @Test func pageHasTheTemplateSizeAtTheGivenDPI() {
        #expect(page.width == Int((210 / 25.4 * Self.dpi).rounded()))
        #expect(page.height == Int((297 / 25.4 * Self.dpi).rounded()))
    }

    @Test func registrationMarksAndCueAreSolidBlackWithPaperAround() {
        let marks = template.registration.marks + [template.registration.orientationCue]
        for mark in marks {
            let inner = RectMM(center: mark.center, size: mark.size * 0.8)
            #expect(darkness(inner) > 0.97, "mark \(mark.id) should be solid black")
            // Just outside each corner of the square there is paper.
            let gap = 0.6
            for corner in [PointMM(x: mark.x - gap, y: mark.y - gap), PointMM(x: mark.x + mark.size + gap, y: mark.y + mark.size + gap)] {
                #expect(pixel(corner) > 240, "paper expected beside mark \(mark.id)")
            }
        }
    }

    @Test func bubbleOutlinesAreThinGreyRingsWithLightInsides() {
        var checked = 0
        for field in template.fields where field.kind == .choice || field.kind == .flag || field.kind == .digits {
            for cell in field.cells(defaults: template.defaults) {
                guard case .bubble = cell.kind else { continue }
                let c = cell.rect.center, r = cell.rect.width / 2
                // The ring: darkest pixel on a short radial scan across the outline is inked.
                let ring = stride(from: r - 0.25, through: r + 0.25, by: 0.05).map { pixel(PointMM(x: c.x + $0, y: c.y)) }.min()!
                #expect(ring < 200, "no outline at \(field.id) \(cell.kind)")
                // A ring, not a disc: the bubble stays mostly paper inside.
                #expect(darkness(RectMM(center: c, size: r)) < 0.25, "bubble \(field.id) looks filled")
                // Just outside the ring, towards a neighbouring column (0.8 mm away or more), is
                // paper on at least one side (the other may be a letter box).
                let outside = max(pixel(PointMM(x: c.x + r + 0.25, y: c.y)), pixel(PointMM(x: c.x - r - 0.25, y: c.y)))
                #expect(outside > 230, "ring of \(field.id) is too thick")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func letterBoxesHaveFramesAndEmptyInsides() {
        for field in template.fields where field.kind == .letters {
            for cell in field.cells(defaults: template.defaults) {
                let r = cell.rect
                #expect(pixel(PointMM(x: r.x, y: r.center.y)) < 200, "left edge of \(field.id)")
                #expect(pixel(PointMM(x: r.maxX, y: r.center.y)) < 200, "right edge of \(field.id)")
                let inside = RectMM(x: r.x + 0.5, y: r.y + 0.5, width: r.width - 1, height: r.height - 1)
                #expect(darkness(inside) < 0.01, "box of \(field.id) should be empty")
            }
        }
    }

    @Test func qrCodeFillsItsRegionAndMatchesTheEncoder() throws {
        let rect = try #require(template.qr)
        let payload = QRPayload(templateID: template.id, serial: "000042", participantID: nil)
        let matrix = try QRCodeMatrix(encoding: payload.encoded)
        let module = rect.width / (Double(matrix.size) + 4)
        let origin = PointMM(x: rect.x + 2 * module, y: rect.y + 2 * module)
        var mismatches = 0
        for row in 0..<matrix.size {
            for column in 0..<matrix.size {
                let centre = PointMM(x: origin.x + (Double(column) + 0.5) * module, y: origin.y + (Double(row) + 0.5) * module)
                if (pixel(centre) < 128) != matrix[row, column] { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
        // Finder pattern corners are dark.
        #expect(matrix[0, 0] && matrix[0, matrix.size - 1] && matrix[matrix.size - 1, 0])
    }

    @Test func cyrillicLabelsLeaveInkWhereTheTemplatePutsThem() {
        for label in template.labels.prefix(20) {
            let size = (label.size ?? template.defaults.fontSize) * 25.4 / 72
            let band = RectMM(x: label.x, y: label.y - size * 0.7, width: size * 1.5, height: size * 0.7)
            #expect(darkness(band) > 0.03, "label \(label.text) missing")
        }
    }
}

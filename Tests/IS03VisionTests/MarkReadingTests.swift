import Foundation
import IS03Core
import IS03Vision
import Testing

@Suite("Reading marks")
struct MarkReadingTests {
    static let dpi = 200.0

    private func read(_ image: GrayImage) throws -> SheetReading {
        // One reader per test: a SheetReader is not shared across threads.
        let reader = try SheetReader(templates: TestPages.allTemplates())
        return reader.read(page: image, source: PageSource(file: "memory", page: 0, sha256: ""))
    }

    /// A 2023 sheet with a known set of marks.
    private func markedSheet(style: TestPages.MarkStyle = .solid) throws -> (Template, GrayImage) {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: Self.dpi)
        for (column, digit) in "230208".enumerated() {
            TestPages.mark(&page, template, field: "examDate", value: String(digit), column: column, style: style, dpi: Self.dpi)
        }
        TestPages.mark(&page, template, field: "crit.ИЧ", value: "1", style: style, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.П1", value: "2", style: style, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.М1", value: "0", style: style, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "expertTotal", value: "17", style: style, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "removed", value: "1", style: style, dpi: Self.dpi)
        return (template, page)
    }

    private func expectKnownValues(_ reading: SheetReading) {
        #expect(reading.pageClass == .sheet, "\(reading.classReason ?? "")")
        #expect(reading.field("examDate")?.value == "230208")
        #expect(reading.field("examDate")?.status == .ok)
        #expect(reading.field("crit.ИЧ")?.value == "1")
        #expect(reading.field("crit.П1")?.value == "2")
        #expect(reading.field("crit.М1")?.value == "0")
        #expect(reading.field("expertTotal")?.value == "17")
        #expect(reading.field("removed")?.value == "1")
        #expect(reading.field("notAdmitted")?.value == "0")
        #expect(reading.field("crit.Д1")?.status == .blank)
        for id in ["examDate", "crit.ИЧ", "crit.П1", "crit.М1", "expertTotal", "removed"] {
            #expect(reading.field(id)?.status == .ok, "\(id)")
            #expect((reading.field(id)?.confidence ?? 0) >= MarkReadingConfig.default.acceptConfidence, "\(id)")
        }
    }

    @Test("Solid fills, crosses and ticks all count as marks",
          arguments: [TestPages.MarkStyle.solid, .cross, .tick])
    func markStyles(style: TestPages.MarkStyle) throws {
        let (_, page) = try markedSheet(style: style)
        expectKnownValues(try read(page))
    }

    @Test("Faint and dark scans read the same", arguments: [(238.0, 140.0), (175.0, 5.0), (250.0, 90.0)])
    func levels(paper: Double, ink: Double) throws {
        let (_, page) = try markedSheet()
        expectKnownValues(try read(TestPages.relevelled(page, paper: paper, ink: ink)))
    }

    @Test("Upside down and blurred, the values are still right")
    func upsideDownBlurred() throws {
        let (_, page) = try markedSheet(style: .cross)
        let reading = try read(TestPages.turned(try page.blurred(sigma: 1.2), quarterTurns: 2))
        #expect(reading.orientation == 180)
        expectKnownValues(reading)
    }

    @Test("Stray dots and erasure shadows are not marks")
    func straysIgnored() throws {
        let (template, base) = try markedSheet()
        var page = base
        TestPages.mark(&page, template, field: "crit.ТЧ", value: "1", style: .dot, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.П1", value: "0", style: .shadow, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.Д2", value: "0", style: .shadow, dpi: Self.dpi)
        let reading = try read(page)
        expectKnownValues(reading)
        #expect(reading.field("crit.ТЧ")?.status == .blank)
        #expect(reading.field("crit.Д2")?.status == .blank)
    }

    @Test("A weak pen tick below the mark cut is flagged, never accepted as blank; a dot next to it stays blank")
    func weakTick() throws {
        let (template, base) = try markedSheet()
        var page = base
        // One thin short stroke (0.15 mm pen): ink-dark but few pixels, so its score stays
        // below the sheet's cut, as the weak ticks of the heavy sample packet do.
        let scale = Self.dpi / 25.4
        let cell = try #require(template.field("crit.П3")?.cells(defaults: template.defaults)
            .first { $0.kind == .bubble(value: "1", column: 0) })
        let cx = cell.rect.center.x * scale, cy = cell.rect.center.y * scale, r = cell.rect.width / 2 * scale
        TestPages.line(&page, cx - r * 0.45, cy + r * 0.3, cx + r * 0.45, cy - r * 0.35, width: 0.15 * scale)
        TestPages.mark(&page, template, field: "crit.П4", value: "1", style: .dot, dpi: Self.dpi)
        let reader = try SheetReader(templates: TestPages.allTemplates())
        let analysis = reader.analyse(page: page, source: PageSource(file: "memory", page: 0, sha256: ""))
        expectKnownValues(analysis.reading)
        let threshold = try #require(analysis.markThreshold)
        let tick = try #require(analysis.measuredBubbles.first { $0.fieldID == "crit.П3" && $0.value == "1" })
        // The case this test is about: the score alone would call the tick blank.
        #expect(threshold.probability(tick.measurement.score) < 0.05, "score \(tick.measurement.score), cut \(threshold.cut)")
        #expect(threshold.holdsStroke(tick.measurement), "\(tick.measurement)")
        let p3 = try #require(analysis.reading.field("crit.П3"))
        let acceptedBlank = p3.status == .blank && p3.confidence >= MarkReadingConfig.default.acceptConfidence
        #expect(!acceptedBlank, "\(p3.status) \(p3.confidence)")
        #expect(p3.status == .ambiguous || (p3.status == .ok && p3.value == "1"))
        // A dot is ink-dark too, but compact: still a confident blank.
        let dot = try #require(analysis.measuredBubbles.first { $0.fieldID == "crit.П4" && $0.value == "1" })
        #expect(!threshold.holdsStroke(dot.measurement), "\(dot.measurement)")
        #expect(analysis.reading.field("crit.П4")?.status == .blank)
    }

    @Test("A light fill just above an erasure shadow's level is read by its fill level; the shadow is not")
    func lightFillAgainstShadow() throws {
        let (template, base) = try markedSheet()
        var page = base
        // Even greys over the whole disc: 26% (a light pen, the generator's lightest 0.28)
        // and 16% (an erasure shadow).
        let scale = Self.dpi / 25.4
        for (field, grey) in [("crit.П3", UInt8(189)), ("crit.П4", UInt8(215))] {
            let cell = try #require(template.field(field)?.cells(defaults: template.defaults)
                .first { $0.kind == .bubble(value: "1", column: 0) })
            TestPages.disc(&page, cell.rect.center.x * scale, cell.rect.center.y * scale, cell.rect.width / 2 * scale * 0.88, grey: grey)
        }
        let reading = try read(page)
        expectKnownValues(reading)
        let light = try #require(reading.field("crit.П3"))
        #expect(light.status == .ok && light.value == "1", "\(light.status) \(light.value ?? "-") \(light.confidence)")
        #expect(light.confidence >= MarkReadingConfig.default.acceptConfidence)
        let shadow = try #require(reading.field("crit.П4"))
        #expect(shadow.status == .blank && shadow.confidence >= MarkReadingConfig.default.acceptConfidence,
                "\(shadow.status) \(shadow.confidence)")
    }

    @Test("Two marks in one criterion are reported as multiple, never as one value")
    func doubleMarked() throws {
        let (template, base) = try markedSheet()
        var page = base
        TestPages.mark(&page, template, field: "crit.П1", value: "0", dpi: Self.dpi)
        TestPages.mark(&page, template, field: "examDate", value: "5", column: 3, dpi: Self.dpi)
        let reading = try read(page)
        let p1 = try #require(reading.field("crit.П1"))
        #expect(p1.status == .multiple)
        #expect(p1.value == nil)
        #expect(Set(p1.alternatives.map(\.value)) == ["0", "2"])
        let date = try #require(reading.field("examDate"))
        #expect(date.status == .multiple)
        #expect(date.value == "230?08")
    }

    @Test("A corrected criterion (one mark crossed out, another made) is right or flagged")
    func corrected() throws {
        let (template, base) = try markedSheet()
        var page = base
        // The expert filled 0, then crossed it out with a heavy scribble and filled 1.
        TestPages.mark(&page, template, field: "crit.Д1", value: "0", dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.Д1", value: "0", style: .cross, dpi: Self.dpi)
        TestPages.mark(&page, template, field: "crit.Д1", value: "1", dpi: Self.dpi)
        let d1 = try #require(try read(page).field("crit.Д1"))
        let accepted = d1.status == .ok && d1.confidence >= MarkReadingConfig.default.acceptConfidence
        #expect(!accepted || d1.value == "1")
        #expect(accepted || d1.status == .multiple || d1.status == .ambiguous)
    }

    @Test("Letter boxes report written and blank boxes; cell rectangles are in image pixels")
    func letterBoxes() throws {
        let template = try TestPages.template("is03-2023")
        var page = try TestPages.blankForm(template, dpi: Self.dpi)
        for box in 0..<3 { TestPages.scribble(&page, template, field: "surname", box: box, dpi: Self.dpi) }
        let reading = try read(page)
        let surname = try #require(reading.field("surname"))
        #expect(surname.cells.count == 28)
        #expect(surname.cells.prefix(3).allSatisfy { $0.fill >= MarkReadingConfig.default.boxInkShare })
        #expect(surname.cells.dropFirst(3).allSatisfy { $0.fill < MarkReadingConfig.default.boxInkShare })
        #expect(surname.status != .blank)
        #expect(reading.field("name")?.status == .blank)
        // The first box's rectangle is where the template puts it, at 200 dpi.
        let box = try #require(template.field("surname")).cells(defaults: template.defaults)[0].rect
        let rect = surname.cells[0].rect
        #expect(abs(Double(rect.x) - box.x * Self.dpi / 25.4) < 3)
        #expect(abs(Double(rect.y) - box.y * Self.dpi / 25.4) < 3)
    }

    @Test("Every field of the template is reported")
    func everyField() throws {
        let template = try TestPages.template("is03-2018")
        let reading = try read(try TestPages.blankForm(template, dpi: 150))
        #expect(reading.fields.map(\.id) == template.fields.map(\.id))
        #expect(reading.fields.allSatisfy { $0.status == .blank || $0.value == "0" })
    }
}

import COpenCVShim
import Foundation
import IS03Core
import IS03Render
import IS03TestSupport
import Testing

/// Synthetic scans are deterministic and their truth matches what was drawn.
@Suite struct SyntheticScanTests {
    static let dpi = 150.0

    func generator(seed: UInt64, count: Int = 4, level: DegradationLevel = .clean, scan: ScanProfile? = nil,
                   personalised: Bool = false) throws -> SyntheticPacketGenerator {
        var options = SyntheticPacketOptions()
        options.scan = scan ?? SyntheticFixture.plainScan(dpi: Self.dpi)
        options.personalised = personalised
        options.blankPages = 1
        options.foreignPages = 1
        return SyntheticPacketGenerator(template: try SyntheticFixture.template(), seed: seed, level: level,
                                        count: count, options: options)
    }

    @Test func sameSeedGivesTheSameFilesAndAnotherSeedDoesNot() throws {
        var scan = ScanProfile.standard(for: .heavy)
        scan.dpiChoices = [Self.dpi]
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("is03-synth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        func files(seed: UInt64, run: String) throws -> [String: Data] {
            let folder = root.appendingPathComponent(run)
            _ = try PacketWriter.write(try generator(seed: seed, count: 2, level: .heavy, scan: scan), to: folder, format: .png)
            var result: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".png") {
                result[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("truth").path) {
                result["truth/" + name] = try Data(contentsOf: folder.appendingPathComponent("truth").appendingPathComponent(name))
            }
            return result
        }
        let first = try files(seed: 11, run: "a"), second = try files(seed: 11, run: "b"), other = try files(seed: 12, run: "c")
        #expect(first.count == 8) // 4 pages (2 sheets, 1 blank, 1 foreign) + 4 truth files
        #expect(first == second)
        let differing = first.keys.filter { first[$0] != other[$0] }
        #expect(differing.count >= 6, "another seed should change almost every page")
    }

    @Test func markedBubblesAreDarkAndUnmarkedOnesStayPaper() throws {
        let packet = try generator(seed: 21, count: 6)
        let template = packet.template
        var checkedMarked = 0, checkedEmpty = 0
        for index in packet.plan.indices {
            let page = try packet.page(at: index)
            guard page.truth.pageClass == .sheet else { continue }
            #expect(page.truth.orientation == 0)
            let printed = try SheetRenderer.renderGray(template: template, dpi: Self.dpi,
                                                       personalisation: SheetPersonalisation(serial: page.truth.serial ?? ""))
            #expect(printed.width == page.image.width && printed.height == page.image.height)
            for field in template.fields where field.kind != .letters && field.kind != .area {
                let truth = try #require(page.truth.field(field.id), "no truth for \(field.id)")
                for cell in field.cells(defaults: template.defaults) {
                    guard case .bubble(let value, let column) = cell.kind else { continue }
                    // Ink added by the filler = darkness of the filled page minus the printed form.
                    // Over most of the disc, so thin ticks and crosses count too.
                    let radius = cell.rect.width * 0.4
                    let added = SyntheticFixture.darkness(page.image, center: cell.rect.center, radius: radius, dpi: Self.dpi)
                        - SyntheticFixture.darkness(printed, center: cell.rect.center, radius: radius, dpi: Self.dpi)
                    let marks = truth.marks.filter { $0.value == value && $0.column == column }
                    if marks.isEmpty {
                        #expect(added < 0.05, "\(field.id) \(value) col \(column) has ink but no mark in truth")
                        checkedEmpty += 1
                    } else {
                        #expect(added > 0.12, "\(field.id) \(value) col \(column): truth says \(marks[0].style) but little ink (\(added))")
                        checkedMarked += 1
                    }
                }
            }
        }
        #expect(checkedMarked > 100)
        #expect(checkedEmpty > 1000)
    }

    @Test func letterBoxesHoldInkExactlyWhereTruthHasACharacter() throws {
        let packet = try generator(seed: 22, count: 3)
        let template = packet.template
        for index in packet.plan.indices {
            let page = try packet.page(at: index)
            guard page.truth.pageClass == .sheet else { continue }
            for field in template.fields where field.kind == .letters {
                let boxes = try #require(page.truth.field(field.id)?.boxes)
                #expect(page.truth.field(field.id)?.value == (boxes.joined().isEmpty ? nil : boxes.joined()))
                for (cell, character) in zip(field.cells(defaults: template.defaults), boxes) {
                    let r = cell.rect
                    let ink = SyntheticFixture.darkness(page.image, center: r.center, radius: min(r.width, r.height) * 0.35, dpi: Self.dpi)
                    if character.isEmpty { #expect(ink < 0.01, "\(field.id) box empty in truth but inked") }
                    else { #expect(ink > 0.03, "\(field.id) box holds \(character) in truth but looks empty") }
                }
            }
            // Blank sheets are filled by hand: the participant's surname is in the boxes.
            let participant = try #require(packet.participants.first { $0.id == page.truth.participantID })
            #expect(page.truth.field("surname")?.value == String(participant.surname.uppercased().prefix(28)))
        }
    }

    @Test func blankPagesHaveNoInkAndForeignPagesHaveNoRegistrationMarks() throws {
        let packet = try generator(seed: 23, count: 2)
        let template = packet.template
        var seen: Set<PageClass> = []
        for index in packet.plan.indices {
            let page = try packet.page(at: index)
            seen.insert(page.truth.pageClass)
            switch page.truth.pageClass {
            case .blank:
                #expect(page.image.pixels.allSatisfy { $0 == 255 })
            case .foreign:
                #expect(page.image.pixels.contains { $0 < 128 }, "a foreign page has printed content")
                for mark in template.registration.marks {
                    #expect(SyntheticFixture.darkness(page.image, center: mark.center, radius: mark.size / 3, dpi: Self.dpi) < 0.5)
                }
            default: break
            }
        }
        #expect(seen == [.sheet, .blank, .foreign])
    }

    @Test(arguments: [0, 90, 180, 270])
    func recordedOrientationIsTheOneApplied(orientation: Int) throws {
        var scan = SyntheticFixture.plainScan(dpi: Self.dpi)
        scan.upsideDownShare = orientation == 180 ? 1 : 0
        scan.sidewaysShare = orientation == 90 || orientation == 270 ? 1 : 0
        let template = try SyntheticFixture.template()
        // Look through seeds for a sheet page with the wanted turn (90 and 270 are drawn 50/50).
        var found = false
        for seed in UInt64(30)..<UInt64(40) where !found {
            let packet = try generator(seed: seed, count: 1, scan: scan)
            guard let index = packet.plan.firstIndex(where: { if case .sheet = $0 { true } else { false } }) else { continue }
            let page = try packet.page(at: index)
            guard page.truth.orientation == orientation else { continue }
            found = true
            let sideways = orientation % 180 != 0
            #expect((page.image.width > page.image.height) == sideways)
            // Where the orientation cue (next to the top-left mark) lands after a clockwise turn.
            let scale = Self.dpi / 25.4
            let pageW = (template.page.width * scale).rounded(), pageH = (template.page.height * scale).rounded()
            let cue = template.registration.orientationCue.center
            let (x, y) = (cue.x * scale, cue.y * scale)
            let turned: (Double, Double) = switch orientation {
            case 90: (pageH - y, x)
            case 180: (pageW - x, pageH - y)
            case 270: (y, pageW - x)
            default: (x, y)
            }
            let point = PointMM(x: turned.0 / scale, y: turned.1 / scale)
            #expect(SyntheticFixture.darkness(page.image, center: point, radius: template.registration.orientationCue.size / 4,
                                              dpi: Self.dpi) > 0.9, "cue not found where orientation \(orientation) puts it")
        }
        #expect(found, "no page with orientation \(orientation) in the seeds tried")
    }

    @Test func personalisedSheetQRDecodesToTheParticipant() throws {
        let packet = try generator(seed: 41, count: 1, personalised: true)
        let index = try #require(packet.plan.firstIndex { if case .sheet = $0 { true } else { false } })
        let page = try packet.page(at: index)
        let qr = try #require(packet.template.qr)
        let scale = Self.dpi / 25.4
        var error = is03cv_error()
        let reader = try #require(is03cv_qr_reader_create(&error))
        defer { is03cv_qr_reader_free(reader) }
        var text = [CChar](repeating: 0, count: 256)
        var found: Int32 = 0
        let status = page.image.pixels.withUnsafeBufferPointer { buffer in
            var view = is03cv_image(width: Int32(page.image.width), height: Int32(page.image.height), channels: 1,
                                    stride: page.image.width, data: UnsafeMutablePointer(mutating: buffer.baseAddress))
            return is03cv_qr_reader_decode(reader, &view, Int32((qr.x - 4) * scale), Int32((qr.y - 4) * scale),
                                           Int32((qr.width + 8) * scale), Int32((qr.height + 8) * scale),
                                           &text, text.count, &found, &error)
        }
        #expect(status == Int32(IS03CV_OK))
        #expect(found == 1)
        let payload = QRPayload(decoding: String(cString: text))
        #expect(payload == QRPayload(templateID: "is03-2023", serial: page.truth.serial ?? "?", participantID: page.truth.participantID))
        #expect(page.truth.personalised && page.truth.participantID != nil)
        // Personalised sheets leave the name boxes to the pre-printed strip.
        #expect(page.truth.field("surname")?.condition == .blank)
    }
}

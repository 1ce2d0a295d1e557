import ArgumentParser
import Foundation
import IS03Core
import IS03Render

/// `is03 synth`: a synthetic ВДП packet of filled, scanned sheets with ground truth.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesise a scanned packet of filled sheets with a truth file per page.",
        discussion: """
            Writes DIR/page-NNNN.png|jpg (or DIR/packet.tif with --format tiff) and DIR/truth/*.json. \
            The packet holds --count filled sheets plus a few blank and foreign pages; the same seed \
            always gives the same bytes.
            """
    )

    @Option(help: "Template id found in Templates/ (e.g. is03-2023) or a path to a template JSON file.")
    var template: String = "is03-2023"

    @Option(help: "Number of filled sheets (participants present).")
    var count: Int = 10

    @Option(help: "Seed: the same seed gives the same packet.")
    var seed: UInt64 = 1

    @Option(help: "Output folder.")
    var out: String

    @Option(help: "Degradation level: clean, moderate or heavy.")
    var level: String = "moderate"

    @Option(help: "Image format: png, jpeg or tiff (one multi-page TIFF).")
    var format: String = "png"

    @Flag(help: "Personalised sheets: ФИО pre-printed and the participant id in the QR code.")
    var personalised = false

    @Option(help: "Write the packet's participant list (CSV, absent participants included) to this file.")
    var participantsOut: String?

    @Option(help: "Also write the packet's experts list (CSV) here.")
    var expertsOut: String?

    @Flag(help: "Only write --participants-out / --experts-out (no pages): the lists of a packet synthesised before.")
    var listsOnly = false

    @Option(help: "Serial of the first sheet.")
    var firstSerial: Int = 1

    @Option(help: "Number of the first participant id (P000001).")
    var firstID: Int = 1

    @Option(help: "Auditorium number written on the sheets (4 digits).")
    var auditorium: String = "0101"

    @Option(help: "Blank pages to mix in (default: about one per 12 sheets).")
    var blankPages: Int?

    @Option(help: "Foreign pages to mix in (default: about one per 12 sheets).")
    var foreignPages: Int?

    @Option(help: "Scan resolutions to draw from, comma-separated (default: the level's, e.g. 150,200,300,400 for heavy).")
    var dpi: String?

    @Option(help: "JPEG quality for --format jpeg.")
    var jpegQuality: Int = 85

    @Option(help: "Share of sheets the expert leaves unsigned, 0…1 (default 0: every sheet signed; truth `signed`).")
    var unsignedShare: Double = 0

    func validate() throws {
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be between 1 and 100000") }
        guard DegradationLevel(rawValue: level) != nil else { throw ValidationError("--level must be clean, moderate or heavy") }
        guard Self.format(format) != nil else { throw ValidationError("--format must be png, jpeg or tiff") }
        if let dpi {
            let values = dpi.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !values.isEmpty, values.allSatisfy({ ($0 ?? 0) >= 72 && ($0 ?? 0) <= 1200 }) else {
                throw ValidationError("--dpi must be a comma-separated list of resolutions between 72 and 1200, e.g. 150,200")
            }
        }
        guard (0...1).contains(unsignedShare) else { throw ValidationError("--unsigned-share must be between 0 and 1") }
        guard auditorium.count == 4, auditorium.allSatisfy(\.isNumber) else {
            throw ValidationError("--auditorium must be 4 digits, e.g. 0101")
        }
    }

    static func format(_ text: String) -> ImageFormat? { ImageFormat(pathExtension: text) }

    func run() throws {
        let form = try TemplateArgument.load(template)
        var options = SyntheticPacketOptions()
        options.personalised = personalised
        options.firstSerial = firstSerial
        options.setting.firstID = firstID
        options.setting.auditorium = auditorium
        options.blankPages = blankPages
        options.foreignPages = foreignPages
        options.categories = Self.categories(for: form)
        let degradation = DegradationLevel(rawValue: level)!
        if unsignedShare > 0 {
            var fill = FillProfile.standard(for: degradation)
            fill.unsignedShare = unsignedShare
            options.fill = fill
        }
        if let dpi {
            var scan = ScanProfile.standard(for: degradation)
            scan.dpiChoices = dpi.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            options.scan = scan
        }
        let generator = SyntheticPacketGenerator(template: form, seed: seed, level: degradation, count: count, options: options)
        let folder = URL(fileURLWithPath: out)
        let started = Date()
        let truths = listsOnly ? [] : try PacketWriter.write(generator, to: folder, format: Self.format(format)!, jpegQuality: jpegQuality)
        if let participantsOut {
            let url = URL(fileURLWithPath: participantsOut)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(ParticipantCSV.encode(generator.participants).utf8).write(to: url)
        }
        if let expertsOut {
            let url = URL(fileURLWithPath: expertsOut)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(ExpertList.encodeCSV(generator.expertList).utf8).write(to: url)
        }
        if listsOnly { return }
        let sheets = truths.filter { $0.pageClass == .sheet }.count
        let seconds = Date().timeIntervalSince(started)
        print("\(folder.path): \(truths.count) pages (\(sheets) sheets, \(truths.count - sheets) blank/foreign), "
            + "level \(level), seed \(seed), \(String(format: "%.2f", seconds)) s")
    }

    /// The special-category table that goes with the template (`categories-<year>.json` beside it), if any.
    static func categories(for form: Template) -> CategoryTable? {
        let url = TemplateDirectory.locate().appendingPathComponent("categories-\(form.year).json")
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do {
            let table = try CategoryTable.load(from: url, checkedAgainst: form)
            return table.template == form.id ? table : nil
        } catch {
            printError("warning: \(error); synthesising without special categories")
            return nil
        }
    }
}

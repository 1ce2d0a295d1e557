import ArgumentParser
import Foundation
import IS03Core
import IS03Vision

/// `is03 read IMAGE… [--debug DIR]`: read scans and print every page's reading as JSON.
struct ReadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Read scanned pages and print each page's reading (class, template, every field) as JSON.",
        discussion: """
        Accepts PNG, JPEG and TIFF (multi-page, grey, colour or 1-bit) at 150-600 dpi in any
        orientation. A page that cannot be read is reported as `unreadable` with the reason;
        the exit code is 0 unless no page at all could be read.
        """
    )

    @Argument(help: "Scan files.")
    var images: [String]

    @Option(help: "Write an overlay PNG per page into this folder, showing what was found where.")
    var debug: String?

    @Option(help: "Templates folder (default: $IS03_TEMPLATES or ./Templates).")
    var templates: String?

    @Flag(help: "Leave out per-cell measurements (shorter output).")
    var compact = false

    func validate() throws {
        if images.isEmpty { throw ValidationError("give at least one scan file") }
    }

    func run() throws {
        let directory = templates.map { URL(fileURLWithPath: $0) } ?? TemplateDirectory.locate()
        let reader: SheetReader
        do { reader = try SheetReader(templateDirectory: directory) } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
        let debugURL = debug.map { URL(fileURLWithPath: $0, isDirectory: true) }
        if let debugURL {
            try FileManager.default.createDirectory(at: debugURL, withIntermediateDirectories: true)
        }
        var readings: [SheetReading] = []
        for path in images {
            let url = URL(fileURLWithPath: path)
            for (analysis, image) in reader.analyse(fileAt: url, keepImages: debugURL != nil) {
                var reading = analysis.reading
                if let debugURL, let image {
                    let name = "\(url.deletingPathExtension().lastPathComponent)-p\(reading.source.page + 1).png"
                    do { try DebugOverlay.write(analysis, image: image, to: debugURL.appendingPathComponent(name)) } catch {
                        printError("debug overlay for \(path): \(error)")
                    }
                }
                if compact { reading.fields = reading.fields.map { var f = $0; f.cells = []; return f } }
                if reading.pageClass != .sheet { printError("\(path) page \(reading.source.page + 1): \(reading.pageClass.rawValue) — \(reading.classReason ?? "")") }
                readings.append(reading)
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(readings), as: UTF8.self))
        if readings.allSatisfy({ $0.pageClass == .unreadable }) { throw ExitCode(1) }
    }
}

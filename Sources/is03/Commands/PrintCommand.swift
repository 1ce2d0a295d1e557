import ArgumentParser
import Foundation
import IS03Core
import IS03Render

/// `is03 print`: blank or personalised ИС-03 sheets as vector PDF (or PNG rasters).
struct PrintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "print",
        abstract: "Print blank or personalised sheets of a template as PDF (or PNG).",
        discussion: """
            Blank sheets carry a QR code with the template id and a serial; personalised sheets \
            (--participants) also print the participant's ФИО, class and document in a header strip \
            and put the participant id into the QR code. Absent participants (auditorium Н) get no sheet.
            """
    )

    @Option(help: "Template id found in Templates/ (e.g. is03-2023) or a path to a template JSON file.")
    var template: String = "is03-2023"

    @Option(help: "Output PDF file; with --png, a folder (or file prefix) for one PNG per sheet.")
    var out: String

    @Flag(help: "Write PNG rasters instead of a PDF.")
    var png = false

    @Option(help: "Raster resolution for --png.")
    var dpi: Double = 300

    @Option(help: "Participant list CSV: print one personalised sheet per participant present.")
    var participants: String?

    @Option(help: "Number of blank sheets (ignored with --participants).")
    var count: Int = 1

    @Option(help: "Serial of the first sheet; later sheets count up.")
    var firstSerial: Int = 1

    func validate() throws {
        guard count >= 1, count <= 100_000 else { throw ValidationError("--count must be between 1 and 100000") }
        guard dpi >= 50, dpi <= 1200 else { throw ValidationError("--dpi must be between 50 and 1200") }
    }

    func run() throws {
        let form = try TemplateArgument.load(template)
        var sheets: [SheetPersonalisation]
        if let participants {
            let list = try ParticipantList.load(from: URL(fileURLWithPath: participants))
            for problem in list.problems { printError("warning: \(problem)") }
            sheets = list.present.map { SheetPersonalisation(serial: "", participant: $0) }
            guard !sheets.isEmpty else { throw ValidationError("\(participants): no participant present to print for") }
        } else {
            sheets = Array(repeating: SheetPersonalisation(serial: ""), count: count)
        }
        for index in sheets.indices { sheets[index].serial = String(format: "%06d", firstSerial + index) }

        let url = URL(fileURLWithPath: out)
        if png {
            let folder = url.pathExtension.lowercased() == "png" ? url.deletingLastPathComponent() : url
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let stem = url.pathExtension.lowercased() == "png" ? url.deletingPathExtension().lastPathComponent : "sheet"
            for sheet in sheets {
                let image = try SheetRenderer.renderGray(template: form, dpi: dpi, personalisation: sheet)
                let file = sheets.count == 1 && url.pathExtension.lowercased() == "png"
                    ? url : folder.appendingPathComponent("\(stem)-\(sheet.serial).png")
                try SheetRenderer.write(image, to: file)
                print(file.path)
            }
        } else {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try SheetRenderer.renderPDF(template: form, sheets: sheets, to: url)
            print("\(url.path): \(sheets.count) sheet(s) of \(form.id)")
        }
    }
}

/// Resolves a `--template` argument: an id found in the templates folder, or a file path.
enum TemplateArgument {
    static func load(_ argument: String) throws -> Template {
        let asPath = URL(fileURLWithPath: argument)
        if argument.hasSuffix(".json") || FileManager.default.fileExists(atPath: asPath.path) {
            return try Template.load(from: asPath)
        }
        let directory = TemplateDirectory.locate()
        let file = directory.appendingPathComponent("\(argument).json")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw ValidationError("no template `\(argument)` in \(directory.path): give a template id found there or a path to a JSON file")
        }
        return try Template.load(from: file)
    }
}

import ArgumentParser
import Foundation
import IS03Core

/// `is03 template check FILE…`: validate template files, naming every problem.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "Work with form templates.",
        subcommands: [Check.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate template files.")

        @Argument(help: "Template JSON files (default: every file in Templates/).")
        var files: [String] = []

        func run() throws {
            let urls: [URL]
            if files.isEmpty {
                let dir = TemplateDirectory.locate()
                urls = try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
                    .filter { $0.lastPathComponent.hasPrefix("is03-") && $0.pathExtension == "json" }
                    .sorted { $0.path < $1.path }
            } else {
                urls = files.map { URL(fileURLWithPath: $0) }
            }
            var failed = false
            for url in urls {
                do {
                    let template = try Template.load(from: url)
                    print("\(url.path): ok — \(template.id), \(template.fields.count) fields, \(template.scoring.criteria.count) criteria")
                } catch {
                    failed = true
                    printError("\(error)")
                }
            }
            if failed { throw ExitCode(2) }
        }
    }
}

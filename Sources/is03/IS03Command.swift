import ArgumentParser
import IS03Core
import IS03Pipeline

/// The process's entry: malloc is set up before any thread starts, then the command runs.
@main
enum Main {
    static func main() async {
        MallocArenas.limit()
        await IS03Command.main()
    }
}

struct IS03Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "is03",
        abstract: "Reads scanned ИС-03 protocols and turns them into results a РЦОИ can trust.",
        version: EngineVersion.current,
        subcommands: [TemplateCommand.self, PrintCommand.self, SynthCommand.self, GlyphsCommand.self, ProcessCommand.self, WorkerCommand.self, ReprocessCommand.self, StatusCommand.self, ExportCommand.self,
                      ReportCommand.self, PurgeCommand.self,
                      ReviewCommand.self, UserCommand.self, ReadCommand.self, BenchCommand.self]
    )
}

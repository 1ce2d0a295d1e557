import Foundation

/// One returned-delivery packet (ВДП) as scanned: a folder of page images or one multi-page file.
public struct Packet: Sendable, Hashable {
    /// A stable name for the packet (the folder or file name), used in reports and the database.
    public var name: String
    /// Where it was found, as given or expanded from a glob.
    public var path: String
    /// Scan files in page order (by file name, numerically aware: p2 before p10).
    public var files: [String]
}

/// A path that could not be turned into a packet, with what to do about it.
public struct InventoryProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

/// Turns command-line arguments (folders, files, shell-style globs) into packets of scan files.
///
/// Only files with a scan extension are taken (`.png .jpg .jpeg .tif .tiff .pdf`, any case); hidden
/// files are skipped. Input files are only ever read, never moved or changed.
public enum ScanInventory {
    public static let scanExtensions: Set<String> = ["png", "jpg", "jpeg", "tif", "tiff", "pdf"]

    public static func packets(from arguments: [String]) -> (packets: [Packet], problems: [InventoryProblem]) {
        var packets: [Packet] = [], problems: [InventoryProblem] = []
        var seen = Set<String>()
        for argument in arguments {
            let paths = isGlob(argument) ? expandGlob(argument) : [argument]
            if paths.isEmpty {
                problems.append(InventoryProblem(path: argument, message: "no file matches this pattern"))
            }
            for path in paths {
                let standard = URL(fileURLWithPath: path).standardizedFileURL.path
                guard seen.insert(standard).inserted else { continue }
                switch packet(at: path) {
                case .success(let packet): packets.append(packet)
                case .failure(let problem): problems.append(problem)
                }
            }
        }
        return (packets, problems)
    }

    static func packet(at path: String) -> Result<Packet, InventoryProblem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(InventoryProblem(path: path, message: "does not exist; check the path"))
        }
        let url = URL(fileURLWithPath: path)
        if !isDirectory.boolValue {
            guard isScan(url) else {
                return .failure(InventoryProblem(
                    path: path, message: "is not a scan (expected .png, .jpg, .jpeg, .tif, .tiff or .pdf)"))
            }
            return .success(Packet(name: url.deletingPathExtension().lastPathComponent, path: path, files: [path]))
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            return .failure(InventoryProblem(path: path, message: "cannot list the folder: \(error.localizedDescription)"))
        }
        let files = names
            .filter { !$0.hasPrefix(".") && isScan(URL(fileURLWithPath: $0)) }
            .sorted { $0.localizedStandardCompare($1) == .orderedAscending }
            .map { url.appendingPathComponent($0).path }
        guard !files.isEmpty else {
            return .failure(InventoryProblem(path: path, message: "the folder holds no scans (.png, .jpg, .tif)"))
        }
        return .success(Packet(name: url.lastPathComponent, path: path, files: files))
    }

    static func isScan(_ url: URL) -> Bool { scanExtensions.contains(url.pathExtension.lowercased()) }

    static func isGlob(_ argument: String) -> Bool { argument.contains { "*?[".contains($0) } }

    static func expandGlob(_ pattern: String) -> [String] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        return (0..<Int(result.gl_pathc)).compactMap { index in
            result.gl_pathv[index].map { String(cString: $0) }
        }.sorted()
    }
}

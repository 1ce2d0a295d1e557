import Foundation
import IS03Core

/// Writes a synthetic packet the way a scanning station leaves it: one image per page in a
/// folder (PNG or JPEG) or one multi-page TIFF, plus a truth JSON per page under `truth/`.
public enum PacketWriter {
    /// Generates and writes every page of `generator` into `folder`; returns the truths written.
    ///
    /// Folder formats write page by page (pages are generated on all cores); a TIFF packet keeps
    /// every page in memory until the file is written.
    public static func write(_ generator: SyntheticPacketGenerator, to folder: URL, format: ImageFormat,
                             jpegQuality: Int = 85, tiffName: String = "packet.tif") throws -> [SheetTruth] {
        let truthFolder = folder.appendingPathComponent("truth")
        try FileManager.default.createDirectory(at: truthFolder, withIntermediateDirectories: true)
        let count = generator.plan.count
        let results = ResultBox(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            do {
                var page = try generator.page(at: index)
                if format == .tiff {
                    page.truth.file = tiffName
                    page.truth.page = index
                    results.set(index, .success(page))
                } else {
                    page.truth.file = page.truth.file + "." + format.fileExtension
                    try ImageWriter.write(page.image, to: folder.appendingPathComponent(page.truth.file), format: format,
                                          jpegQuality: jpegQuality)
                    page.image = GrayImage(width: 1, height: 1)  // written: free the pixels
                    results.set(index, .success(page))
                }
            } catch {
                results.set(index, .failure(error))
            }
        }
        let pages = try results.values().map { try $0.get() }
        if format == .tiff {
            try ImageWriter.writeMultipageTIFF(pages.map(\.image), to: folder.appendingPathComponent(tiffName))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        for page in pages {
            let name = format == .tiff ? String(format: "packet-p%04d.json", page.truth.page + 1)
                : (page.truth.file as NSString).deletingPathExtension + ".json"
            try encoder.encode(page.truth).write(to: truthFolder.appendingPathComponent(name))
        }
        return pages.map(\.truth)
    }
}

/// Collects per-index results from concurrent workers.
private final class ResultBox: @unchecked Sendable {
    private var slots: [Result<SyntheticPage, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: Result<SyntheticPage, Error>) { lock.withLock { slots[index] = result } }
    func values() -> [Result<SyntheticPage, Error>] { lock.withLock { slots.map { $0 ?? .failure(RenderError("page was not generated")) } } }
}

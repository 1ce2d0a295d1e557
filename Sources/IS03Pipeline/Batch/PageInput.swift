import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// A registered page's image taken from its scan file, with the one failure policy both
/// ``ReadStage`` (`is03 process`) and ``WorkerRun`` (`is03 worker`) follow:
/// - the bytes at the path must be the ones registered: a scan saved over since (a rescan) is
///   never read under the old page's identity, and the page is marked failed;
/// - bytes that cannot be decoded mark the page failed;
/// - a file that cannot be opened or read to its end (moved away, deleted mid-batch, an I/O
///   error) says nothing about the page: it is left as it was — a pending page stays pending
///   and is read by the next run once the file is back — and the failure is only reported.
public enum PageInput: Sendable {
    case image(GrayImage, PageSource)
    /// The page is marked failed with this reason.
    case failed(reason: String)
    /// The page is left as it was; the message names the file and what to do.
    case unavailable(message: String)

    /// Why a page whose file no longer holds its registered bytes is not read.
    public static func changedSinceRegistered(_ page: PageRef) -> String {
        "the file changed since it was registered (its bytes are no longer the registered page \(page.sha256.prefix(12))…); "
            + "the page was not read. Run is03 process on the packet again to register and read the file as it is now"
    }
}

/// Opens scan files for a run of pages, one file at a time: consecutive pages of one file (a
/// multi-page TIFF or PDF) share one opening.
struct PageInputReader {
    let limits: ImageLimits
    private var open: (path: String, file: Result<ScanFile, ScanInputError>)?

    init(limits: ImageLimits = .default) { self.limits = limits }

    mutating func input(for page: PageRef) -> PageInput {
        if open?.path != page.filePath {
            let url = URL(fileURLWithPath: page.filePath)
            open = (page.filePath, Result { () throws(ScanInputError) in try ScanFile(url: url, limits: limits) })
        }
        let file: ScanFile
        switch open!.file {
        case .success(let opened): file = opened
        case .failure(let error): return Self.policy(page, error)
        }
        let source = file.source(page: page.pageIndex)
        guard source.sha256 == page.sha256 else { return .failed(reason: PageInput.changedSinceRegistered(page)) }
        do throws(ScanInputError) { return .image(try file.decode(page: page.pageIndex), source) } catch {
            return Self.policy(page, error)
        }
    }

    private static func policy(_ page: PageRef, _ error: ScanInputError) -> PageInput {
        guard error.code != .unreadableFile else {
            return .unavailable(message: "\(page.filePath) page \(page.pageIndex + 1): \(error.message); "
                                + "the page was left unread: put the file back and run again")
        }
        return .failed(reason: "\(error)")
    }
}

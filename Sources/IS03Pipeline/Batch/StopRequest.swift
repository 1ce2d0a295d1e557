import Synchronization

/// A request to stop a batch in an orderly way (SIGTERM from systemd, Ctrl-C): the pages
/// being read are finished and committed, no new page is started, and the run ends with
/// ``BatchStopped``. Unlike task cancellation, it never interrupts a database write, so the
/// next run has nothing to repair.
public final class StopRequest: Sendable {
    private let reason = Mutex<String?>(nil)

    public init() {}

    /// Asks the batch to stop; `why` is shown to the operator (e.g. "SIGTERM").
    public func request(_ why: String) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    /// Why a stop was requested, or nil while the batch may go on.
    public var requested: String? { reason.withLock { $0 } }
}

/// The batch stopped on request before it finished. Everything read so far is saved.
public struct BatchStopped: Error, Sendable, CustomStringConvertible {
    public var why: String
    public var pagesRead: Int

    public var description: String {
        "stopped by \(why) after reading \(pagesRead) page(s) in this run; every page read is saved. "
            + "Run the same command again to read the rest and write the results."
    }
}

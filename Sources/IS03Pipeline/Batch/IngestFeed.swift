import Synchronization

/// What registering tells reading while the two run side by side in `is03 process`: reading
/// starts on the first packet's pages while later packets are still being hashed, so the
/// batch does not wait for every file to be read from disk twice in a row (issue 5: the
/// disk-bound hashing of a 10,000-sheet batch took 18-33 s before the first page was read).
///
/// A file that cannot be opened is registered as a page that registering itself marks failed.
/// It is named here before it is registered, so reading never takes that page in the moment
/// between the two and reports the same bad file a second time.
public final class IngestFeed: Sendable {
    private struct State: Sendable {
        var failingFiles: Set<String> = []
        var finished = false
    }

    private let state = Mutex(State())
    /// Told of the pages registered to be read with each chunk of files (the progress bar's
    /// total grows with them), and how many files have been registered so far.
    private let registered: @Sendable (_ pages: Int, _ files: Int) -> Void

    public init(registered: @escaping @Sendable (_ pages: Int, _ files: Int) -> Void = { _, _ in }) { self.registered = registered }

    /// Files registering could not open (absolute paths, as registered); called before they are registered.
    func willRegisterFailing(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        state.withLock { $0.failingFiles.formUnion(paths) }
    }

    /// A chunk of files was registered, `pages` of their pages to be read; `files` so far.
    func didRegister(pages: Int, files: Int) { registered(pages, files) }

    /// Registering is over (done or failed): no more pages will come.
    public func finish() { state.withLock { $0.finished = true } }

    public var isFinished: Bool { state.withLock { $0.finished } }

    /// Whether the page's file is one registering marks failed itself.
    func isFailing(filePath: String) -> Bool { state.withLock { $0.failingFiles.contains(filePath) } }
}

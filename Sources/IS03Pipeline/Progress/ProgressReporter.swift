import Foundation

/// Reports batch progress: a redrawn bar with rate and ETA on a terminal, plain log lines
/// otherwise (cron, CI, pipes), so logs stay readable and terminals stay calm.
public final class ProgressReporter: @unchecked Sendable {
    private var total: Int
    private let interactive: Bool
    /// What is counted ("pages"; "files" while registering them), and the line's label.
    private let unit: String
    private let label: String
    private let started = Date()
    private var done = 0
    private var failed = 0
    /// What else is going on, shown after the figures ("registering 120/11600 files").
    private var remark: String?
    private var lastDraw = Date.distantPast
    private let lock = NSLock()
    private let write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - total: pages (or `unit`s) expected.
    ///   - interactive: draw a bar (true on a terminal); nil decides from standard error.
    ///   - unit: what is counted; `label` starts each plain log line.
    ///   - write: where output goes (standard error by default; tests capture it).
    public init(total: Int, interactive: Bool? = nil, unit: String = "pages", label: String = "progress",
                write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = total
        self.interactive = interactive ?? (isatty(STDERR_FILENO) == 1)
        self.unit = unit
        self.label = label
        self.write = write
    }

    /// Counts one finished page (failed pages count too; they are done, with a reason).
    public func pageFinished(failed pageFailed: Bool = false) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        if pageFailed { failed += 1 }
        draw(force: done >= total)
    }

    /// `count` more are expected (pages registered while others are already being read).
    public func expect(_ count: Int) {
        lock.lock(); defer { lock.unlock() }
        total += count
    }

    /// Shows `text` after the figures from now on (nil: nothing); drawn with the next line.
    public func note(_ text: String?) {
        lock.lock(); defer { lock.unlock() }
        remark = text
        draw(force: false)
    }

    /// Writes the line when it is due (called with the lock held).
    private func draw(force: Bool) {
        let now = Date()
        let interval: TimeInterval = interactive ? 0.1 : 5
        if force || now.timeIntervalSince(lastDraw) >= interval {
            lastDraw = now
            write(line(now: now))
        }
    }

    /// Ends the bar's line on a terminal.
    public func finish() {
        lock.lock(); defer { lock.unlock() }
        if interactive { write("\n") }
    }

    private func line(now: Date) -> String {
        let elapsed = max(now.timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        // A registered chunk's pages can be read before registering adds them to the total,
        // so the total shown is never below what is done and the ETA never negative.
        let total = max(self.total, done)
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let stats = String(format: "%d/%d %@  %.1f/s  ETA %@%@%@", done, total, unit, rate,
                           Self.clock(remaining), failed > 0 ? "  \(failed) failed" : "", remark.map { "  (\($0))" } ?? "")
        guard interactive else { return "\(label): \(stats)\n" }
        let width = 30
        let filled = total > 0 ? min(width, done * width / total) : width
        let prefix = label == "progress" ? "" : label + " "
        return "\r" + prefix + "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] " + stats + "  "
    }

    static func clock(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        return s >= 3600 ? String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) : String(format: "%d:%02d", s / 60, s % 60)
    }
}

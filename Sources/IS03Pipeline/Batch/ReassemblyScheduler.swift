import Foundation
import IS03Core
import IS03Storage

/// Re-computes results soon after operators decide, without doing it once per keystroke:
/// the first decision starts a short countdown, decisions during it or during a run are
/// folded into one more run. Used by the review station (`is03 review`), so results and the
/// export reflect decisions within seconds.
public actor ReassemblyScheduler {
    private let stage: AssembleStage
    private let delay: Duration
    private var running = false
    private var dirty = false
    /// Errors of the last run (shown in the server log); nil after a clean run.
    public private(set) var lastError: String?
    /// Completed runs, for tests and the log.
    public private(set) var runs = 0

    public init(stage: AssembleStage, delay: Duration = .milliseconds(500)) {
        self.stage = stage; self.delay = delay
    }

    /// Notes that `pageID` has a new decision; results follow shortly.
    public func decisionMade(pageID: Int64) {
        dirty = true
        guard !running else { return }
        running = true
        Task { await self.loop() }
    }

    private func loop() async {
        while dirty {
            dirty = false
            try? await Task.sleep(for: delay)
            do {
                _ = try await stage.runEverySitting()
                lastError = nil
            } catch {
                lastError = "\(error)"
            }
            runs += 1
        }
        running = false
    }
}

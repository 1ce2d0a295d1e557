import Dispatch
import Foundation
import IS03Pipeline

/// Turns SIGTERM (systemd stopping the service, `kill`) and SIGINT (Ctrl-C) into an orderly
/// stop of a batch: the pages in hand are finished and committed, then the run ends.
/// A second signal of either kind ends the process at once, as the default action would.
final class StopSignals: @unchecked Sendable {
    // @unchecked: the sources are only touched in init and deinit.
    private var sources: [DispatchSourceSignal] = []
    let request = StopRequest()

    /// The signal numbers and names handled.
    static let handled: [(number: Int32, name: String)] = [(SIGTERM, "SIGTERM"), (SIGINT, "SIGINT")]

    init() {
        for (number, name) in Self.handled {
            signal(number, SIG_IGN)  // delivered to the dispatch source instead
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [request] in
                if request.requested != nil {
                    signal(number, SIG_DFL)
                    kill(getpid(), number)
                }
                request.request(name)
                FileHandle.standardError.write(Data("is03: \(name) received; finishing the pages in hand, then stopping (send it again to stop at once)\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// The exit status a shell reports for a process ended by `name` (128 + signal number).
    static func exitStatus(for name: String) -> Int32 {
        128 + (handled.first { $0.name == name }?.number ?? SIGTERM)
    }

    deinit {
        for source in sources { source.cancel() }
        for (number, _) in Self.handled { signal(number, SIG_DFL) }
    }
}

import Foundation
import IS03Core
import IS03Storage

extension AssembleStage {
    /// The sittings a whole-database assembly goes through: every sitting the database knows,
    /// oldest first, or nil alone (every page, the newest list) when it has none yet.
    public static func sittings(in store: any ResultStore) async throws -> [String?] {
        let known = try await store.sittings().map(\.sitting)
        return known.isEmpty ? [nil] : known
    }

    /// Assembles each sitting on its own, against its own list (``sitting``), for the steps
    /// that re-assemble the whole database (`reprocess`, the review station's recomputation):
    /// a sheet of one sitting is never matched to another sitting's list. Results go to the
    /// database only.
    public func runEverySitting() async throws -> [AssembleReport] {
        var reports: [AssembleReport] = []
        for sitting in try await Self.sittings(in: store) {
            let stage = AssembleStage(store: store, templates: templates, categories: categories, actor: actor,
                                      spill: spill, sitting: sitting)
            if let report = try await stage.run() { reports.append(report) }
        }
        return reports
    }
}

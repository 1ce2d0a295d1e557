import Foundation
import IS03Core
import IS03Storage

/// The assembly a worker runs once the shared backlog is drained: the same ``AssembleStage``
/// and the same result files and crops (``BatchOutput``) as `is03 process`.
struct WorkerAssembly: Sendable {
    enum Outcome { case done, heldByAnother }

    let store: any DatabaseOfRecord
    let options: WorkerOptions
    let templates: TemplateCatalog
    let log: @Sendable (String) -> Void

    /// Runs the joint reconciliation once per drained backlog: only while some read sheet is
    /// not yet matched against the current participant list, and under the `assemble` job lock,
    /// renewed like a page claim, so a worker that dies mid-assembly frees it within one lease
    /// and a waiting worker takes over.
    func runIfNeeded() async throws -> Outcome {
        guard try await needed() else { return .done }
        let worker = options.name, lease = options.leaseSeconds
        guard try await store.acquireJobLock("assemble", holder: worker, leaseSeconds: lease) else { return .heldByAnother }
        let renewal = LeaseRenewal(leaseSeconds: lease) { [store] in
            _ = try await store.acquireJobLock("assemble", holder: worker, leaseSeconds: lease)
        }
        defer { renewal.stop() }
        do {
            // Checked again under the lock: another worker may have just finished it.
            if try await needed() { try await assemble() }
        } catch {
            try? await store.releaseJobLock("assemble", holder: worker)
            throw error
        }
        try await store.releaseJobLock("assemble", holder: worker)
        return .done
    }

    private func needed() async throws -> Bool {
        guard let list = try await store.currentParticipantList() else { return false }
        let current = ProcessingVersions(templateVersions: templates.versions, engineVersion: EngineVersion.current,
                                         participantListID: list.id)
        return try await store.pagesToReprocess(current: current, limit: 1, afterID: nil)
            .contains { $0.reasons.contains(.participantList) }
    }

    private func assemble() async throws {
        let out = options.outputDirectory
        // The readings wait in a scratch file in the output folder when there is one, else in
        // the temporary folder ($TMPDIR) (sizes in docs/scale-out.md).
        let spill = try out.map { folder -> ReadingSpill in
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return try ReadingSpill(directory: folder)
        }
        let stage = AssembleStage(store: store, templates: templates,
                                  categories: try templates.categoryTables(in: options.templateDirectory),
                                  actor: "is03 worker \(options.name)", spill: spill,
                                  sitting: try await store.currentParticipantList()?.sitting)
        // Results and review items go to the result files as they are committed.
        let files = try out.map { try ResultFileStream(directory: $0) }
        guard let assembled = try await stage.run(into: files) else { return }
        if let out, let files {
            let output = BatchOutput(directory: out, workers: ProcessInfo.processInfo.activeProcessorCount)
            _ = try output.finishFiles(files, assembled)
            // The review items' crops, cut from the scans (workers see them under the paths
            // `process --enqueue` recorded).
            for problem in await output.writeCrops(assembled.cropJobs) {
                FileHandle.standardError.write(Data((problem + "\n").utf8))
            }
        }
        log("assembled \(assembled.sheets) sheet(s): \(assembled.results) result(s), "
            + "\(assembled.reviewItems) review item(s), \(assembled.resultsChanged) changed")
    }
}

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

    /// Runs the joint reconciliation of every sitting once per drained backlog: only while some
    /// read sheet is not yet matched against a participant list, and under the `assemble` job lock,
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
        let categories = try templates.categoryTables(in: options.templateDirectory)
        func stage(_ sitting: String?) -> AssembleStage {
            AssembleStage(store: store, templates: templates, categories: categories,
                          actor: "is03 worker \(options.name)", spill: spill, sitting: sitting)
        }
        // Every sitting is assembled against its own list (a late packet of an older sitting
        // is not left unmatched); the newest sitting last, as the result files carry it alone,
        // as `is03 process` writes its one sitting (docs/scale-out.md).
        let sittings = try await AssembleStage.sittings(in: store)
        let newest: String? = try await store.currentParticipantList()?.sitting ?? sittings.last.flatMap { $0 }
        for sitting in sittings where sitting != newest {
            if let report = try await stage(sitting).run() {
                log("assembled sitting \(sitting ?? "-"): \(report.sheets) sheet(s), \(report.results) result(s)")
            }
        }
        // Results and review items go to the result files as they are committed.
        let files = try out.map { try ResultFileStream(directory: $0) }
        guard let assembled = try await stage(newest).run(into: files) else { return }
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

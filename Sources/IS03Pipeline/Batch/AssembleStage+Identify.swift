import Foundation
import IS03Core
import IS03Storage

/// A page being assembled: its reference, packet, form and when its reading was stored.
struct AssemblyPage: Sendable {
    var ref: PageRef
    var packet: String
    var templateID: String?
    var readAt: Date?
}

/// What step 1 gives step 2 and step 3: every read page, in batch order, with its identity
/// and the decisions in force on it (fetched once, so both passes see the same ones).
struct IdentifiedPages: Sendable {
    var pages: [AssemblyPage] = []
    var identities: [SheetIdentity] = []
    var decisions: [Int64: [FieldDecision]] = [:]
}

extension AssembleStage {
    /// Step 1: every read page's identity, decisions applied, each judged by its own form.
    /// Readings of pages read in this run come from the spill; earlier runs' are decoded once
    /// and spilled for step 3.
    func identify(spill: ReadingSpill) async throws -> IdentifiedPages {
        let byTemplate = Dictionary(templates.all.map { ($0.id, ResultAssembler(template: $0, categories: .standardOnly(for: $0))) },
                                    uniquingKeysWith: { a, _ in a })
        var identified = IdentifiedPages()
        var after: Int64?
        let known = spill.pageIDs
        var decodedStoredReadings = false
        while true {
            // Small chunks: pages read by earlier runs arrive as whole decoded readings and are
            // spilled at once, so a chunk's size bounds what is held.
            if decodedStoredReadings { memory.chunkDecoded() }
            let chunk = try await store.readPages(limit: Self.storedReadingsChunk, afterID: after, known: known,
                                                     sitting: sitting)
            guard let last = chunk.last else { break }
            decodedStoredReadings = chunk.contains { $0.reading != nil }
            after = last.ref.id
            // Spilled readings are decoded and slimmed on all cores, a chunk at a time.
            let pages = try await withThrowingTaskGroup(of: (Int, IdentifiedPage?).self) { group in
                for (offset, page) in chunk.enumerated() {
                    group.addTask { (offset, try await identify(page, spill: spill, byTemplate: byTemplate)) }
                }
                return try await group.reduce(into: [IdentifiedPage?](repeating: nil, count: chunk.count)) { $0[$1.0] = $1.1 }
            }
            for case let page? in pages {
                var identity = page.identity
                identity.evidence.index = identified.pages.count
                identified.identities.append(identity)
                identified.pages.append(page.page)
                if !page.decisions.isEmpty { identified.decisions[page.page.ref.id] = page.decisions }
            }
        }
        return identified
    }

    /// Step 1, last part: a sheet of another form than the batch's is not a sheet of this run,
    /// and is matched as the page it is here (queued as foreign).
    func judgeOtherForms(_ identified: inout IdentifiedPages, by assembler: ResultAssembler, spill: ReadingSpill) async throws {
        for index in identified.pages.indices {
            let page = identified.pages[index]
            guard page.templateID != nil, page.templateID != assembler.template.id,
                  let reading = try spill.reading(pageID: page.ref.id) else { continue }
            let decided = try await decidedReading(reading, pageID: page.ref.id, decisions: &identified.decisions)
            identified.identities[index] = assembler.identify(SheetToMatch(reading: decided, packet: page.packet), index: index).identity
        }
    }

    /// The template most sheets were read with (a batch normally holds one form).
    func primaryTemplate(of pages: [AssemblyPage]) -> Template? {
        let counts = Dictionary(pages.compactMap(\.templateID).map { ($0, 1) }, uniquingKeysWith: +)
        let id = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? templates.all.first?.id
        return id.flatMap(templates.template)
    }

    /// Step 1 for one page, judged by the page's own form.
    private struct IdentifiedPage: Sendable {
        var page: AssemblyPage
        var identity: SheetIdentity
        var decisions: [FieldDecision]
    }

    /// One page's reading from the database (spilled for step 3) or the spill, decisions
    /// applied, reduced to what matching needs.
    private func identify(_ page: ReadPage, spill: ReadingSpill, byTemplate: [String: ResultAssembler]) async throws -> IdentifiedPage? {
        let reading: SheetReading
        if let stored = page.reading {
            reading = stored
            try spill.keep(pageID: page.ref.id, reading: stored)
        } else if let kept = try spill.reading(pageID: page.ref.id) {
            reading = kept
        } else {
            return nil   // not reachable: `known` pages come without a reading only when spilled
        }
        var decisions: [Int64: [FieldDecision]] = [:]
        let decided = try await decidedReading(reading, pageID: page.ref.id, decisions: &decisions)
        guard let own = reading.templateID.flatMap({ byTemplate[$0] }) ?? byTemplate[templates.all[0].id] else { return nil }
        let identity = own.identify(SheetToMatch(reading: decided, packet: page.packetName), index: 0).identity
        return IdentifiedPage(page: AssemblyPage(ref: page.ref, packet: page.packetName, templateID: reading.templateID, readAt: page.readAt),
                              identity: identity, decisions: decisions[page.ref.id] ?? [])
    }

    /// `reading` with the page's decisions in force applied, slimmed for matching and scoring.
    /// The decisions are fetched once per run and reused, so both passes see the same ones.
    private func decidedReading(_ reading: SheetReading, pageID: Int64,
                                decisions: inout [Int64: [FieldDecision]]) async throws -> SheetReading {
        let compact = DecisionOverlay.compact(reading, template: reading.templateID.flatMap(templates.template))
        let inForce: [FieldDecision]
        if let known = decisions[pageID] { inForce = known } else {
            inForce = try await store.decisions(pageID: pageID)
            if !inForce.isEmpty { decisions[pageID] = inForce }
        }
        return inForce.isEmpty ? compact : DecisionOverlay.apply(inForce, to: compact)
    }
}

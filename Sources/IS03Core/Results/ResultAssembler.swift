import Foundation

/// Turns a batch of page readings into results and a review queue: reconciles sheets with the
/// participant list, scores each sheet for its participant's category, and queues everything
/// uncertain. This is the domain half of `is03 process`; the pipeline feeds it readings and
/// writes what it returns (plus the crops the items point at).
public struct ResultAssembler: Sendable {
    public var template: Template
    public var categories: CategoryTable
    public var scoringPolicy: ScoringPolicy
    public var reconciliationPolicy: ReconciliationPolicy
    /// The optional experts list: an expert's ФИО written on a sheet that clearly fits one
    /// expert (see ``ExpertMatcher``) is reported in the list's spelling; one that fits nobody
    /// clearly is queued. Without a list, a written ФИО is reported as read and queued unless the
    /// reader is sure of it.
    public var experts: [Expert] { didSet { expertMatcher = ExpertMatcher(experts: experts, policy: reconciliationPolicy) } }
    private var expertMatcher: ExpertMatcher

    public init(template: Template, categories: CategoryTable, experts: [Expert] = [], scoringPolicy: ScoringPolicy = .default,
                reconciliationPolicy: ReconciliationPolicy = .default) {
        self.template = template; self.categories = categories; self.experts = experts
        self.scoringPolicy = scoringPolicy; self.reconciliationPolicy = reconciliationPolicy
        expertMatcher = ExpertMatcher(experts: experts, policy: reconciliationPolicy)
    }

    /// Everything a run produces.
    public struct Output: Sendable {
        /// One record per participant with an accepted sheet, ordered by ОО, auditorium, id.
        public var results: [ResultRecord]
        public var review: ReviewQueue
        public var reconciliation: ReconciliationReport
        /// The score of every sheet (by input index), matched or not.
        public var scores: [Int: SheetScore]
        /// Totals for the results file's root.
        public var summary: ResultsXML.Summary
    }

    public func assemble(_ sheets: [SheetToMatch], participants: [Participant]) -> Output {
        var items: [ReviewQueueItem] = []
        // Pages that are not sheets of this template take no part in matching.
        var usable = sheets
        for (i, sheet) in sheets.enumerated() {
            let r = sheet.reading
            let reason: (ReviewReason, String)?
            switch r.pageClass {
            case .sheet where r.templateID != nil && r.templateID != template.id:
                reason = (.foreignPage, "sheet of template \(r.templateID ?? "?"), this run reads \(template.id)")
            case .sheet, .blank: reason = nil
            case .foreign: reason = (.foreignPage, r.classReason ?? "not an ИС-03 sheet")
            case .unreadable: reason = (.unreadablePage, r.classReason ?? "the page could not be decoded or registered")
            }
            if let (code, message) = reason {
                items.append(ReviewQueueItem(id: ReviewQueueItem.makeID(r.source, fieldID: "@page", reason: code), reason: code,
                                             fieldID: "@page", message: message, crop: ReviewQueueItem.cropPath(for: r.source, fieldID: "@page"),
                                             sheet: SheetReference(r.source, packet: sheet.packet)))
                usable[i].reading.pageClass = .foreign
            }
        }
        let report = Reconciler(template: template, policy: reconciliationPolicy).reconcile(usable, participants: participants)
        let byID = Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let engine = ScoringEngine(template: template, categories: categories, policy: scoringPolicy)
        let duplicated = Set(report.duplicateSheets.flatMap { $0 })

        var scores: [Int: SheetScore] = [:]
        var records: [String: ResultRecord] = [:]
        for match in report.matches where usable[match.sheetIndex].reading.pageClass == .sheet {
            let sheet = usable[match.sheetIndex]
            let reading = sheet.reading
            let ref = SheetReference(reading.source, packet: sheet.packet)
            let participant = match.participantID.flatMap { byID[$0] }
            let score = engine.score(reading, categoryID: participant?.category)
            scores[match.sheetIndex] = score
            var sheetItems = score.findings.map { item(for: $0, reading: reading, ref: ref, participant: participant?.id) }
            sheetItems += matchItems(match, reading: reading, ref: ref, participant: participant, duplicated: duplicated)
            sheetItems += variantItem(reading, ref: ref, participant: participant?.id)
            let expert = expertName(reading, oo: participant?.oo, ref: ref, participant: participant?.id)
            if match.accepted, participant != nil { sheetItems += expert.items }
            items += sheetItems
            guard match.accepted, let participant else { continue }
            var flags: [String] = []
            if score.provisional { flags.append("provisional") }
            if duplicated.contains(match.sheetIndex) { flags.append("duplicateSheet") }
            if participant.absent { flags.append("absentOnList") }
            flags += score.findings.compactMap(\.ruleID)
            let record = ResultRecord(
                participant: participant, variant: digits(reading, .variant), kim: digits(reading, .kim),
                expert: expert.name, score: score, flags: flags,
                provenance: Provenance(scanFile: reading.source.file, page: reading.source.page, sha256: reading.source.sha256,
                                       templateID: template.id, engineVersion: EngineVersion.current,
                                       matchMethod: match.method.rawValue, reviewStatus: sheetItems.isEmpty ? .auto : .pending))
            // Two accepted sheets for one person (two QR codes alike): keep the first, both are queued.
            if records[participant.id] == nil { records[participant.id] = record }
        }
        for id in report.missingSheets {
            items.append(ReviewQueueItem(id: "list-\(id)-missingSheet", reason: .missingSheet, fieldID: "@list",
                                         message: "\(byID[id]?.fullName ?? id) sat the exam (auditorium \(byID[id]?.auditorium ?? "?")) but no sheet was found",
                                         participantID: id))
        }
        let results = records.values.sorted {
            // Absent («Н») participants sort after every auditorium of their school.
            ($0.participant.oo, $0.participant.auditorium ?? "Н", $0.participant.id) < ($1.participant.oo, $1.participant.auditorium ?? "Н", $1.participant.id)
        }
        return Output(results: results, review: ReviewQueue(items: items), reconciliation: report, scores: scores,
                      summary: .init(participantsWhoSat: report.countCheck.participantsWhoSat, missingSheets: report.missingSheets.count))
    }

    // MARK: - Items

    private func item(for finding: ScoringFinding, reading: SheetReading, ref: SheetReference, participant: String?) -> ReviewQueueItem {
        let isField = template.field(finding.fieldID) != nil
        return ReviewQueueItem(
            id: ReviewQueueItem.makeID(reading.source, fieldID: finding.ruleID ?? finding.fieldID, reason: finding.reason),
            reason: finding.reason, fieldID: finding.fieldID, message: finding.message, machineValue: finding.machineValue,
            confidence: finding.confidence.map(Self.rounded),
            candidates: finding.alternatives.map { ReviewCandidate(value: $0.value, confidence: Self.rounded($0.confidence)) },
            crop: isField ? ReviewQueueItem.cropPath(for: reading.source, fieldID: finding.fieldID) : nil,
            sheet: ref, participantID: participant, ruleID: finding.ruleID)
    }

    private func matchItems(_ match: SheetMatch, reading: SheetReading, ref: SheetReference, participant: Participant?,
                            duplicated: Set<Int>) -> [ReviewQueueItem] {
        var out: [ReviewQueueItem] = []
        let surname = template.field(role: .surname)?.id ?? "@participant"
        let read = [FieldRole.surname, .name, .patronymic].compactMap { template.field(role: $0).flatMap { reading.field($0.id)?.value } }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        func add(_ reason: ReviewReason, _ message: String) {
            out.append(ReviewQueueItem(
                id: ReviewQueueItem.makeID(reading.source, fieldID: "@participant", reason: reason), reason: reason,
                fieldID: "@participant", message: message, machineValue: read.isEmpty ? nil : read,
                confidence: match.candidates.first.map { Self.rounded($0.probability) },
                candidates: match.candidates.map { ReviewCandidate(value: $0.participantID, label: $0.fullName, confidence: Self.rounded($0.probability)) },
                crop: ReviewQueueItem.cropPath(for: reading.source, fieldID: surname), sheet: ref, participantID: match.participantID))
        }
        if let reason = match.reason {
            let messages: [ReviewReason: String] = [
                .unreadableName: "the ФИО could not be read well enough to match",
                .noParticipant: reading.qr?.participantID.map { "QR participant id \($0) is not on the list" } ?? "nobody on the list fits this sheet",
                .ambiguousMatch: "several participants fit; none clearly better",
                .duplicateSheet: "fits \(participant?.fullName ?? "a participant") who already has a sheet",
            ]
            add(reason, messages[reason] ?? reason.rawValue)
        } else if duplicated.contains(match.sheetIndex) {
            add(.duplicateSheet, "\(participant?.fullName ?? "the participant") has more than one sheet")
        }
        if match.accepted, let participant, participant.absent {
            add(.absentWithSheet, "\(participant.fullName) is marked «Н» (absent) on the list but has a sheet")
        }
        return out
    }

    /// The variant is part of the result (seed 000): an unclear one is queued.
    private func variantItem(_ reading: SheetReading, ref: SheetReference, participant: String?) -> [ReviewQueueItem] {
        guard let field = template.field(role: .variant), let read = reading.field(field.id),
              read.status != .ok || (read.value ?? "").contains("?") || read.confidence < scoringPolicy.minimumMarkConfidence else { return [] }
        let reason: ReviewReason = read.status == .blank ? .noMark : read.status == .multiple ? .multipleMarks : .lowConfidenceMark
        return [ReviewQueueItem(id: ReviewQueueItem.makeID(reading.source, fieldID: field.id, reason: reason), reason: reason,
                                fieldID: field.id, message: "variant number is unclear", machineValue: read.value,
                                confidence: Self.rounded(read.confidence),
                                candidates: read.alternatives.map { ReviewCandidate(value: $0.value, confidence: Self.rounded($0.confidence)) },
                                crop: ReviewQueueItem.cropPath(for: reading.source, fieldID: field.id), sheet: ref, participantID: participant)]
    }

    // MARK: - Values

    private func digits(_ reading: SheetReading, _ role: FieldRole) -> String? {
        guard let field = template.field(role: role), let read = reading.field(field.id), read.status != .blank,
              let value = read.value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The expert's ФИО for the result — the experts list's «Петрова А.В.» when one expert
    /// clearly fits, else «ПЕТРОВА А.В.» as read — and a review item whenever that is not sure:
    /// the ФИО is part of the result (seed 000), so an unsure one must not pass silently.
    private func expertName(_ reading: SheetReading, oo: String?, ref: SheetReference,
                            participant: String?) -> (name: String?, items: [ReviewQueueItem]) {
        // A reading without the field (not a read sheet of this form) has nothing to say.
        guard let surnameField = template.field(role: .expertSurname), var surname = reading.field(surnameField.id) else { return (nil, []) }
        let initialsField = template.field(role: .expertInitials)
        var initials = initialsField.flatMap { reading.field($0.id) }
        if let decided = Self.surnameWithInitials(surname) {
            // An operator's answer (typed, or a candidate chosen) names the initials too:
            // «СЕДЫХ Д.Д.» stands for both boxes, whatever the initials boxes read.
            surname.value = decided.surname
            initials = FieldReading(id: initialsField?.id ?? surnameField.id, status: .ok, value: decided.initials,
                                    confidence: surname.confidence)
        }
        func text(_ read: FieldReading?) -> String? {
            guard let read, read.status != .blank else { return nil }
            let value = (read.value ?? "").trimmingCharacters(in: .whitespaces)
            return value.isEmpty ? nil : value
        }
        let written: String? = text(surname).map { surname in
            let letters = (text(initials) ?? "").filter(\.isLetter).map { "\($0)." }.joined()
            return letters.isEmpty ? surname : "\(surname) \(letters)"
        }
        func item(_ message: String, candidates: [ReviewCandidate], confidence: Double?) -> ReviewQueueItem {
            ReviewQueueItem(id: ReviewQueueItem.makeID(reading.source, fieldID: surnameField.id, reason: .unreadableName),
                            reason: .unreadableName, fieldID: surnameField.id, message: message, machineValue: written,
                            confidence: confidence.map(Self.rounded), candidates: candidates,
                            crop: ReviewQueueItem.cropPath(for: reading.source, fieldID: surnameField.id),
                            sheet: ref, participantID: participant)
        }
        guard written != nil else { return (nil, [item("the expert's ФИО is blank", candidates: [], confidence: nil)]) }
        if !experts.isEmpty {
            let outcome = expertMatcher.match(surname: surname, initials: initials, oo: oo)
            if let expert = outcome.expert { return (expert.shortName, []) }
            let candidates = outcome.candidates.map { candidate in
                ReviewCandidate(value: candidate.expert.shortName.uppercased(),
                                label: "\(candidate.expert.surname) \(candidate.expert.name) \(candidate.expert.patronymic ?? "") (ОО \(candidate.expert.oo))"
                                    .replacingOccurrences(of: "  ", with: " "),
                                confidence: Self.rounded(candidate.probability))
            }
            return (written, [item("the expert's ФИО fits nobody on the experts list clearly", candidates: candidates,
                                   confidence: outcome.candidates.first?.probability)])
        }
        let sure = surname.status == .ok && (initials == nil || initials?.status == .blank || initials?.status == .ok)
        if sure { return (written, []) }
        let candidates = surname.alternatives.map { ReviewCandidate(value: $0.value, confidence: Self.rounded($0.confidence)) }
        return (written, [item("the expert's ФИО is not read surely (no experts list to check it against)",
                               candidates: candidates, confidence: surname.confidence)])
    }

    /// «СЕДЫХ Д.Д.» → (СЕДЫХ, ДД): a surname value written with dotted initials, as operators
    /// and the expert candidates give it (the reader's own values never hold a dot).
    static func surnameWithInitials(_ read: FieldReading) -> (surname: String, initials: String)? {
        guard read.status != .blank, let value = read.value?.trimmingCharacters(in: .whitespaces), value.contains("."),
              let space = value.firstIndex(of: " ") else { return nil }
        let surname = String(value[..<space]), initials = String(value[space...].filter(\.isLetter))
        return surname.isEmpty || initials.isEmpty ? nil : (surname, initials)
    }

    static func rounded(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
}

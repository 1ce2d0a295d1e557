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
        /// The score of every sheet (by input index), matched or not; only ``assemble(_:participants:)``
        /// keeps them (`AssembleStage` streams its scores into the database).
        public var scores: [Int: SheetScore]
        /// Totals for the results file's root.
        public var summary: ResultsXML.Summary

        public init(results: [ResultRecord], review: ReviewQueue, reconciliation: ReconciliationReport,
                    scores: [Int: SheetScore], summary: ResultsXML.Summary) {
            self.results = results; self.review = review; self.reconciliation = reconciliation
            self.scores = scores; self.summary = summary
        }
    }

    /// A page as this run treats it: a sheet of another template, or a page that is not a
    /// sheet at all (foreign, unreadable), takes no part in matching (its class becomes
    /// `foreign`) and gets a page-wide review item; a blank page just takes no part.
    public func admit(_ sheet: SheetToMatch) -> (sheet: SheetToMatch, pageItem: ReviewQueueItem?) {
        let r = sheet.reading
        let reason: (ReviewReason, String)?
        switch r.pageClass {
        case .sheet where r.templateID != nil && r.templateID != template.id:
            reason = (.foreignPage, "бланк формы \(r.templateID ?? "?"), а этот запуск читает \(template.id)")
        case .sheet, .blank: reason = nil
        case .foreign: reason = (.foreignPage, "не бланк ИС-03" + Self.recogniserSays(r.classReason))
        case .unreadable: reason = (.unreadablePage, "страницу не удалось раскодировать или совместить с формой" + Self.recogniserSays(r.classReason))
        }
        guard let (code, message) = reason else { return (sheet, nil) }
        let item = ReviewQueueItem(id: ReviewQueueItem.makeID(r.source, fieldID: "@page", reason: code), reason: code,
                                   fieldID: "@page", message: message, crop: ReviewQueueItem.cropPath(for: r.source, fieldID: "@page"),
                                   sheet: SheetReference(r.source, packet: sheet.packet))
        var usable = sheet
        usable.reading.pageClass = .foreign
        return (usable, item)
    }

    /// What matching needs of an admitted page (see ``admit(_:)``); `index` is its place in the batch.
    public func identity(of sheet: SheetToMatch, index: Int) -> SheetIdentity {
        Reconciler(template: template, policy: reconciliationPolicy).identity(of: sheet, index: index)
    }

    /// The batch-wide part: every page's identity matched against the list at once.
    public struct Matching: Sendable {
        public var report: ReconciliationReport
        var participants: [String: Participant]
        var duplicated: Set<Int>
        /// The sheet whose result a participant gets: the first accepted one (two accepted
        /// sheets for one person, e.g. two QR codes alike, are both queued).
        var resultSheet: [String: Int]

        public var summary: ResultsXML.Summary {
            .init(participantsWhoSat: report.countCheck.participantsWhoSat, missingSheets: report.missingSheets.count)
        }
    }

    public func match(_ identities: [SheetIdentity], participants: [Participant]) -> Matching {
        let report = Reconciler(template: template, policy: reconciliationPolicy).reconcile(identities, participants: participants)
        let byID = Dictionary(participants.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var resultSheet: [String: Int] = [:]
        for match in report.matches where match.accepted && identities[match.sheetIndex].isSheet {
            guard let id = match.participantID, byID[id] != nil, resultSheet[id] == nil else { continue }
            resultSheet[id] = match.sheetIndex
        }
        return Matching(report: report, participants: byID, duplicated: Set(report.duplicateSheets.flatMap { $0 }),
                        resultSheet: resultSheet)
    }

    /// One sheet's share of the outcome: its score, its review items and, when it is the
    /// sheet a participant's result comes from, that result.
    public struct SheetOutcome: Sendable {
        public var score: SheetScore
        public var items: [ReviewQueueItem]
        public var record: ResultRecord?
    }

    /// Scores the admitted sheet at `index` (a sheet of this template: see ``SheetIdentity/isSheet``)
    /// for its matched participant's category and says what needs an operator.
    public func sheetOutcome(index: Int, sheet: SheetToMatch, matching: Matching) -> SheetOutcome {
        let match = matching.report.matches[index]
        let reading = sheet.reading
        let ref = SheetReference(reading.source, packet: sheet.packet)
        let participant = match.participantID.flatMap { matching.participants[$0] }
        let score = ScoringEngine(template: template, categories: categories, policy: scoringPolicy)
            .score(reading, categoryID: participant?.category)
        var sheetItems = score.findings.map { item(for: $0, reading: reading, ref: ref, participant: participant?.id) }
        sheetItems += matchItems(match, reading: reading, ref: ref, participant: participant, duplicated: matching.duplicated)
        sheetItems += digitValueItems(reading, ref: ref, participant: participant?.id)
        let expert = expertName(reading, oo: participant?.oo, ref: ref, participant: participant?.id)
        if match.accepted, participant != nil { sheetItems += expert.items }
        guard match.accepted, let participant, matching.resultSheet[participant.id] == index else {
            return SheetOutcome(score: score, items: sheetItems, record: nil)
        }
        var flags: [String] = []
        if score.provisional { flags.append("provisional") }
        if matching.duplicated.contains(index) { flags.append("duplicateSheet") }
        if participant.absent { flags.append("absentOnList") }
        flags += score.findings.compactMap(\.ruleID)
        let record = ResultRecord(
            participant: participant, variant: certainDigits(reading, .variant), kim: certainDigits(reading, .kim),
            expert: expert.name, score: score, flags: flags,
            provenance: Provenance(scanFile: reading.source.file, page: reading.source.page, sha256: reading.source.sha256,
                                   templateID: template.id, engineVersion: EngineVersion.current,
                                   matchMethod: match.method.rawValue, reviewStatus: sheetItems.isEmpty ? .auto : .pending))
        return SheetOutcome(score: score, items: sheetItems, record: record)
    }

    /// The review items `sheet` raises whoever its participant turns out to be, scored for the
    /// standard category: known as soon as the page is read, so the read stage can cut the
    /// crops they point at from the image in hand instead of decoding the page again later.
    /// Matching adds its own items (the participant's name), a special category may change the
    /// findings and the participant's school may change the expert's; the crops of those are
    /// cut after assembling.
    public func itemsKnownBeforeMatching(_ sheet: SheetToMatch) -> [ReviewQueueItem] {
        let admitted = admit(sheet)
        if let item = admitted.pageItem { return [item] }
        let reading = admitted.sheet.reading
        guard reading.pageClass == .sheet else { return [] }
        let ref = SheetReference(reading.source, packet: sheet.packet)
        let score = ScoringEngine(template: template, categories: categories, policy: scoringPolicy).score(reading, categoryID: nil)
        // The expert's ФИО is judged against the school the sheet itself names: its
        // participant's school is known only after matching (and is nearly always the same).
        return score.findings.map { item(for: $0, reading: reading, ref: ref, participant: nil) }
            + digitValueItems(reading, ref: ref, participant: nil)
            + expertName(reading, oo: digits(reading, .oo), ref: ref, participant: nil).items
    }

    /// Items that belong to no page: participants who sat but have no sheet.
    public func listItems(_ matching: Matching) -> [ReviewQueueItem] {
        matching.report.missingSheets.map { id in
            let person = matching.participants[id]
            return ReviewQueueItem(id: "list-\(id)-missingSheet", reason: .missingSheet, fieldID: "@list",
                                   message: "\(person?.fullName ?? id) был на собеседовании (аудитория \(person?.auditorium ?? "?")), но бланк не найден",
                                   participantID: id)
        }
    }

    /// Results in the results file's order: by ОО, auditorium, participant id.
    public func orderedResults(_ records: [ResultRecord]) -> [ResultRecord] {
        records.sorted(by: ResultsXML.order)
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
                .unreadableName: "ФИО прочитано недостаточно для сопоставления",
                .noParticipant: reading.qr?.participantID.map { "кода участника \($0) из QR нет в списке" } ?? "бланку не подходит никто из списка",
                .ambiguousMatch: "подходят несколько участников, ни один не лучше явно",
                .duplicateSheet: "подходит \(participant?.fullName ?? "участнику"), у которого уже есть бланк",
            ]
            // The reconciler's detail names the fields that agreed and contradicted.
            let general = messages[reason] ?? reason.rawValue
            add(reason, match.detail.map { reason == .noParticipant || reason == .ambiguousMatch && $0.hasPrefix(Reconciler.documentConflictPrefix) ? $0 : general + ": " + $0 } ?? general)
        } else if duplicated.contains(match.sheetIndex) {
            add(.duplicateSheet, "у \(participant?.fullName ?? "участника") больше одного бланка")
        }
        if match.accepted, let participant, participant.absent {
            add(.absentWithSheet, "\(participant.fullName) отмечен в списке «Н» (не явился), но бланк есть")
        }
        return out
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
        guard written != nil else { return (nil, [item("ФИО эксперта не заполнено", candidates: [], confidence: nil)]) }
        if !experts.isEmpty {
            let outcome = expertMatcher.match(surname: surname, initials: initials, oo: oo)
            if let expert = outcome.expert { return (expert.shortName, []) }
            let candidates = outcome.candidates.map { candidate in
                ReviewCandidate(value: candidate.expert.shortName.uppercased(),
                                label: "\(candidate.expert.surname) \(candidate.expert.name) \(candidate.expert.patronymic ?? "") (ОО \(candidate.expert.oo))"
                                    .replacingOccurrences(of: "  ", with: " "),
                                confidence: Self.rounded(candidate.probability))
            }
            return (written, [item(outcome.why ?? "ФИО эксперта явно не подходит никому из списка экспертов", candidates: candidates,
                                   confidence: outcome.candidates.first?.probability)])
        }
        let sure = surname.status == .ok && (initials == nil || initials?.status == .blank || initials?.status == .ok)
        if sure { return (written, []) }
        let candidates = surname.alternatives.map { ReviewCandidate(value: $0.value, confidence: Self.rounded($0.confidence)) }
        return (written, [item("ФИО эксперта прочитано неуверенно (списка экспертов для сверки нет)",
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

    /// The recogniser's own technical reason after the operator's words, in brackets.
    static func recogniserSays(_ reason: String?) -> String {
        reason.map { " (распознавание: \($0))" } ?? ""
    }
}

/// Scores a sheet reading: template criteria restricted to the participant's category, group
/// and part totals, the outcome, and the checks of the template's `scoring.rules`.
///
/// Nothing unread becomes a silent zero: a criterion whose reading is not `ok` (or not
/// confident) keeps its best guess, marks the score provisional and produces a finding.
public struct ScoringEngine: Sendable {
    public var template: Template
    public var categories: CategoryTable
    public var policy: ScoringPolicy

    public init(template: Template, categories: CategoryTable, policy: ScoringPolicy = .default) {
        self.template = template; self.categories = categories; self.policy = policy
    }

    /// Scores `reading` for a participant of `categoryID` (nil when the sheet has no
    /// participant yet: the standard category is used).
    public func score(_ reading: SheetReading, categoryID: String?) -> SheetScore {
        var findings: [ScoringFinding] = []
        let category = resolveCategory(categoryID, findings: &findings)
        let inCategory = Set(category.criteria)
        let flags = readFlags(reading, findings: &findings)
        let terminal = flags.outcome != nil

        // A task marked «не приступал» may have its own criteria left blank: they are 0. The
        // speech-correctness group capped by the rule is still scored and must be marked.
        let cappedGroups = Set(template.scoring.rules.filter { $0.kind == .capIfTaskNotAttempted && flags.notAttempted.contains($0.task ?? -1) }
            .compactMap(\.group).flatMap { template.scoring.group($0)?.criteria ?? [] })
        var criteria: [SheetScore.CriterionScore] = []
        for criterion in template.scoring.criteria {
            let scored = inCategory.contains(criterion.id)
            let field = reading.field(criterion.field)
            let skippedTask = flags.notAttempted.contains(criterion.task) && !cappedGroups.contains(criterion.id)
            var read = readCriterion(criterion, field: field, scored: scored, expectFilled: scored && !terminal && !skippedTask,
                                     findings: &findings)
            if skippedTask && scored && field?.status == .blank { read = (0, true) }
            criteria.append(.init(id: criterion.id, code: criterion.code, value: read.value, certain: read.certain,
                                  confidence: field?.confidence ?? 0, inCategory: scored))
        }
        let value = Dictionary(uniqueKeysWithValues: criteria.map { ($0.id, $0.inCategory ? ($0.value ?? 0) : 0) })
        let marked = template.scoring.groups.map { group in
            SheetScore.Subtotal(id: group.id, score: group.criteria.reduce(0) { $0 + (value[$1] ?? 0) },
                                max: group.criteria.reduce(0) { $0 + (inCategory.contains($1) ? (template.scoring.criterion($1)?.max ?? 0) : 0) })
        }
        // The template's caps lower a group's score, so parts, total and outcome follow the rule;
        // the criteria keep what the expert marked (a sheet with a terminal outcome has no score).
        let groups = terminal ? marked : applyCaps(to: marked, flags: flags)
        let groupScore = Dictionary(uniqueKeysWithValues: groups.map { ($0.id, $0) })
        let parts = template.scoring.parts.map { part in
            SheetScore.Subtotal(id: part.id, score: part.groups.reduce(0) { $0 + (groupScore[$1]?.score ?? 0) },
                                max: part.groups.reduce(0) { $0 + (groupScore[$1]?.max ?? 0) })
        }
        let cappedOff = groups.reduce(0) { $0 + (($1.marked ?? $1.score) - $1.score) }
        let total = criteria.reduce(0) { $0 + ($1.inCategory ? ($1.value ?? 0) : 0) } - cappedOff

        if !terminal {
            checkRules(value: value, groups: groupScore, flags: flags, findings: &findings)
        }
        let outcome = flags.outcome ?? (total >= category.passMark ? .pass : .fail)
        let expert = readExpert(reading, expectFilled: !terminal, findings: &findings)
        checkSignature(reading, findings: &findings)
        if !terminal {
            compareExpert(expert, total: total, outcome: outcome, findings: &findings)
        }
        let provisional = !findings.isEmpty || criteria.contains { $0.inCategory && !$0.certain && !terminal }
        return SheetScore(templateID: template.id, categoryID: category.id, criteria: criteria, groups: groups,
                          parts: parts, total: total, max: category.max, passMark: category.passMark,
                          outcome: outcome, expertTotal: expert.total, expertVerdict: expert.verdict,
                          provisional: provisional, findings: findings)
    }

    // MARK: - Category

    private func resolveCategory(_ id: String?, findings: inout [ScoringFinding]) -> CategoryTable.Category {
        let wanted = id ?? CategoryTable.standardID
        if let category = categories.category(wanted) { return category }
        findings.append(ScoringFinding(reason: .unknownCategory, fieldID: "@sheet", machineValue: wanted,
                                       message: "категории «\(wanted)» нет в таблице \(categories.id); оценено как для обычной категории"))
        return categories.category(CategoryTable.standardID) ?? CategoryTable.standardOnly(for: template).categories[0]
    }

    // MARK: - Criteria

    private func readCriterion(_ criterion: Scoring.Criterion, field: FieldReading?, scored: Bool, expectFilled: Bool,
                               findings: inout [ScoringFinding]) -> (value: Int?, certain: Bool) {
        guard let field else {
            if expectFilled {
                findings.append(ScoringFinding(reason: .unreadableField, fieldID: criterion.field,
                                               message: "критерий \(criterion.id): в прочитанном нет поля \(criterion.field)"))
            }
            return (nil, false)
        }
        let guess = field.value.flatMap { Int($0) } ?? field.alternatives.lazy.compactMap { Int($0.value) }.first
        func finding(_ reason: ReviewReason, _ message: String) -> ScoringFinding {
            ScoringFinding(reason: reason, fieldID: field.id, machineValue: field.value, confidence: field.confidence,
                           alternatives: field.alternatives, message: "критерий \(criterion.id): \(message)")
        }
        switch field.status {
        case .blank:
            if expectFilled { findings.append(finding(.noMark, "нет отметки")) }
            return (nil, !expectFilled)
        case .multiple:
            if scored { findings.append(finding(.multipleMarks, "отмечено несколько вариантов")) }
            return (guess, false)
        case .ambiguous:
            if scored { findings.append(finding(.lowConfidenceMark, "отметку можно прочитать по-разному")) }
            return (guess, false)
        case .unreadable:
            if scored { findings.append(finding(.unreadableField, "есть чернила, но это не ясная отметка")) }
            return (guess, false)
        case .ok:
            guard let value = field.value.flatMap({ Int($0) }) else {
                findings.append(finding(.unreadableField, "значение «\(field.value ?? "")» — не балл"))
                return (nil, false)
            }
            if value > criterion.max || value < 0 {
                findings.append(finding(.ruleViolation, "значение \(value) больше максимума \(criterion.max)"))
                return (min(max(value, 0), criterion.max), false)
            }
            if !scored {
                if value > 0 {
                    findings.append(finding(.outsideCategory, "поставлено \(value), но для категории участника критерий не оценивается"))
                }
                return (value, true)
            }
            if field.confidence < policy.minimumMarkConfidence {
                findings.append(finding(.lowConfidenceMark, String(format: "уверенность %.2f ниже %.2f", field.confidence, policy.minimumMarkConfidence)))
                return (value, false)
            }
            return (value, true)
        }
    }

    // MARK: - Flags

    struct Flags {
        var outcome: SheetScore.Outcome?
        /// Task numbers whose not-attempted flag is marked.
        var notAttempted: Set<Int> = []
    }

    /// Reads the outcome flags and the task-not-attempted flags. A flag is set when read `ok`
    /// as "1"; an uncertain flag is a finding (it could change the outcome).
    private func readFlags(_ reading: SheetReading, findings: inout [ScoringFinding]) -> Flags {
        var flags = Flags()
        func isSet(_ field: Field) -> Bool {
            guard let read = reading.field(field.id) else { return false }
            switch read.status {
            case .ok:
                if read.confidence < policy.minimumMarkConfidence {
                    findings.append(ScoringFinding(reason: .lowConfidenceMark, fieldID: field.id, machineValue: read.value,
                                                   confidence: read.confidence, alternatives: read.alternatives,
                                                   message: "отметка «\(field.label)» прочитана неуверенно"))
                }
                return read.value == "1"
            case .blank: return false
            case .multiple, .ambiguous, .unreadable:
                findings.append(ScoringFinding(reason: read.status == .unreadable ? .unreadableField : .lowConfidenceMark,
                                               fieldID: field.id, machineValue: read.value, confidence: read.confidence,
                                               alternatives: read.alternatives, message: "отметка «\(field.label)» неясна"))
                return read.value == "1"
            }
        }
        // Order of precedence when several are (wrongly) marked: не допущен, удалён, не завершил.
        let outcomeFlags: [(FieldRole, SheetScore.Outcome)] = [(.notAdmitted, .notAdmitted), (.removed, .removed), (.notCompleted, .notCompleted)]
        var marked: [String] = []
        for (role, outcome) in outcomeFlags {
            guard let field = template.field(role: role), isSet(field) else { continue }
            marked.append(field.id)
            if flags.outcome == nil { flags.outcome = outcome }
        }
        if marked.count > 1 {
            findings.append(ScoringFinding(reason: .ruleViolation, fieldID: "@sheet", ruleID: "one-outcome-flag",
                                           machineValue: marked.joined(separator: ","),
                                           message: "отмечено несколько итоговых отметок: \(marked.joined(separator: ", "))"))
        }
        for field in template.fields where field.role == .taskNotAttempted {
            if let task = field.task, isSet(field) { flags.notAttempted.insert(task) }
        }
        return flags
    }

    // MARK: - Rules

    private func checkRules(value: [String: Int], groups: [String: SheetScore.Subtotal], flags: Flags,
                            findings: inout [ScoringFinding]) {
        for rule in template.scoring.rules {
            switch rule.kind {
            case .capIfTaskNotAttempted:
                // The cap is already applied (``applyCaps(to:flags:)``); a person still checks that
                // the task really was not attempted, since a stray «не приступал» mark costs points.
                guard let task = rule.task, let groupID = rule.group, let group = groups[groupID],
                      group.cappedBy == rule.id, let sum = group.marked else { continue }
                findings.append(ScoringFinding(reason: .ruleViolation, fieldID: "@sheet", ruleID: rule.id,
                                               machineValue: "\(groupID)=\(sum)",
                                               message: "\(rule.description) (задание \(task) не начато, по \(groupID) отмечено \(sum), "
                                                   + "засчитано \(group.score))"))
            case .onlyIf:
                guard let criterion = rule.criterion, let wanted = rule.value, let requires = rule.requires,
                      let requiredValue = rule.requiredValue, value[criterion] == wanted,
                      value[requires] != requiredValue else { continue }
                let field = template.scoring.criterion(criterion)?.field ?? "@sheet"
                findings.append(ScoringFinding(reason: .ruleViolation, fieldID: field, ruleID: rule.id,
                                               machineValue: "\(criterion)=\(wanted), \(requires)=\(value[requires] ?? 0)",
                                               message: rule.description))
            }
        }
    }

    // MARK: - Expert's own total and verdict

    /// The expert's own total and зачёт mark, when read surely. A blank one on a scored sheet
    /// (`expectFilled`) is queued too: the expert must fill both, and a faint mark read as blank
    /// would otherwise skip the cross-check against the computed result without anyone knowing.
    private func readExpert(_ reading: SheetReading, expectFilled: Bool,
                            findings: inout [ScoringFinding]) -> (total: Int?, verdict: String?) {
        func confident(_ role: FieldRole) -> FieldReading? {
            guard let field = template.field(role: role), let read = reading.field(field.id) else { return nil }
            switch read.status {
            // A blank column inside a written number («1 6») is not a number anyone wrote.
            case .ok where read.confidence >= policy.minimumMarkConfidence
                && !(read.value ?? "").trimmingCharacters(in: .whitespaces).contains(" "): return read
            case .blank:
                if expectFilled {
                    findings.append(ScoringFinding(reason: .noMark, fieldID: field.id, machineValue: nil, confidence: read.confidence,
                                                   alternatives: read.alternatives, message: "«\(field.label)» эксперта не заполнено"))
                }
                return nil
            default:
                findings.append(ScoringFinding(reason: read.status == .multiple ? .multipleMarks : .lowConfidenceMark,
                                               fieldID: field.id, machineValue: read.value, confidence: read.confidence,
                                               alternatives: read.alternatives, message: "«\(field.label)» эксперта прочитано неясно"))
                return nil
            }
        }
        return (confident(.expertTotal)?.value.flatMap { Int($0) }, confident(.expertVerdict)?.value)
    }

    private func compareExpert(_ expert: (total: Int?, verdict: String?), total: Int, outcome: SheetScore.Outcome,
                               findings: inout [ScoringFinding]) {
        let field = { (role: FieldRole) in template.field(role: role)?.id ?? "@sheet" }
        if let written = expert.total, written != total {
            findings.append(ScoringFinding(reason: .totalMismatch, fieldID: field(.expertTotal), machineValue: "\(written)",
                                           message: "эксперт записал общий балл \(written), сумма по критериям \(total)"))
        }
        if let verdict = expert.verdict {
            let says: SheetScore.Outcome? = verdict == template.scoring.verdictPass ? .pass
                : verdict == template.scoring.verdictFail ? .fail : nil
            if says != outcome {
                findings.append(ScoringFinding(reason: .verdictMismatch, fieldID: field(.expertVerdict), machineValue: verdict,
                                               message: "эксперт отметил «\(verdict)», по расчёту «\(outcome.russian)» (общий балл \(total))"))
            }
        }
    }
}

extension ScoringEngine {
    /// Applies the template's `capIfTaskNotAttempted` rules: a group whose task is marked «не
    /// приступал» counts at most the rule's maximum (seed 003, Приложение 12). The group keeps
    /// the sum as marked and the rule's id beside the capped score, so the results show both.
    func applyCaps(to groups: [SheetScore.Subtotal], flags: Flags) -> [SheetScore.Subtotal] {
        var capped = groups
        for rule in template.scoring.rules where rule.kind == .capIfTaskNotAttempted {
            guard let task = rule.task, flags.notAttempted.contains(task), let groupID = rule.group, let cap = rule.max,
                  let index = capped.firstIndex(where: { $0.id == groupID }) else { continue }
            let group = capped[index]
            // Two rules on one group: the lower cap wins, measured against what was marked.
            let marked = group.marked ?? group.score
            guard marked > cap, cap < group.score else { continue }
            capped[index] = SheetScore.Subtotal(id: group.id, score: cap, max: group.max, marked: marked, cappedBy: rule.id)
        }
        return capped
    }
}

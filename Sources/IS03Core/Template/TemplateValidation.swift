/// A problem found in a template, naming the element so the author can fix it.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// The field, criterion, group or rule id (or `page`, `registration`, `qr`).
    public var element: String
    public var message: String
    public var description: String { "\(element): \(message)" }
}

extension Template {
    /// Checks geometry and cross-references; an empty result means the template is usable.
    ///
    /// Looks for: cells outside the page or overlapping other cells, marks or the QR code;
    /// fields missing the properties their kind needs; duplicate ids; criteria pointing at
    /// unknown fields or with values beyond their maximum; groups, parts and rules naming
    /// unknown criteria or groups; sizes and counts beyond `limits` (checked before any cell
    /// is laid out, so an absurd count costs nothing).
    /// - Complexity: O(cells²), with cells at most `limits.maxCells`.
    public func validate(limits: TemplateLimits = .default) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        func problem(_ element: String, _ message: String) {
            problems.append(TemplateProblem(element: element, message: message))
        }

        if format != 1 { problem("format", "unsupported template format \(format); this build reads format 1") }
        let maxSide = limits.maxPageSideMM
        if !(page.width > 0 && page.height > 0 && page.width <= maxSide && page.height <= maxSide) {
            problem("page", "width and height must be positive and at most \(maxSide) mm")
        }
        let pageRect = page.rect
        // Sizes must be positive and no larger than a page side (NaN fails both tests).
        let sizes = [("bubbleDiameter", defaults.bubbleDiameter), ("boxWidth", defaults.boxWidth),
                     ("boxHeight", defaults.boxHeight), ("fontSize", defaults.fontSize)]
        for (name, value) in sizes where !(value > 0 && value <= maxSide) {
            problem("defaults", "`\(name)` must be positive and at most \(maxSide), found \(value)")
        }
        if !(abs(defaults.boxGap) <= maxSide) { problem("defaults", "`boxGap` must be at most \(maxSide) mm") }
        for label in labels where !(pageRect.contains(x: label.x, y: label.y) && (label.size ?? 1) > 0 && (label.size ?? 1) <= maxSide) {
            problem("labels", "label «\(label.text.prefix(40))» lies outside the page or has a size that is not positive")
        }
        for line in lines where !(pageRect.contains(x: line.x1, y: line.y1) && pageRect.contains(x: line.x2, y: line.y2)
                                  && (line.width ?? 1) > 0 && (line.width ?? 1) <= maxSide) {
            problem("lines", "a line from (\(line.x1), \(line.y1)) lies outside the page or has a width that is not positive")
        }

        // Count cells before laying any out: a count near Int.max would exhaust memory.
        var totalCells = 0
        for field in fields {
            guard let count = field.cellCount, count <= limits.maxCells else {
                problem(field.id, "lays out \(field.cellCount.map(String.init) ?? "too many") cells, more than the limit of \(limits.maxCells); check `columns`, `count` or `values`")
                totalCells = Int.max
                continue
            }
            if totalCells < Int.max { totalCells += count }
        }
        let canLayOut = totalCells <= limits.maxCells
        if !canLayOut && fields.allSatisfy({ ($0.cellCount ?? .max) <= limits.maxCells }) {
            problem("fields", "lay out \(totalCells) cells in all, more than the limit of \(limits.maxCells)")
        }

        if registration.marks.count != 4 { problem("registration", "needs exactly 4 corner marks, found \(registration.marks.count)") }
        var fixed: [(String, RectMM)] = registration.marks.map { ("registration mark \($0.id)", $0.rect) }
        fixed.append(("orientation cue", registration.orientationCue.rect))
        if let qr { fixed.append(("qr", qr)) }
        for (name, rect) in fixed where !rect.isInside(pageRect) {
            problem(name, "lies outside the \(page.width)×\(page.height) mm page")
        }

        var seenFields = Set<String>()
        var placed: [(String, RectMM)] = fixed
        for field in fields {
            if !seenFields.insert(field.id).inserted { problem(field.id, "duplicate field id") }
            for missing in field.missingProperties() { problem(field.id, "a \(field.kind.rawValue) field needs `\(missing)`") }
            if field.role == .taskNotAttempted && field.task == nil { problem(field.id, "a taskNotAttempted field needs `task`") }
            if let diameter = field.bubbleDiameter, !(diameter > 0 && diameter <= maxSide) {
                problem(field.id, "`bubbleDiameter` must be positive and at most \(maxSide)")
            }
            if field.kind == .area, let width = field.width, let height = field.height, !(width > 0 && height > 0) {
                problem(field.id, "an area needs a positive `width` and `height`")
            }
            let cells = canLayOut ? field.cells(defaults: defaults) : []
            for cell in cells {
                if !cell.rect.isInside(pageRect) {
                    problem(field.id, "cell at (\(cell.rect.x), \(cell.rect.y)) mm lies outside the page")
                    break
                }
            }
            for cell in cells {
                if let clash = placed.first(where: { $0.1.overlaps(cell.rect) }) {
                    problem(field.id, "overlaps \(clash.0)")
                    break
                }
            }
            if field.kind != .area {
                let own = cells.map { (field.id, $0.rect) }
                for (i, a) in own.enumerated() where own[(i + 1)...].contains(where: { $0.1.overlaps(a.1) }) {
                    problem(field.id, "its own cells overlap; check its pitch or step")
                    break
                }
            }
            placed += cells.map { (field.id, $0.rect) }
        }

        var seenCriteria = Set<String>()
        for criterion in scoring.criteria {
            if !seenCriteria.insert(criterion.id).inserted { problem(criterion.id, "duplicate criterion id") }
            if !(0...limits.maxCriterionScore).contains(criterion.max) {
                problem(criterion.id, "`max` \(criterion.max) is outside 0…\(limits.maxCriterionScore)")
            }
            guard let field = field(criterion.field) else {
                problem(criterion.id, "refers to unknown field `\(criterion.field)`")
                continue
            }
            if field.kind != .choice { problem(criterion.id, "field `\(field.id)` must be a choice field") }
            for value in field.values ?? [] {
                guard let score = Int(value) else { problem(field.id, "value `\(value)` is not a whole number"); continue }
                if score < 0 || score > criterion.max {
                    problem(field.id, "value \(score) is outside 0…\(criterion.max) of criterion \(criterion.id)")
                }
            }
        }
        for group in scoring.groups {
            for id in group.criteria where scoring.criterion(id) == nil {
                problem(group.id, "names unknown criterion `\(id)`")
            }
        }
        for part in scoring.parts {
            for id in part.groups where scoring.group(id) == nil { problem(part.id, "names unknown group `\(id)`") }
        }
        // Clamped so that the sum cannot overflow; out-of-range values were reported above.
        let criteriaMax = scoring.criteria.reduce(0) { $0 + Swift.min(Swift.max($1.max, 0), limits.maxCriterionScore) }
        if criteriaMax != scoring.totalMax {
            problem("scoring", "criteria add up to \(criteriaMax), but totalMax is \(scoring.totalMax)")
        }
        for rule in scoring.rules {
            switch rule.kind {
            case .capIfTaskNotAttempted:
                if rule.group.flatMap(scoring.group) == nil { problem(rule.id, "needs a known `group`") }
                if rule.max == nil { problem(rule.id, "needs `max`") }
                if let task = rule.task {
                    if !fields.contains(where: { $0.role == .taskNotAttempted && $0.task == task }) {
                        problem(rule.id, "no taskNotAttempted field for task \(task)")
                    }
                } else { problem(rule.id, "needs `task`") }
            case .onlyIf:
                if rule.criterion.flatMap(scoring.criterion) == nil { problem(rule.id, "needs a known `criterion`") }
                if rule.requires.flatMap(scoring.criterion) == nil { problem(rule.id, "needs a known `requires` criterion") }
                if rule.value == nil || rule.requiredValue == nil { problem(rule.id, "needs `value` and `requiredValue`") }
            }
        }
        return problems
    }
}

extension Field {
    fileprivate func missingProperties() -> [String] {
        switch kind {
        case .digits:
            return [("columns", columns == nil), ("columnPitch", columnPitch == nil), ("rowPitch", rowPitch == nil)]
                .filter(\.1).map(\.0)
        case .letters: return count == nil ? ["count"] : []
        case .choice:
            return [("values", (values ?? []).isEmpty), ("step", step == nil)].filter(\.1).map(\.0)
        case .flag: return []
        case .area: return [("width", width == nil), ("height", height == nil)].filter(\.1).map(\.0)
        }
    }
}

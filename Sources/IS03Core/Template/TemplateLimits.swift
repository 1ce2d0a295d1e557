/// Bounds a template must keep to be accepted. Real forms are far inside them (the 2023 form
/// lays out 573 cells in 43 fields on A4, with 19 criteria of at most 3 points); they exist so
/// that a mistyped or hostile template file is refused with a message instead of exhausting
/// memory, running for hours or overflowing an integer while it is laid out and checked.
/// (Fuzzing found all three: Fuzz/regressions/template.)
public struct TemplateLimits: Sendable, Hashable {
    /// Longest page side in millimetres (A3 is 420 × 297).
    public var maxPageSideMM: Double
    /// Most readable cells (bubbles, letter boxes, areas) on one form. Validation compares
    /// cells pairwise for overlaps, so its cost grows with the square of this.
    public var maxCells: Int
    /// Largest score one criterion may give.
    public var maxCriterionScore: Int

    public init(maxPageSideMM: Double = 1_000, maxCells: Int = 5_000, maxCriterionScore: Int = 1_000) {
        self.maxPageSideMM = maxPageSideMM; self.maxCells = maxCells; self.maxCriterionScore = maxCriterionScore
    }

    public static let `default` = TemplateLimits()
}

extension Field {
    /// How many cells `cells(defaults:)` returns, computed without laying them out; nil when
    /// the count does not fit in an `Int` (a column count near `Int.max`).
    /// - Complexity: O(1).
    public var cellCount: Int? {
        switch kind {
        case .digits:
            let (product, overflow) = max(columns ?? 0, 0).multipliedReportingOverflow(by: 10)
            return overflow ? nil : product
        case .letters: return max(count ?? 0, 0)
        case .choice: return values?.count ?? 0
        case .flag, .area: return 1
        }
    }
}

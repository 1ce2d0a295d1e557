/// The scoring part of a template: criteria, how they group into tasks and parts, the pass
/// mark and the rules a checker can verify. All of it is data, so next year's criteria are a
/// new template file, not new code.
public struct Scoring: Codable, Sendable, Hashable {
    public var criteria: [Criterion]
    /// Named sets of criteria (a task, a speech-correctness block).
    public var groups: [Group]
    /// Sums reported in the results (tasks 1-2, tasks 3-4), each with its maximum.
    public var parts: [Part]
    public var totalMax: Int
    public var passMark: Int
    public var rules: [Rule]
    /// Choice values of the expert's verdict field that mean pass and fail.
    public var verdictPass: String?
    public var verdictFail: String?

    public struct Criterion: Codable, Sendable, Hashable {
        /// Unique id, e.g. `П1` or `Р2.РО` (the codes Г, О, Р repeat across groups).
        public var id: String
        /// The code printed on the form and in results, e.g. `РО`.
        public var code: String
        public var title: String
        public var task: Int
        public var max: Int
        /// The choice field that carries its mark.
        public var field: String
    }

    public struct Group: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var criteria: [String]
    }

    public struct Part: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        public var groups: [String]
        public var max: Int
    }

    /// A rule a filled sheet must obey; a broken rule sends the sheet to review.
    public struct Rule: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable {
            /// When the task `task` was not attempted (its not-attempted flag is marked),
            /// the sum of `group` is at most `max`.
            case capIfTaskNotAttempted
            /// `criterion` may be `value` only if `requires` is `requiredValue`.
            case onlyIf
        }

        public var id: String
        public var kind: Kind
        public var description: String
        public var task: Int?
        public var group: String?
        public var max: Int?
        public var criterion: String?
        public var value: Int?
        public var requires: String?
        public var requiredValue: Int?
    }

    public func criterion(_ id: String) -> Criterion? { criteria.first { $0.id == id } }
    public func group(_ id: String) -> Group? { groups.first { $0.id == id } }
}

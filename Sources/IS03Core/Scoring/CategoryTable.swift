import Foundation

/// Special-category scoring (ОВЗ, seed 003 Приложение 18): per category, the criteria that
/// may be scored, the maximum and the pass mark. Loaded from `Templates/categories-*.json`;
/// a region amends it with a second file of the same format (see `amended(with:)`).
public struct CategoryTable: Codable, Sendable, Hashable {
    public var format: Int
    public var id: String
    /// The template whose criterion ids the categories use.
    public var template: String
    public var source: String?
    public var categories: [Category]

    /// One participant category.
    public struct Category: Codable, Sendable, Hashable {
        public var id: String
        public var title: String
        /// How the exam is held (устная / письменная …), for people reading the table.
        public var form: String?
        /// Criterion ids (template `scoring.criteria[].id`) that are scored for this category.
        public var criteria: [String]
        public var max: Int
        public var passMark: Int
        public var note: String?

        public init(id: String, title: String, form: String? = nil, criteria: [String], max: Int, passMark: Int, note: String? = nil) {
            self.id = id; self.title = title; self.form = form; self.criteria = criteria
            self.max = max; self.passMark = passMark; self.note = note
        }
    }

    /// The id every list uses for participants without special conditions.
    public static let standardID = "standard"

    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

    /// Loads and checks a table against `template`.
    /// - Throws: `CategoryTableError` naming the file and every problem (unknown criterion,
    ///   max not equal to the sum of its criteria's maxima, pass mark above max).
    public static func load(from url: URL, checkedAgainst template: Template) throws -> CategoryTable {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw CategoryTableError(file: url.path, problems: ["cannot read (\(error.localizedDescription))"])
        }
        let table: CategoryTable
        do { table = try JSONDecoder().decode(CategoryTable.self, from: data) } catch {
            throw CategoryTableError(file: url.path, problems: ["not a category table: \(error)"])
        }
        let problems = table.problems(against: template)
        guard problems.isEmpty else { throw CategoryTableError(file: url.path, problems: problems) }
        return table
    }

    /// The table for `template` from a templates folder: `categories-<year>.json` when it exists
    /// and names this template, else every criterion at the template's own pass mark (the
    /// 2018 sheet, or a new form before its table is written).
    /// - Throws: `CategoryTableError` when the file exists but is unusable.
    public static func load(for template: Template, in directory: URL) throws -> CategoryTable {
        let url = directory.appendingPathComponent("categories-\(template.year).json")
        guard FileManager.default.fileExists(atPath: url.path),
              let data = try? Data(contentsOf: url),
              let header = try? JSONDecoder().decode(TableHeader.self, from: data),
              header.template == template.id else {
            return standardOnly(for: template)
        }
        return try load(from: url, checkedAgainst: template)
    }

    private struct TableHeader: Decodable { var template: String }

    /// A copy where every category of `amendment` replaces the one with the same id (or is
    /// added), as a region's order may change a row of Приложение 18.
    public func amended(with amendment: CategoryTable) -> CategoryTable {
        var copy = self
        for category in amendment.categories {
            if let index = copy.categories.firstIndex(where: { $0.id == category.id }) {
                copy.categories[index] = category
            } else {
                copy.categories.append(category)
            }
        }
        return copy
    }

    /// Consistency problems with `template`, empty when the table is usable.
    public func problems(against template: Template) -> [String] {
        var problems: [String] = []
        if template.id != self.template {
            problems.append("table is for template \(self.template), not \(template.id)")
        }
        var seen = Set<String>()
        for category in categories {
            if !seen.insert(category.id).inserted { problems.append("category \(category.id) appears twice") }
            var sum = 0
            for id in category.criteria {
                if let criterion = template.scoring.criterion(id) { sum += criterion.max } else {
                    problems.append("category \(category.id): unknown criterion \(id)")
                }
            }
            if sum != category.max {
                problems.append("category \(category.id): max \(category.max) but its criteria sum to \(sum)")
            }
            if category.passMark > category.max || category.passMark < 0 {
                problems.append("category \(category.id): pass mark \(category.passMark) outside 0…\(category.max)")
            }
        }
        return problems
    }

    /// The table that scores every criterion of `template` at its own pass mark, for forms
    /// without a category file (e.g. the 2018 sheet).
    public static func standardOnly(for template: Template) -> CategoryTable {
        CategoryTable(format: 1, id: "\(template.id)-standard", template: template.id, source: nil, categories: [
            Category(id: standardID, title: "Участники без особых условий",
                     criteria: template.scoring.criteria.map(\.id),
                     max: template.scoring.totalMax, passMark: template.scoring.passMark),
        ])
    }

    public init(format: Int, id: String, template: String, source: String?, categories: [Category]) {
        self.format = format; self.id = id; self.template = template; self.source = source; self.categories = categories
    }
}

/// A category table that cannot be used, with the file and every problem found.
public struct CategoryTableError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [String]
    public init(file: String, problems: [String]) { self.file = file; self.problems = problems }
    public var description: String {
        "\(file): category table is not usable:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

import Foundation
import IS03Core
import IS03TestSupport

/// Hand-built sheet readings for domain tests: no images, exactly the contract the vision
/// layer fills.
enum ReadingFixtures {
    static let template: Template = {
        do { return try Template.load(id: "is03-2023", in: RepositoryPaths.templates) } catch {
            preconditionFailure("test fixture: \(error)")
        }
    }()

    static let categories: CategoryTable = {
        do {
            return try CategoryTable.load(from: RepositoryPaths.templates.appendingPathComponent("categories-2023.json"),
                                          checkedAgainst: template)
        } catch { preconditionFailure("test fixture: \(error)") }
    }()

    static func source(_ n: Int = 1) -> PageSource {
        PageSource(file: "ВДП-0101/scan-\(String(format: "%03d", n)).png", page: 0,
                   sha256: String(repeating: String(format: "%x", n % 16), count: 64))
    }

    /// A sheet whose criterion fields read `scores` (criterion id → value) with full
    /// confidence; criteria not in `scores` read blank. `flags` are field ids read as "1".
    static func sheet(scores: [String: Int], flags: Set<String> = [], expertTotal: Int? = nil,
                      expertVerdict: String? = nil, extra: [FieldReading] = [], n: Int = 1) -> SheetReading {
        var fields: [FieldReading] = []
        for criterion in template.scoring.criteria {
            if let value = scores[criterion.id] {
                fields.append(FieldReading(id: criterion.field, status: .ok, value: String(value), confidence: 0.99))
            } else {
                fields.append(FieldReading(id: criterion.field, status: .blank, value: nil, confidence: 0.99))
            }
        }
        for field in template.fields where field.kind == .flag {
            let set = flags.contains(field.id)
            fields.append(FieldReading(id: field.id, status: set ? .ok : .blank, value: set ? "1" : "0", confidence: 0.99))
        }
        if let expertTotal {
            fields.append(FieldReading(id: "expertTotal", status: .ok, value: String(expertTotal), confidence: 0.99))
        }
        if let expertVerdict {
            fields.append(FieldReading(id: "expertVerdict", status: .ok, value: expertVerdict, confidence: 0.99))
        }
        for field in extra {
            fields.removeAll { $0.id == field.id }
            fields.append(field)
        }
        return SheetReading(source: source(n), pageClass: .sheet, templateID: template.id, orientation: 0, fields: fields)
    }

    /// Every criterion of `category` at its maximum.
    static func fullMarks(_ category: CategoryTable.Category) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: category.criteria.map { ($0, template.scoring.criterion($0)!.max) })
    }
}

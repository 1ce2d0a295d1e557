import Foundation
import IS03Core
@testable import IS03ReviewServer
import IS03TestSupport
import Testing

/// What the crop takes in around a field, on every template in `Templates/`, from its data alone.
@Suite struct FieldContextTests {
    static let templates: [Template] = {
        let book = try! TemplateBook.load(from: RepositoryPaths.templates)
        return book.templates.values.sorted { $0.id < $1.id }
    }()

    static func contains(_ outer: RectMM, _ inner: RectMM) -> Bool { inner.isInside(outer) }

    @Test func everyCriterionRowHasItsPrintedLabelAndTheColumnHeader() throws {
        #expect(Self.templates.count >= 2)
        for template in Self.templates {
            for field in template.fields where field.role == .criterion {
                let context = try #require(FieldContext.of(fieldID: field.id, reason: "low-confidence-mark", template: template),
                                           "\(template.id) \(field.id)")
                let cells = field.cells(defaults: template.defaults)
                let strips = context.strips
                // The bubbles are in the last strip, the row.
                let row = try #require(strips.last)
                #expect(cells.allSatisfy { Self.contains(row, $0.rect) }, "\(template.id) \(field.id): bubbles cut off")
                // The row's printed code («П1», «Г» of Р1.Г) at its left is in the row.
                let code = String(field.label.split(separator: ".").last ?? "")
                let label = template.labels.first { $0.text == code && abs($0.y - cells[0].rect.center.y) < 2.5 && $0.x < cells[0].rect.x }
                let printed = try #require(label, "\(template.id) \(field.id): no printed label «\(code)» on the row")
                #expect(row.x <= printed.x, "\(template.id) \(field.id): the label «\(code)» is cut off")
                // Each value printed over its bubble («0 1 2») is in a strip above the row.
                for (value, cell) in zip(field.values ?? [], cells) {
                    let header = template.labels.filter {
                        $0.text == value && $0.y < cell.rect.y && abs($0.x - cell.rect.center.x) <= 3
                    }.max { $0.y < $1.y }
                    guard let header else { continue }
                    #expect(strips.contains { $0.contains(x: header.x + 0.5, y: header.y - 0.5) },
                            "\(template.id) \(field.id): the header «\(value)» is not shown")
                }
                // One row, not the column: the row strip is less than two rows high.
                #expect(row.height < 10, "\(template.id) \(field.id): row strip \(row.height) mm high")
            }
        }
    }

    @Test func theExpertSurnameComesWithTheInitials() throws {
        for template in Self.templates {
            guard let surname = template.field(role: .expertSurname), let initials = template.field(role: .expertInitials) else { continue }
            for field in [surname, initials] {
                let context = try #require(FieldContext.of(fieldID: field.id, reason: "unreadable-field", template: template))
                let cells = (surname.cells(defaults: template.defaults) + initials.cells(defaults: template.defaults)).map(\.rect)
                #expect(context.strips.count == 1)
                #expect(cells.allSatisfy { Self.contains(context.strips[0], $0) }, "\(template.id) \(field.id)")
            }
        }
    }

    @Test func pageAndSheetItemsShowTheWholePage() {
        for template in Self.templates {
            #expect(FieldContext.of(fieldID: "@page", reason: "foreign-page", template: template) == nil)
            #expect(FieldContext.of(fieldID: "@sheet", reason: "rule-violation", template: template) == nil)
            #expect(FieldContext.of(fieldID: "no-such-field", reason: "unreadable-field", template: template) == nil)
        }
    }
}

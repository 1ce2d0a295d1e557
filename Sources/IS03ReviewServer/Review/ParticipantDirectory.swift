import Foundation
import IS03Core
import IS03Storage

/// The current participant list, loaded once per list version, for candidate labels and the
/// name search of participant items.
actor ParticipantDirectory {
    private let store: any ResultStore
    private var loadedListID: Int64?
    private var byID: [String: Participant] = [:]
    private var ordered: [Participant] = []

    init(store: any ResultStore) { self.store = store }

    /// "Иванов Пётр Сергеевич, 9А, ОО 370045" for a participant id; nil when unknown.
    func label(of id: String) async throws -> String? {
        try await refresh()
        return byID[id].map(Self.label)
    }

    /// Surname, name and patronymic in capitals, as they are written in the sheet's boxes,
    /// to set beside what the machine read letter by letter; nil when the id is unknown.
    func nameInBoxes(of id: String) async throws -> [String]? {
        try await refresh()
        return byID[id].map { [$0.surname, $0.name, $0.patronymic ?? ""].map { $0.uppercased() } }
    }

    /// What a search found: at most `limit` people, whether more matched, and a note for the
    /// operator when the query was refused or cut.
    struct SearchAnswer: Sendable {
        var people: [(id: String, label: String)]
        var more: Bool
        var note: String?
    }

    /// The fewest letters of the surname a search needs: fewer would let anyone page through
    /// the whole list.
    static let minimumSurnameLetters = 3

    /// Participants whose surname starts with the query's first word (at least
    /// ``minimumSurnameLetters`` letters) and whose name, patronymic or class starts with each
    /// further word (case-insensitive, Ё = Е); at most `limit`. Never by document number or
    /// code, and labels carry neither: the search picks a sheet's owner, it is not a directory.
    func search(_ query: String, limit: Int = 20) async throws -> SearchAnswer {
        let words = Self.normalized(query).split(whereSeparator: { $0 == " " || $0 == "," || $0 == "." }).map(String.init)
        guard let surname = words.first, surname.filter(\.isLetter).count >= Self.minimumSurnameLetters,
              surname.allSatisfy({ $0.isLetter || $0 == "-" }) else {
            return SearchAnswer(people: [], more: false, note: "Введите не меньше \(Self.minimumSurnameLetters) букв фамилии.")
        }
        try await refresh()
        var found: [(id: String, label: String)] = []
        for person in ordered where Self.normalized(person.surname).hasPrefix(surname) {
            let others = [person.name, person.patronymic ?? "", person.className].map(Self.normalized)
            guard words.dropFirst().allSatisfy({ word in others.contains { $0.hasPrefix(word) } }) else { continue }
            guard found.count < limit else {
                return SearchAnswer(people: found, more: true, note: "Показаны первые \(limit): допишите имя или класс.")
            }
            found.append((person.id, Self.label(person)))
        }
        return SearchAnswer(people: found, more: false, note: found.isEmpty ? "Никого не нашлось." : nil)
    }

    private func refresh() async throws {
        guard let list = try await store.currentParticipantList() else { byID = [:]; ordered = []; loadedListID = nil; return }
        guard list.id != loadedListID else { return }
        ordered = try await store.participants(listID: list.id)
        byID = Dictionary(ordered.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        loadedListID = list.id
    }

    private static func label(_ p: Participant) -> String {
        [p.surname, p.name, p.patronymic].compactMap { $0 }.joined(separator: " ") + ", \(p.className), ОО \(p.oo)"
    }

    private static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "ё", with: "е")
    }
}

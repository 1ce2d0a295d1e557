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

    /// Up to `limit` participants whose surname, name, id or document number starts with
    /// every word of `query` (case-insensitive, Ё = Е).
    func search(_ query: String, limit: Int = 20) async throws -> [(id: String, label: String)] {
        try await refresh()
        let words = Self.normalized(query).split(separator: " ").map(String.init)
        guard !words.isEmpty else { return [] }
        var found: [(String, String)] = []
        for person in ordered {
            let keys = [person.surname, person.name, person.patronymic ?? "", person.id, person.documentNumber ?? "", person.className]
                .map(Self.normalized)
            if words.allSatisfy({ word in keys.contains { $0.hasPrefix(word) } }) {
                found.append((person.id, Self.label(person)))
                if found.count == limit { break }
            }
        }
        return found
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

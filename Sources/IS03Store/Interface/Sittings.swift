import Foundation

/// A sitting (seed 003 §4: an exam day, e.g. 2023-02-08, 2023-03-15 re-sit, 2023-05-15) as the
/// database keeps it: its date as `YYYY-MM-DD`. A participant list is imported for a sitting and
/// a packet is processed into one; its pages and results belong to the packet's sitting, so
/// matching, missing-sheet checks, results and purge work per sitting.
public enum Sitting {
    /// The date in `YYYY-MM-DD` form when `text` is a real calendar date in that form or in
    /// `DD.MM.YYYY` (the lists' two spellings); nil otherwise.
    public static func normalised(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var parts: [Int]
        if trimmed.count == 10, trimmed.dropFirst(4).first == "-" {
            parts = trimmed.split(separator: "-").compactMap { Int($0) }
        } else if trimmed.count == 10, trimmed.dropFirst(2).first == "." {
            parts = trimmed.split(separator: ".").compactMap { Int($0) }.reversed()
        } else {
            return nil
        }
        guard parts.count == 3, (2000...2099).contains(parts[0]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard let date = calendar.date(from: components),
              calendar.dateComponents([.year, .month, .day], from: date) == DateComponents(year: parts[0], month: parts[1], day: parts[2])
        else { return nil }
        return String(format: "%04d-%02d-%02d", parts[0], parts[1], parts[2])
    }

    /// The date as the sheet's «Дата (ДД ММ ГГ)» bubbles write it: `DDMMYY`.
    public static func sheetDigits(_ sitting: String) -> String? {
        let parts = sitting.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4 else { return nil }
        return "\(parts[2])\(parts[1])\(parts[0].suffix(2))"
    }
}

/// One sitting in `is03 status` and `report`: what is stored for it.
public struct SittingSummary: Sendable, Hashable {
    /// `YYYY-MM-DD`.
    public var sitting: String
    /// Rows of the sitting's current participant list (0: no list imported for it).
    public var participants: Int
    public var packets: Int
    /// Pages not purged, in any state.
    public var pages: Int
    public var results: Int
    /// Open or deferred review items on the sitting's pages.
    public var openReviewItems: Int

    public init(sitting: String, participants: Int, packets: Int, pages: Int, results: Int, openReviewItems: Int) {
        self.sitting = sitting; self.participants = participants; self.packets = packets; self.pages = pages
        self.results = results; self.openReviewItems = openReviewItems
    }
}

/// SQL both engines run unchanged for sittings (plain SQL that SQLite and PostgreSQL read alike).
public enum SittingSQL {
    /// Every sitting with a list or a packet, oldest first, with its counts (columns named as
    /// ``SittingSummary``'s properties, snake case).
    public static let summaries = """
        SELECT s.sitting,
          COALESCE((SELECT l.row_count FROM participant_list l WHERE l.sitting = s.sitting ORDER BY l.id DESC LIMIT 1), 0)
            AS participants,
          (SELECT COUNT(*) FROM packet k WHERE k.sitting = s.sitting) AS packets,
          (SELECT COUNT(*) FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
           WHERE k.sitting = s.sitting AND p.purged_at IS NULL) AS pages,
          (SELECT COUNT(*) FROM result r JOIN page p ON p.id = r.page_id JOIN scan_file f ON f.id = p.file_id
           JOIN packet k ON k.id = f.packet_id WHERE k.sitting = s.sitting) AS results,
          (SELECT COUNT(*) FROM review_item i JOIN page p ON p.id = i.page_id JOIN scan_file f ON f.id = p.file_id
           JOIN packet k ON k.id = f.packet_id WHERE k.sitting = s.sitting AND i.state IN ('open', 'deferred'))
            AS open_review_items
        FROM (SELECT sitting FROM packet WHERE sitting IS NOT NULL
              UNION SELECT sitting FROM participant_list WHERE sitting IS NOT NULL) s
        ORDER BY s.sitting
        """

    /// `page_id IN (…)`: the pages of the sitting bound to the one parameter.
    public static let pageOfSitting = """
        page_id IN (SELECT p.id FROM page p JOIN scan_file f ON f.id = p.file_id JOIN packet k ON k.id = f.packet_id
                    WHERE k.sitting = ?)
        """

    /// The audit entries about a sitting's pages, their review items and results, and its
    /// lists, for a purge of one sitting (the only UPDATE the audit trigger allows is this
    /// redaction). `pageScope` and `listScope` are subqueries of page and list ids; their
    /// parameters are bound four times, in the order page, page, page, list.
    public static func auditEntriesOf(pageScope: String, listScope: String) -> String {
        """
        ((entity = 'page' AND entity_id IN (\(pageScope)))
         OR (entity = 'review_item' AND entity_id IN (SELECT id FROM review_item WHERE page_id IN (\(pageScope))))
         OR (entity = 'result' AND entity_id IN (SELECT id FROM result WHERE page_id IN (\(pageScope))))
         OR (entity = 'participant_list' AND entity_id IN (\(listScope))))
        """
    }

    /// The migration's step that brings a database written before sittings into one sitting:
    /// the exam date most of the newest list's participants have, given to every list and
    /// every packet. A database without a list stays without sittings (its pages are undated,
    /// as they were) until a list or `--sitting` gives one.
    public static let adoptOneSitting: [String] = [
        """
        UPDATE participant_list SET sitting = (
          SELECT exam_date FROM participant
          WHERE list_id = (SELECT MAX(id) FROM participant_list)
          GROUP BY exam_date ORDER BY COUNT(*) DESC, exam_date LIMIT 1)
        """,
        "UPDATE packet SET sitting = (SELECT sitting FROM participant_list ORDER BY id DESC LIMIT 1)",
    ]
}

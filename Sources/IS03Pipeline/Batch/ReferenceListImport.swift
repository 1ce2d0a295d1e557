import Foundation
import IS03Core
import IS03Storage
import IS03Vision

/// Imports the participant list and the optional experts list a command was given as one list
/// version in the database, so every later step — assembly, `reprocess`, the review station's
/// re-assembly, workers — matches against the same participants and experts.
///
/// The experts list travels with the participant list: `--experts` needs `--participants`,
/// and a new participant list given without `--experts` keeps the current version's experts
/// (the region's experts rarely change between packets; dropping them silently would send
/// every expert's ФИО to review).
public struct ReferenceListImport: Sendable {
    public var participants: URL?
    public var experts: URL?
    /// An XSLT 1.0 stylesheet that maps the region's own participant list (any XML) to is03's
    /// list schema (`schemas/participants.xsd`); nil: the list is already is03's CSV or XML.
    public var participantsMapping: URL?
    /// The sitting (`YYYY-MM-DD`) the list is for, from `--sitting`; nil: the list's own
    /// `exam_date`, or without a list the newest list's sitting.
    public var sitting: String?

    public init(participants: URL?, experts: URL?, participantsMapping: URL? = nil, sitting: String? = nil) {
        self.participants = participants; self.experts = experts; self.participantsMapping = participantsMapping
        self.sitting = sitting
    }

    /// What the import did, for the command's output.
    public struct Outcome: Sendable {
        /// The version now current (nil: no list at all).
        public var list: ParticipantListRef?
        /// Rows skipped or suspicious, each naming file and line.
        public var problems: [String] = []
        /// Experts carried over from the previous version (0 when none or given anew).
        public var expertsCarriedOver = 0
        /// The sitting the run works in (nil: undated, a database without sittings).
        public var sitting: String?
    }

    /// - Throws: `ImportError` naming the file when a list cannot be read, or `--experts` came
    ///   without `--participants`.
    public func run(into store: any ResultStore, actor: String) async throws -> Outcome {
        guard let participants else {
            if let experts {
                throw ImportError(file: experts.path, message: "an experts list is stored with a participant list; give --participants too")
            }
            let list = try await store.currentParticipantList(sitting: sitting)
            return Outcome(list: list, sitting: sitting ?? list?.sitting)
        }
        var outcome = Outcome()
        let (list, listHash) = try loadParticipants(participants)
        outcome.problems = list.problems.map { "\($0)" }
        outcome.sitting = try sitting ?? Self.sitting(of: list.participants, file: participants)
        var hash = listHash
        var expertRows: [Expert] = []
        if let experts {
            let loaded = try ExpertList.load(from: experts)
            outcome.problems += loaded.problems.map { "\($0)" }
            expertRows = loaded.experts
        } else if let current = try await store.currentParticipantList(), current.expertCount > 0 {
            expertRows = try await store.experts(listID: current.id)
            outcome.expertsCarriedOver = expertRows.count
        }
        if !expertRows.isEmpty { hash = Self.versionHash(participants: hash, experts: expertRows) }
        outcome.list = try await store.importParticipantList(name: participants.lastPathComponent, sha256: hash,
                                                             participants: list.participants, experts: expertRows,
                                                             sitting: outcome.sitting, actor: actor)
        return outcome
    }

    /// The sitting a list is for when no `--sitting` is given: the one `exam_date` its rows
    /// share. A list spanning several dates is refused rather than guessed at.
    static func sitting(of participants: [Participant], file: URL) throws -> String? {
        let dates = Set(participants.map(\.examDate))
        guard dates.count > 1 else { return dates.first }
        throw ImportError(file: file.path, message: "the list has rows of several exam dates (\(dates.sorted().joined(separator: ", "))): "
                          + "import one list per sitting, or give --sitting YYYY-MM-DD for the sitting it is for")
    }

    /// The list and its version's hash: the file's, or with a mapping stylesheet the hash of
    /// what the stylesheet made of it (a corrected stylesheet gives a new version).
    private func loadParticipants(_ file: URL) throws -> (ParticipantList, String) {
        guard let participantsMapping else { return (try ParticipantList.load(from: file), try SHA256Hex.of(file: file)) }
        let input: Data
        do { input = try Data(contentsOf: file) } catch {
            throw ImportError(file: file.path, message: "cannot read the participant list (\(error.localizedDescription)); check the path")
        }
        let mapped = try Stylesheet(contentsOf: participantsMapping).transform(input, inputName: file.path)
        let list = try ParticipantList.parseXML(mapped, file: "\(file.path) (mapped by \(participantsMapping.lastPathComponent))")
        return (list, SHA256.hex(Array(mapped)))
    }

    /// The identity of a participant list with experts: the list file's hash combined with the
    /// experts' content (not their file's bytes, so carried-over experts give the same version).
    static func versionHash(participants: String, experts: [Expert]) -> String {
        let rows = experts.map { [$0.id, $0.surname, $0.name, $0.patronymic ?? "", $0.oo].joined(separator: "\u{1F}") }
        return SHA256.hex(Array("\(participants)+experts:\(rows.joined(separator: "\u{1E}"))".utf8))
    }
}

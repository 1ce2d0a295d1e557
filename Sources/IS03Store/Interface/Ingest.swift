import Foundation

/// A registered packet (ВДП).
public struct PacketRef: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    public var sourcePath: String
    public var registeredAt: Date
    /// False when the packet's path had been registered before.
    public var isNew: Bool
    /// The sitting its pages belong to (`YYYY-MM-DD`; nil: undated).
    public var sitting: String?

    public init(id: Int64, name: String, sourcePath: String, registeredAt: Date, isNew: Bool, sitting: String? = nil) {
        self.id = id; self.name = name; self.sourcePath = sourcePath; self.registeredAt = registeredAt; self.isNew = isNew
        self.sitting = sitting
    }
}

/// A scan file to register: its path, the SHA-256 of its bytes, its size and its pages.
public struct ScanFileInput: Sendable, Hashable {
    public var path: String
    /// Lower-case hex SHA-256 of the whole file.
    public var sha256: String
    public var size: Int64
    /// One entry per page image in the file (one for single-page formats).
    public var pages: [PageImage]

    public init(path: String, sha256: String, size: Int64, pages: [PageImage]) {
        self.path = path; self.sha256 = sha256; self.size = size; self.pages = pages
    }
}

/// One page image inside a scan file.
public struct PageImage: Sendable, Hashable {
    /// Zero-based page index within the file.
    public var index: Int
    /// Lower-case hex SHA-256 of the page's image bytes (the file's hash for single-page files).
    public var sha256: String

    public init(index: Int, sha256: String) { self.index = index; self.sha256 = sha256 }
}

/// What registering a scan file did.
public enum ScanFileRegistration: Sendable, Hashable {
    /// The file was new: its pages were added as `pending`.
    case added(fileID: Int64, pages: [PageRef])
    /// A file with the same SHA-256 was registered before (possibly under another path):
    /// nothing was added; `pages` are the existing ones.
    case alreadyKnown(fileID: Int64, pages: [PageRef])

    public var fileID: Int64 {
        switch self { case .added(let id, _), .alreadyKnown(let id, _): id }
    }
    public var pages: [PageRef] {
        switch self { case .added(_, let pages), .alreadyKnown(_, let pages): pages }
    }
}

/// Where a page's image is: enough for a worker to read it.
public struct PageRef: Sendable, Hashable, Codable {
    public var id: Int64
    public var fileID: Int64
    public var filePath: String
    public var pageIndex: Int
    public var sha256: String
    public var state: PageState

    public init(id: Int64, fileID: Int64, filePath: String, pageIndex: Int, sha256: String, state: PageState) {
        self.id = id; self.fileID = fileID; self.filePath = filePath; self.pageIndex = pageIndex
        self.sha256 = sha256; self.state = state
    }
}

/// Where a page is in its life.
public enum PageState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Registered, not yet read (or its reading was never committed, e.g. after a crash).
    case pending
    /// Read, and its reading, reconciliation, result and review items are stored.
    case done
    /// Could not be read; `failureReason` says why.
    case failed
}

/// A stored participant list version.
public struct ParticipantListRef: Sendable, Hashable, Codable {
    public var id: Int64
    public var name: String
    /// SHA-256 of the list's content; the same content imports once.
    public var sha256: String
    public var rowCount: Int
    public var importedAt: Date
    /// False when a list with this hash had been imported before.
    public var isNew: Bool
    /// Experts of the optional experts list imported with this version (0: none).
    public var expertCount: Int
    /// The sitting the list was imported for (`YYYY-MM-DD`; nil: undated).
    public var sitting: String?

    public init(id: Int64, name: String, sha256: String, rowCount: Int, importedAt: Date, isNew: Bool,
                expertCount: Int = 0, sitting: String? = nil) {
        self.id = id; self.name = name; self.sha256 = sha256; self.rowCount = rowCount
        self.importedAt = importedAt; self.isNew = isNew; self.expertCount = expertCount; self.sitting = sitting
    }
}

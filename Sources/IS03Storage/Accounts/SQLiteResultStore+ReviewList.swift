import GRDB
import IS03Core

extension SQLiteResultStore {
    public func outstandingReviewItems() async throws -> [ReviewItem] {
        try await read { [self] db in
            try ReviewItemRecord
                .filter([ReviewState.open.rawValue, ReviewState.deferred.rawValue].contains(ReviewItemRecord.Columns.state))
                .order(ReviewItemRecord.Columns.id).fetchAll(db).map(reviewItem)
        }
    }
}

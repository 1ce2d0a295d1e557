import IS03Core
import IS03Store
import PostgresNIO

extension PostgresResultStore {
    public func outstandingReviewItems() async throws -> [ReviewItem] {
        try await read { [self] c in
            try await c.rows("SELECT * FROM review_item WHERE state IN ('open', 'deferred') ORDER BY id").map(reviewItem)
        }
    }
}

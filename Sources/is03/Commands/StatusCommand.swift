import ArgumentParser
import Foundation
import IS03Storage

/// `is03 status`: packets, pages by state and the open review queue by reason.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show packets, pages by state and the open review queue by reason.")

    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await reportingErrors("status") {
            let db = try store.open()
            let status = try await db.status()
            func pages(_ counts: [PageState: Int]) -> String {
                PageState.allCases.map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: ", ")
            }
            print("packets: \(status.packets), files: \(status.files), results: \(status.results)")
            print("pages: \(pages(status.pages))")
            for summary in try await db.packetSummaries() {
                let sitting = summary.packet.sitting.map { " [\($0)]" } ?? ""
                print("  \(summary.packet.name)\(sitting): \(summary.files) file(s); \(pages(summary.pages)); open review items \(summary.openReviewItems)")
            }
            for sitting in try await db.sittings() {
                print("sitting \(sitting.sitting): list of \(sitting.participants) participant(s), \(sitting.packets) packet(s), "
                      + "\(sitting.pages) page(s), \(sitting.results) result(s), open review items \(sitting.openReviewItems)")
            }
            if status.openReviewItems == 0 {
                print("review queue: empty")
            } else {
                print("review queue: \(status.openReviewItems) open item(s)")
                for (reason, count) in status.openReviewByReason.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                    print("  \(reason): \(count)")
                }
            }
        }
    }
}

// swift-tools-version: 6.1
import PackageDescription

// Layers, bottom up (data flows one way):
//   IS03Core      pure Swift domain: templates (one TemplateCatalog finds, checks and versions
//                 them for every other layer), readings, scoring, participants, reconciliation,
//                 results, review queue. No image, no database imports.
//   COpenCVShim   thin C++ shim over OpenCV (every function noexcept, status + message).
//   CTesseract    Tesseract's C API; CCairo: Cairo, for vector printing.
//   IS03Render    printing (PDF/PNG) and synthetic scans with ground truth.
//   IS03Vision    recognition engine: decode, register, marks, handwriting, page class.
//   IS03Store     the storage interface with no engine import: protocols, value types, and the
//                 plans (pure functions deciding what a commit, a decision merge or a purge does).
//   IS03Storage   the database of record: SQLite through GRDB, carrying the plans out.
//   IS03PostgresStore  the same interface on PostgreSQL (postgres-nio), for many workers; it
//                 depends on IS03Store, not on GRDB.
//   CXSLT         libxslt (XSLT 1.0), for the region's own export formats and list mappings.
//   IS03Pipeline  reading → result: process packets (BatchRun) or serve as one of many workers
//                 (WorkerRun), sharing the page reading, assembly and output steps; write
//                 results and review queue.
//   IS03ReviewServer  the operators' review station (Hummingbird) over the database.
//   is03          the command-line shell.
//
// OpenCV comes in through the committed symlink SystemHeaders/opencv4 (→ the system's include
// folder) plus the few libraries we use, not through `pkg-config opencv4`: that .pc file links
// all 55 OpenCV libraries and triples start-up time (docs/native-libraries.md).
let openCVLibraries = [
    "opencv_core", "opencv_imgproc", "opencv_imgcodecs", "opencv_calib3d",
    "opencv_dnn", "opencv_ml", "opencv_wechat_qrcode", "opencv_objdetect",
]

let package = Package(
    name: "is03",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "is03", targets: ["is03"]),
        .library(name: "IS03Core", targets: ["IS03Core"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // SHA-256 of every page (already in the graph through hummingbird-auth).
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // PostgreSQL for scale-out (issue 7); kept in its own target so the embedded default stays light.
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "IS03Core",
            resources: []
        ),
        .target(
            name: "COpenCVShim",
            cxxSettings: [.headerSearchPath("../../SystemHeaders/opencv4")],
            // libtiff directly too: multi-page TIFFs are decoded in one pass (vision_tiff.cpp).
            // qpdf (libqpdf-dev): the scan images embedded in PDF pages, taken out as stored (vision_pdf.cpp).
            linkerSettings: (openCVLibraries + ["tiff", "qpdf"]).map { .linkedLibrary($0) }
        ),
        .systemLibrary(
            name: "CTesseract",
            pkgConfig: "tesseract",
            providers: [.apt(["libtesseract-dev", "libleptonica-dev", "tesseract-ocr-rus"])]
        ),
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // The region's formats as configuration: XSLT 1.0 stylesheets over the results XML and
        // foreign participant lists (Templates/exports, docs/formats.md).
        .systemLibrary(
            name: "CXSLT",
            pkgConfig: "libexslt",
            providers: [.apt(["libxslt1-dev"])]
        ),
        .target(
            name: "IS03Render",
            dependencies: ["IS03Core", "CCairo", "COpenCVShim"]
        ),
        .target(
            name: "IS03Vision",
            dependencies: ["IS03Core", "COpenCVShim", "CTesseract", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Models")]
        ),
        .target(
            name: "IS03Store",
            dependencies: ["IS03Core"]
        ),
        .target(
            name: "IS03Storage",
            dependencies: ["IS03Core", "IS03Store", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "IS03PostgresStore",
            dependencies: ["IS03Core", "IS03Store", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .target(
            name: "IS03Pipeline",
            dependencies: ["IS03Core", "IS03Vision", "IS03Storage", "CXSLT"]
        ),
        .target(
            name: "IS03ReviewServer",
            dependencies: [
                "IS03Core", "IS03Storage", "IS03Vision",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        .executableTarget(
            name: "is03",
            dependencies: [
                "IS03Core", "IS03Render", "IS03Vision", "IS03Storage", "IS03PostgresStore", "IS03Pipeline", "IS03ReviewServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "IS03TestSupport",
            dependencies: ["IS03Core"],
            path: "Tests/IS03TestSupport"
        ),
        .testTarget(name: "IS03CoreTests", dependencies: ["IS03Core", "IS03TestSupport"]),
        .testTarget(name: "IS03StoreTests", dependencies: ["IS03Store", "IS03Core"]),
        .testTarget(name: "IS03StorageTests", dependencies: ["IS03Storage", "IS03PostgresStore", "IS03Core", "IS03TestSupport"]),
        .testTarget(
            name: "IS03PostgresTests",
            dependencies: ["IS03PostgresStore", "IS03Storage", "IS03Pipeline", "IS03Render", "IS03Core", "IS03TestSupport"]
        ),
        .testTarget(
            name: "IS03ReviewServerTests",
            dependencies: [
                "IS03ReviewServer", "IS03Storage", "IS03Core", "IS03TestSupport", "IS03Render", "IS03Vision",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(
            name: "IS03PipelineTests",
            dependencies: ["IS03Pipeline", "IS03Storage", "IS03Vision", "IS03Render", "IS03Core", "IS03TestSupport"]
        ),
        .testTarget(
            name: "IS03RenderTests",
            dependencies: ["IS03Render", "IS03Core", "IS03TestSupport", "COpenCVShim"]
        ),
        .testTarget(
            name: "IS03VisionTests",
            dependencies: ["IS03Vision", "IS03Render", "IS03Core", "IS03TestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6],
    cxxLanguageStandard: .cxx17
)

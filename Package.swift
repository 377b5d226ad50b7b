// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "kwfilter",
  products: [
    .library(name: "KeywordFilter", targets: ["KeywordFilter"]),
    .library(name: "AhoCorasick", targets: ["AhoCorasick"]),
    .executable(name: "kwfilter", targets: ["kwfilter"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // Core: symbol sequences in, pattern occurrences out. No Foundation.
    .target(name: "AhoCorasick"),
    // The product users import: word lists, normalization, scanning, masking, reports.
    .target(
      name: "KeywordFilter",
      dependencies: ["AhoCorasick"]),
    // Command-line tool: wiring only, public API of KeywordFilter.
    .executableTarget(
      name: "kwfilter",
      dependencies: [
        "KeywordFilter",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "KeywordFilterTestSupport", dependencies: ["AhoCorasick"],
      path: "Tests/KeywordFilterTestSupport"),
    .testTarget(
      name: "AhoCorasickTests", dependencies: ["AhoCorasick", "KeywordFilterTestSupport"]),
    .testTarget(
      name: "KeywordFilterTests", dependencies: ["KeywordFilter", "KeywordFilterTestSupport"]),
    .testTarget(name: "KWFilterEndToEndTests", dependencies: ["kwfilter"]),
  ]
)

// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "kwfilter",
  products: [
    .library(name: "KeywordFilter", targets: ["KeywordFilter"]),
    .library(name: "AhoCorasick", targets: ["AhoCorasick"]),
    .library(name: "MailParsing", targets: ["MailParsing"]),
    .executable(name: "kwfilter", targets: ["kwfilter"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Optional library logging (FilterHolder reloads); default handler is a no-op.
    .package(url: "https://github.com/apple/swift-log", from: "1.16.0"),
  ],
  targets: [
    // Core: symbol sequences in, pattern occurrences out. No Foundation.
    .target(name: "AhoCorasick"),
    // The system libpcre2-8, seen through shim.h (pcre2.h needs PCRE2_CODE_UNIT_WIDTH first).
    .systemLibrary(
      name: "CPCRE2", pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"]), .brew(["pcre2"])]),
    // The only Swift code that touches PCRE2's C API. No Foundation.
    .target(name: "PCRE2", dependencies: ["CPCRE2"]),
    // The UTF-8 scan's innermost loop, in C so that it stays branch-free and in registers.
    .target(name: "CScanKernel"),
    // The product users import: word lists, normalization, scanning, masking, reports.
    .target(
      name: "KeywordFilter",
      dependencies: [
        "AhoCorasick", "PCRE2", "CScanKernel",
        .product(name: "Logging", package: "swift-log"),
      ]),
    // RFC 5322 / MIME decoding into text pieces to scan (`--mail`). Glibc only, no Foundation.
    .target(name: "MailParsing"),
    // Command-line tool: wiring only, public API of KeywordFilter.
    .executableTarget(
      name: "kwfilter",
      dependencies: [
        "KeywordFilter", "MailParsing",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "KeywordFilterTestSupport", dependencies: ["AhoCorasick"],
      path: "Tests/KeywordFilterTestSupport"),
    .testTarget(
      name: "AhoCorasickTests", dependencies: ["AhoCorasick", "KeywordFilterTestSupport"]),
    .testTarget(
      name: "KeywordFilterTests", dependencies: ["KeywordFilter", "KeywordFilterTestSupport"]),
    .testTarget(name: "PCRE2Tests", dependencies: ["PCRE2"]),
    .testTarget(name: "MailParsingTests", dependencies: ["MailParsing"]),
    .testTarget(name: "KWFilterEndToEndTests", dependencies: ["kwfilter"]),
  ]
)

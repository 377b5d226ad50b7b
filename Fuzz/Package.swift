// swift-tools-version:6.1
// libFuzzer targets for kwfilter, in their own package: they link libFuzzer's runtime, which a
// plain `swift build` of the main package cannot. Build and run them through Scripts/fuzz.sh:
//
//   Scripts/fuzz.sh stream 300      # one target for 300 s, corpus in Fuzz/corpus/stream
//   Scripts/fuzz.sh all 60          # each target for 60 s
//
// Each target is a normal `main.swift` that hands control to `LLVMFuzzerRunDriver` (declared in
// CLibFuzzer) with an `@_cdecl("LLVMFuzzerTestOneInput")` function. `-parse-as-library` with
// libFuzzer's own `main` does not link on SwiftPM 6.3.1 (swiftlang/swift#75800). See README.md.
import PackageDescription

let package = Package(
  name: "KWFilterFuzz",
  dependencies: [
    .package(name: "kwfilter", path: "..")
  ],
  targets: [
    // The one libFuzzer entry point Swift calls: LLVMFuzzerRunDriver.
    .target(name: "CLibFuzzer"),
    // Reading fuzzer bytes as choices, and the invariant checks shared by the targets.
    .target(
      name: "FuzzSupport",
      dependencies: [.product(name: "KeywordFilter", package: "kwfilter")]),
    // (a) Word-list parser: bytes → Wordlist(parsing:) → Filter(wordlist:).
    .executableTarget(
      name: "FuzzWordlist",
      dependencies: [
        "CLibFuzzer", "FuzzSupport", .product(name: "KeywordFilter", package: "kwfilter"),
      ]),
    // (b) Streaming scanner and masker: a list, a chunking and a text derived from the bytes.
    .executableTarget(
      name: "FuzzStream",
      dependencies: [
        "CLibFuzzer", "FuzzSupport", .product(name: "KeywordFilter", package: "kwfilter"),
      ]),
    // (c) Regex rules: a PCRE2 pattern and a subject, through `re:` entries.
    .executableTarget(
      name: "FuzzRegex",
      dependencies: [
        "CLibFuzzer", "FuzzSupport", .product(name: "KeywordFilter", package: "kwfilter"),
      ]),
    // (d) Mail parser: bytes → MailParser.parse, MailHeaders.adding.
    .executableTarget(
      name: "FuzzMail",
      dependencies: [
        "CLibFuzzer", "FuzzSupport", .product(name: "KeywordFilter", package: "kwfilter"),
        .product(name: "MailParsing", package: "kwfilter"),
      ]),
  ]
)

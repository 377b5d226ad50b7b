// kwfilter — tests: invariants of every scan, across random chunkings and hostile inputs.
//
// What must hold whatever the list, the text and the way it is cut into chunks:
// - masked output has exactly the input's bytes outside the reported ranges (nothing lost);
// - reported ranges are non-empty, in bounds, valid UTF-8, in order of start, and (default
//   semantics) do not overlap;
// - the same input in one chunk, in 1-byte chunks or in random chunks gives the same matches.
// The fuzz target Fuzz/Sources/FuzzStream checks the same properties on libFuzzer's inputs.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

/// The invariant checks, as functions returning what is wrong (empty when all is well).
enum ScanInvariants {
  /// Problems with `matches` as a report over `text`.
  static func problems(_ matches: [Match], in text: [UInt8], filter: Filter) -> [String] {
    var found: [String] = []
    var lastStart = Int.min
    var lastEnd = Int.min
    for (k, m) in matches.enumerated() {
      let label = "match \(k) \(m.entryIndex)@\(m.range)"
      if m.range.lowerBound < 0 || m.range.upperBound > text.count {
        found.append("\(label) out of bounds 0..<\(text.count)")
        continue
      }
      if m.range.isEmpty { found.append("\(label) is empty") }
      if m.range.lowerBound < lastStart { found.append("\(label) starts before the previous") }
      if filter.configuration.semantics == .leftmostLongest && m.range.lowerBound < lastEnd {
        found.append("\(label) overlaps the previous (ends \(lastEnd))")
      }
      lastStart = m.range.lowerBound
      lastEnd = m.range.upperBound
      if String(validating: text[m.range], as: UTF8.self) == nil {
        found.append("\(label) is not valid UTF-8")
      }
      if m.text != String(decoding: text[m.range], as: UTF8.self) {
        found.append("\(label) text '\(m.text)' is not the input's")
      }
      if !filter.entries.indices.contains(m.entryIndex)
        || filter.entries[m.entryIndex].kind != .term
      {
        found.append("\(label) does not name a term")
      }
    }
    return found
  }

  /// The masker's output and matches for `text` cut into `chunks`.
  static func masked(_ filter: Filter, _ chunks: [[UInt8]], mask: String = "#") -> (
    output: [UInt8], matches: [Match]
  ) {
    var masker = StreamMasker(filter: filter, mask: mask)
    var output: [UInt8] = []
    var matches: [Match] = []
    for chunk in chunks {
      chunk.withUnsafeBytes { bytes in
        masker.process(bytes, onMatch: { matches.append($0) }) { output.append(contentsOf: $0) }
      }
    }
    masker.finish(onMatch: { matches.append($0) }) { output.append(contentsOf: $0) }
    return (output, matches)
  }

  /// The input's bytes outside the union of the ranges, one `mask` per character inside.
  static func expectedMask(_ text: [UInt8], _ matches: [Match], mask: [UInt8] = [0x23]) -> [UInt8]
  {
    var expected: [UInt8] = []
    var at = 0
    for m in matches {
      let start = max(m.range.lowerBound, at)
      if start >= m.range.upperBound { continue }
      expected += text[at..<start]
      for byte in text[start..<m.range.upperBound] where byte & 0xC0 != 0x80 { expected += mask }
      at = m.range.upperBound
    }
    return expected + text[at...]
  }

  /// Checks every invariant for `text` with `filter` over the given chunkings (one piece and
  /// 1-byte pieces are always included); returns the whole-buffer matches.
  @discardableResult
  static func check(
    _ filter: Filter, _ text: [UInt8], chunkings extra: [[[UInt8]]] = [], label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) -> [Match] {
    let whole = filter.matches(in: text)
    let problems = problems(whole, in: text, filter: filter)
    #expect(problems.isEmpty, "\(label): \(problems.prefix(5))", sourceLocation: sourceLocation)
    let chunkings = [[text], Chunking.fixed(text, size: 1)] + extra
    for (k, chunks) in chunkings.enumerated() {
      let streamedMatches = streamed(filter, chunks)
      #expect(
        streamedMatches == whole,
        "\(label): chunking \(k) (\(chunks.count) chunks) \(pairs(streamedMatches)) != \(pairs(whole))",
        sourceLocation: sourceLocation)
      let (output, maskerMatches) = masked(filter, chunks)
      #expect(maskerMatches == whole, "\(label): masker chunking \(k)", sourceLocation: sourceLocation)
      #expect(
        output == expectedMask(text, whole),
        "\(label): masked output (chunking \(k)) differs outside the match ranges",
        sourceLocation: sourceLocation)
    }
    return whole
  }
}

/// Regex rules the random lists may add (unanchored: see RegressionsRegexPrefilter.swift).
private let invariantRegexRules = ["赌.{0,2}博", "\\d{3,}", "a+b", "\\p{Han}{2}站"]

@Test(arguments: 0..<120)
func invariantsHoldAcrossRandomChunkings(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(50_000 + seed))
  var list = randomWordlist(&rng)
  if seed % 3 == 0 {
    list.entries.append(
      WordlistEntry(
        text: invariantRegexRules.randomElement(using: &rng)!, category: Category(rawValue: "re"),
        isRegex: true, source: "gen:re"))
  }
  let semantics: MatchSemantics = seed % 4 == 1 ? .all : .leftmostLongest
  let normalization: Normalization =
    seed % 5 == 4 ? .exact : Normalization(maxNoise: Int.random(in: 0...3, using: &rng))
  let filter = try Filter(
    wordlist: list, configuration: .init(normalization: normalization, semantics: semantics))
  let text = randomText(&rng, pieces: 200)
  var chunkings: [[[UInt8]]] = []
  for _ in 0..<3 { chunkings.append(Chunking.random(text, using: &rng)) }
  chunkings.append(Chunking.fixed(text, size: 2))
  chunkings.append(Chunking.fixed(text, size: 5))
  ScanInvariants.check(filter, text, chunkings: chunkings, label: "seed \(seed)")
}

/// A hostile input for the invariant checks, with what must be found in it.
struct HostileCase: Sendable, CustomTestStringConvertible {
  var name: String
  var list: @Sendable () throws -> Wordlist
  var text: @Sendable () -> [UInt8]
  var semantics: MatchSemantics = .leftmostLongest
  /// The number of matches expected, when it is known.
  var expectedCount: Int?
  var testDescription: String { name }

  static let gambling: @Sendable () throws -> Wordlist = {
    try Wordlist(parsing: "赌博\n赌博网站\n!打击赌博\nass\nre:代开.{0,3}发票\n", name: "gambling.txt")
  }

  /// 10,000 characters, no two neighbours alike, so no shorter period can match.
  static let longTerm: String = {
    let alphabet = Array("赌博网站六合彩票法轮功老虎机")
    var rng = SeededRandom(seed: 10_000)
    var characters: [Character] = []
    while characters.count < 10_000 {
      let c = alphabet.randomElement(using: &rng)!
      if c != characters.last { characters.append(c) }
    }
    return String(characters)
  }()

  static let all: [HostileCase] = [
    HostileCase(
      name: "invalid UTF-8 around and inside terms", list: gambling,
      text: {
        // Stray continuations, truncated leads, overlongs, surrogates, then intact terms.
        var t: [UInt8] = [0x80, 0xBF, 0xE8, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0x80, 0x80]
        t += Array("赌".utf8) + [0xFF] + Array("博".utf8)  // broken by an invalid byte: no match
        t += [0xE8] + Array("赌博".utf8) + [0xE8, 0xB5]  // a truncated lead before: match
        t += Array("代开".utf8) + [0xFE] + Array("发票".utf8)  // regex: no match across it
        t += [0xF0, 0x9F] + Array("代开x发票".utf8) + [0xC3]  // regex match
        return t
      }, expectedCount: 2),
    HostileCase(
      name: "NUL bytes", list: gambling,
      text: { Array("\0赌\0博\0赌博\0\0ass\0代开\0发票\0".utf8) + [UInt8](repeating: 0, count: 5000) }),
    HostileCase(
      name: "noise only", list: gambling,
      text: {
        Array(String(repeating: "- * ，。！\u{200B}😀\u{FE0F}\u{0301}\t\r\n", count: 800).utf8)
      }, expectedCount: 0),
    HostileCase(
      name: "a 10,000-character term", list: { Wordlist(terms: [longTerm, "赌博"]) },
      text: {
        var t = Array("前缀赌博".utf8) + Array(longTerm.utf8)
        // Once more with noise inside and a character cut short at the end.
        var chars = Array(longTerm)
        chars.insert(contentsOf: "- ", at: 5_000)
        t += Array(String(chars).utf8) + Array("赌博".utf8) + [0xE8, 0xB5]
        return t
      }, expectedCount: 4),
    HostileCase(
      name: "10,000-character term missing its last character",
      list: { Wordlist(terms: [longTerm]) },
      text: { Array(String(longTerm.dropLast()).utf8) + Array("X".utf8) }, expectedCount: 0),
    HostileCase(
      name: "every entry identical", list: { Wordlist(terms: Array(repeating: "赌博", count: 1_000)) },
      text: { Array("赌博 赌-博 打击赌博 赌赌博博".utf8) }, expectedCount: 4),
    // Exact duplicate entries are merged into one rule (they would report the same match), so
    // even `--all` reports each occurrence once.
    HostileCase(
      name: "every entry identical, all occurrences",
      list: { Wordlist(terms: Array(repeating: "赌博", count: 100)) },
      text: { Array("赌博 赌-博".utf8) }, semantics: .all, expectedCount: 2),
    HostileCase(
      name: "every entry an identical regex",
      list: {
        Wordlist(
          entries: (1...50).map {
            WordlistEntry(
              text: "赌.?博", category: Category(rawValue: "re"), isRegex: true, source: "re:\($0)")
          })
      },
      text: { Array("赌博\n赌x博 赌xx博\n".utf8) }, expectedCount: 2),
    HostileCase(name: "empty input", list: gambling, text: { [] }, expectedCount: 0),
    HostileCase(
      name: "one long line of letters", list: gambling,
      text: { [UInt8](repeating: UInt8(ascii: "a"), count: 20_000) + Array("赌博".utf8) },
      expectedCount: 1),
  ]
}

@Test(arguments: HostileCase.all)
func invariantsHoldOnHostileInput(_ c: HostileCase) throws {
  let filter = try Filter(wordlist: c.list(), configuration: .init(semantics: c.semantics))
  let text = c.text()
  var rng = SeededRandom(seed: UInt64(text.count))
  let chunkings = [
    Chunking.random(text, using: &rng), Chunking.fixed(text, size: 3),
    Chunking.fixed(text, size: 4096),
  ]
  let whole = ScanInvariants.check(filter, text, chunkings: chunkings, label: c.name)
  if let expected = c.expectedCount {
    #expect(whole.count == expected, "\(c.name): \(pairs(whole))")
  }
}

@Test func emptyChunksChangeNothing() throws {
  let filter = try Filter(wordlist: Wordlist(parsing: "赌博\nre:代开.{0,3}发票\n", name: "t.txt"))
  let text = Array("代开x发票 赌博".utf8)
  var chunks: [[UInt8]] = [[]]
  for piece in Chunking.fixed(text, size: 2) { chunks += [piece, [], []] }
  #expect(streamed(filter, chunks) == filter.matches(in: text))
  #expect(streamed(filter, [[], []]).isEmpty)
  let (output, matches) = ScanInvariants.masked(filter, [[], []])
  #expect(output.isEmpty && matches.isEmpty)
}

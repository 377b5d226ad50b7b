// kwfilter — tests: the filter (whole buffer and every chunking) against the reference matcher.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

/// Pieces random texts and terms are made of: CJK with traditional variants, Latin in several
/// widths and cases, noise of every kind, and invalid UTF-8.
let textPieces: [[UInt8]] =
  ["赌", "博", "賭", "網", "网", "站", "六", "合", "彩", "票", "a", "b", "s", "A", "Ａ", "ß", "é", "e",
    "-", "*", " ", "\u{200B}", "，", "😀", "\n", "x", "1"].map { Array($0.utf8) }
  + [[0xFF], [0xE8], [0x80], [0xE8, 0xB5]]
let termPieces = ["赌", "博", "賭", "网", "站", "六", "合", "彩", "票", "a", "b", "s", "ß", "e", "x", "1", "-"]

func randomWordlist(_ rng: inout SeededRandom) -> Wordlist {
  var entries: [WordlistEntry] = []
  for i in 0..<Int.random(in: 1...8, using: &rng) {
    var text = ""
    for _ in 0..<Int.random(in: 1...4, using: &rng) { text += termPieces.randomElement(using: &rng)! }
    if text.allSatisfy({ $0 == "-" }) { text = "博" }
    let allow = Int.random(in: 0..<5, using: &rng) == 0
    entries.append(
      WordlistEntry(text: text, kind: allow ? .allow : .term, category: Category(rawValue: "c\(i % 3)"),
        source: "gen:\(i + 1)"))
  }
  return Wordlist(entries: entries)
}

func randomText(_ rng: inout SeededRandom, pieces: Int) -> [UInt8] {
  var bytes: [UInt8] = []
  for _ in 0..<pieces { bytes += textPieces.randomElement(using: &rng)! }
  return bytes
}

func streamed(_ filter: Filter, _ chunks: [[UInt8]]) -> [Match] {
  var scanner = filter.makeScanner()
  var result: [Match] = []
  for chunk in chunks { chunk.withUnsafeBytes { scanner.scan($0) { result.append($0) } } }
  scanner.finish { result.append($0) }
  return result
}

func pairs(_ matches: [Match]) -> [String] { matches.map { "\($0.entryIndex)@\($0.range)" } }
func pairs(_ matches: [(entry: Int, range: Range<Int>)]) -> [String] { matches.map { "\($0.entry)@\($0.range)" } }

@Test(arguments: 0..<150)
func filterAgreesWithReference(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(seed))
  let list = randomWordlist(&rng)
  let semantics: MatchSemantics = seed % 4 == 3 ? .all : .leftmostLongest
  let normalization: Normalization =
    seed % 7 == 6 ? .exact : Normalization(maxNoise: Int.random(in: 0...3, using: &rng))
  var configuration = Filter.Configuration(normalization: normalization, semantics: semantics)
  // Half the seeds take the two-lane path even on these short texts.
  if seed % 2 == 1 { configuration.laneThreshold = 8 }
  let filter = try Filter(wordlist: list, configuration: configuration)
  let reference = ReferenceMatcher(wordlist: list, normalization: normalization, semantics: semantics)
  let text = randomText(&rng, pieces: 120)
  let expected = pairs(reference.matches(in: text))
  #expect(pairs(filter.matches(in: text)) == expected, "seed \(seed) whole")
  for size in [1, 2, 3, 7] {
    #expect(pairs(streamed(filter, Chunking.fixed(text, size: size))) == expected, "seed \(seed) chunk \(size)")
  }
  #expect(pairs(streamed(filter, Chunking.random(text, using: &rng))) == expected, "seed \(seed) random chunks")
}

@Test(arguments: [
  "网上賭-博，打击赌博,赌博网站 ss",
  "六合彩\u{200B}票ß赌😀博\u{FF}赌",
  "aSs x ass\n赌 - * 博",
])
func everySplitPointAgrees(text: String) throws {
  let list = try Wordlist(
    parsing: "赌博\n赌博网站\n!打击赌博\nass\n六合彩\n彩票\nss\n", name: "t.txt")
  var lanes = Filter.Configuration()
  lanes.laneThreshold = 8
  let filter = try Filter(wordlist: list, configuration: lanes)
  let bytes = Array(text.utf8)
  let whole = pairs(filter.matches(in: bytes))
  #expect(whole == pairs(ReferenceMatcher(wordlist: list, normalization: .standard, semantics: .leftmostLongest).matches(in: bytes)))
  for split in 0...bytes.count {
    #expect(pairs(streamed(filter, [Array(bytes[..<split]), Array(bytes[split...])])) == whole, "split \(split)")
  }
}

@Test(arguments: 0..<40)
func maskChangesOnlyMatchedBytes(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(1000 + seed))
  let list = randomWordlist(&rng)
  let filter = try Filter(wordlist: list)
  let text = randomText(&rng, pieces: 150)
  let matches = filter.matches(in: text)
  for chunks in [[text], Chunking.fixed(text, size: 1), Chunking.random(text, using: &rng)] {
    var masker = StreamMasker(filter: filter, mask: "#")
    var output: [UInt8] = []
    for chunk in chunks {
      chunk.withUnsafeBytes { masker.process($0) { output.append(contentsOf: $0) } }
    }
    masker.finish { output.append(contentsOf: $0) }
    // Rebuild the expected output from the match list: original bytes outside, '#' per char inside.
    var expected: [UInt8] = []
    var at = 0
    for m in matches {
      expected += text[at..<m.range.lowerBound]
      let chars = text[m.range].filter { $0 & 0xC0 != 0x80 }.count
      expected += Array(repeating: UInt8(ascii: "#"), count: chars)
      at = m.range.upperBound
    }
    expected += text[at...]
    #expect(output == expected, "seed \(seed)")
  }
}

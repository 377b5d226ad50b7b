// kwfilter — tests: the boundary rule (Chinese matches that cut through a common word).

import Foundation
import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

/// Folded characters of a string (the rule's input).
private func folded(_ s: String) -> [UInt32] {
  s.unicodeScalars.map {
    if case .single(let f) = FoldTable.standard.fold($0.value) { return f }
    return BoundaryRule.separator
  }
}

private func survives(_ before: String, _ match: String, _ after: String) -> Bool {
  BoundaryRule.survives(
    before: folded(before), match: folded(match), after: folded(after),
    words: WordFrequencies.shared)
}

@Test func dictionaryLoadsFoldedWords() {
  let words = WordFrequencies.shared
  #expect(words.count > 40_000)
  #expect(words.cost(folded("路口")[...]) != nil)
  #expect(words.cost(folded("交通")[...])! < words.cost(folded("路口")[...])!)  // more frequent
  #expect(words.cost(folded("路口交通")[...]) == nil)
  #expect(words.cost(folded("ab")[...]) == nil)
}

@Test(arguments: [
  // Cut: a common word straddles the start or the end.
  ("路", "口交", "通", false),
  ("理", "性爱", "好", false),
  ("今天是银", "色情", "人节", false),
  ("他们这是学术", "性交", "流", false),
  ("电", "脑瘫", "痪", false),
  ("理", "性愛", "好", false),  // traditional text is folded first
  // Survives: nothing straddles, or the term is the better reading.
  ("", "口交", "", true),
  ("他", "口交", "了", true),
  ("打击", "毒品", "犯罪", true),
  ("我们去", "赌博", "吧", true),
  ("", "法轮", "功", true),  // inside a longer dictionary word, not straddled
])
func segmentationCases(before: String, match: String, after: String, expected: Bool) {
  #expect(survives(before, match, after) == expected, "\(before)[\(match)]\(after)")
}

@Test func noiseInsideTheMatchIsAHardBreak() {
  // 口，交 with 路 · 交通 around it: the words 路口 and 交通 still straddle the match.
  #expect(!survives("路", "口，交", "通"))
  // Without context there is nothing to compare with.
  #expect(survives("", "口，交", ""))
}

private let list = try! Wordlist(
  parsing: "# category: t\n口交\n交通\n性爱\n色情\n", name: "t.txt")

private func run(_ text: String, _ control: BoundaryControl, encoding: InputEncoding = .utf8)
  throws -> [String]
{
  let filter = try Filter(
    wordlist: list, configuration: Filter.Configuration(boundaryControl: control))
  let bytes = encoding == .gb18030 ? GB18030Table.shared.encode(text) : Array(text.utf8)
  return filter.matches(in: bytes, encoding: encoding).map { "\($0.text):\($0.tier)" }
}

@Test func theThreeModes() throws {
  let text = "路口交通很拥挤，他口交了"
  #expect(try run(text, .off) == ["口交:block", "口交:block"])
  #expect(try run(text, .review) == ["口交:review", "口交:block"])
  // Dropped, 口交 no longer hides the overlapping 交通, which survives (路口 · 交通).
  #expect(try run(text, .drop) == ["交通:block", "口交:block"])
  #expect(try run("路口交通很擁擠，他口交了", .drop, encoding: .gb18030) == ["交通:block", "口交:block"])
  #expect(Filter.Configuration().boundaryControl == .review)
}

@Test func droppedMatchesStayUnmasked() throws {
  var configuration = Filter.Configuration()
  configuration.boundaryControl = .drop
  let filter = try Filter(
    wordlist: try Wordlist(parsing: "口交\n", name: "t.txt"), configuration: configuration)
  #expect(filter.masking("路口交通，他口交了") == "路口交通，他**了")
}

@Test func compiledRulesKeepTheMode() throws {
  let path = "/tmp/kwfilter-boundary-\(UInt32.random(in: 0...UInt32.max)).kwf"
  defer { unlink(path) }
  for control in BoundaryControl.allCases {
    let filter = try Filter(wordlist: list, configuration: .init(boundaryControl: control))
    try filter.writeCompiledRules(to: path)
    #expect(try Filter(compiledRulesAt: path).configuration.boundaryControl == control)
  }
}

/// Pieces of random texts for the boundary rule: characters that form straddling words
/// (路口 交通 理性 爱好 银色 情人), traditional forms, noise, Latin and invalid UTF-8.
private let boundaryPieces: [[UInt8]] =
  ["路", "口", "交", "通", "理", "性", "爱", "愛", "好", "银", "色", "情", "人", "节", "他", "了",
    "，", " ", "-", "a", "\n", "😀", "路口交通", "理性爱好", "理性愛好", "银色情人节", "口，交"]
  .map { Array($0.utf8) } + [[0xFF], [0xE8, 0xB5]]
private let boundaryTerms = ["口交", "性爱", "色情", "情人", "交通", "口", "人节", "路口交通"]

@Test(arguments: 0..<90)
func boundaryRuleAgreesWithReferenceInEveryChunking(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(5000 + seed))
  let control = BoundaryControl.allCases[seed % 3]
  var entries: [WordlistEntry] = []
  for (i, t) in boundaryTerms.shuffled(using: &rng).prefix(Int.random(in: 2...6, using: &rng))
    .enumerated()
  {
    let allow = i > 0 && Int.random(in: 0..<6, using: &rng) == 0
    entries.append(
      WordlistEntry(text: t, kind: allow ? .allow : .term, category: Category(rawValue: "c"),
        source: "gen:\(i + 1)"))
  }
  let list = Wordlist(entries: entries)
  let semantics: MatchSemantics = seed % 5 == 4 ? .all : .leftmostLongest
  var configuration = Filter.Configuration(semantics: semantics, boundaryControl: control)
  if seed % 2 == 1 { configuration.laneThreshold = 8 }
  let filter = try Filter(wordlist: list, configuration: configuration)
  var reference = ReferenceMatcher(
    wordlist: list, normalization: .standard, semantics: semantics)
  reference.boundaryControl = control
  var text: [UInt8] = []
  for _ in 0..<80 { text += boundaryPieces.randomElement(using: &rng)! }
  let expected = reference.matchesWithTiers(in: text).map { "\($0.entry)@\($0.range):\($0.tier)" }
  func show(_ ms: [Match]) -> [String] { ms.map { "\($0.entryIndex)@\($0.range):\($0.tier)" } }
  #expect(show(filter.matches(in: text)) == expected, "seed \(seed) \(control) whole")
  for size in [1, 2, 3, 7] {
    #expect(
      show(streamed(filter, Chunking.fixed(text, size: size))) == expected,
      "seed \(seed) \(control) chunk \(size)")
  }
  #expect(
    show(streamed(filter, Chunking.random(text, using: &rng))) == expected,
    "seed \(seed) \(control) random chunks")
  // GB18030: the same matches (as text and tier) from the same text, whole and in chunks.
  // (Invalid UTF-8 left out: GB18030 would spell its U+FFFD as `?`.)
  var string = String(decoding: text, as: UTF8.self)
  string.unicodeScalars.removeAll { $0 == "\u{FFFD}" }
  let gb = GB18030Table.shared.encode(string)
  let utf8Again = filter.matches(in: Array(string.utf8)).map { "\($0.text):\($0.tier)" }
  var scanner = filter.makeScanner(encoding: .gb18030)
  var found: [String] = []
  for chunk in Chunking.fixed(gb, size: 3) {
    chunk.withUnsafeBytes { scanner.scan($0) { found.append("\($0.text):\($0.tier)") } }
  }
  scanner.finish { found.append("\($0.text):\($0.tier)") }
  #expect(found == utf8Again, "seed \(seed) \(control) GB18030")
  #expect(
    filter.matches(in: gb, encoding: .gb18030).map { "\($0.text):\($0.tier)" } == utf8Again,
    "seed \(seed) \(control) GB18030 whole")
}

@Test func randomTextsExerciseTheRule() throws {
  // The differential test above means something only if its texts contain cut matches.
  var rng = SeededRandom(seed: 5000)
  var text: [UInt8] = []
  for _ in 0..<400 { text += boundaryPieces.randomElement(using: &rng)! }
  let list = Wordlist(
    entries: boundaryTerms.enumerated().map {
      WordlistEntry(text: $1, kind: .term, category: Category(rawValue: "c"), source: "g:\($0)")
    })
  let review = try Filter(wordlist: list, configuration: .init(boundaryControl: .review))
  let tiers = review.matches(in: text).map(\.tier)
  #expect(tiers.contains(.review) && tiers.contains(.block))
  let drop = try Filter(wordlist: list, configuration: .init(boundaryControl: .drop))
  let cut = Set(
    review.matches(in: text).filter { $0.tier == .review }.map { "\($0.entryIndex)@\($0.range)" })
  #expect(drop.matches(in: text).allSatisfy { !cut.contains("\($0.entryIndex)@\($0.range)") })
}

/// Characters that make many dictionary words with each other (路口 交通 理性 爱好 银色 情人
/// 人民 中国 学生 活动 大学 …), so random windows hit the rule's every branch.
private let wordyCharacters = folded("路口交通理性爱好银色情人节中国民大学生活动法轮功一下")

@Test func fastRuleAgreesWithReference() {
  var rng = SeededRandom(seed: 7100)
  let words = WordFrequencies.shared
  var cut = 0
  let windows = 8000
  for _ in 0..<windows {
    func run(_ range: ClosedRange<Int>) -> [UInt32] {
      (0..<Int.random(in: range, using: &rng)).map { _ in wordyCharacters.randomElement(using: &rng)! }
    }
    let before = run(0...BoundaryRule.contextCharacters)
    var match = run(1...5)
    if match.count > 2 && Bool.random(using: &rng) {
      match[Int.random(in: 1..<(match.count - 1), using: &rng)] = BoundaryRule.separator
    }
    let after = run(0...BoundaryRule.contextCharacters)
    let expected = ReferenceBoundaryRule.survives(
      before: before, match: match, after: after, words: words)
    #expect(
      BoundaryRule.survives(before: before, match: match, after: after, words: words) == expected,
      "\(before) \(match) \(after)")
    if !expected { cut += 1 }
  }
  // The comparison means something only if both answers occur.
  #expect(cut > 10 && cut < windows - 10, "\(cut) of \(windows) cut")
}

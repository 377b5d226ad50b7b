// kwfilter — tests: literal triggers derived from regex rules.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

@Test(arguments: [
  ("1[3-9]\\d{9}", ["13", "14", "15", "16", "17", "18", "19"]),
  ("(?:https?|ftp)://[a-z]+", ["http", "ftp"]),
  ("(?<![a-z])www\\.[a-z]+", ["www."]),
  ("(?:qq|扣扣|企鹅号?)\\s*\\d+", ["qq", "扣扣", "企鹅"]),
  ("[a-z]+@[a-z]+\\.(?:com|cn)", [".com", ".cn"]),
  ("加\\s*微\\s*信", ["加"]),
])
func triggersOfSimplePatterns(pattern: String, expected: [String]) {
  let t = RegexTriggers.triggers(for: pattern)
  #expect(t.map(Set.init) == Set(expected), "\(pattern): \(t ?? [])")
}

@Test(arguments: ["\\d+", "(?i)abc", "[a-z]+", "a|\\d", "(?<name>x)", "x*y?"])
func patternsWithoutTriggers(pattern: String) {
  #expect(RegexTriggers.triggers(for: pattern) == nil, "\(pattern)")
}

@Test func shippedSpamRulesMostlyHaveTriggers() throws {
  let list = try shippedList("10-spam.txt")
  let rules = list.entries.filter(\.isRegex)
  let withTriggers = rules.filter { RegexTriggers.triggers(for: $0.text) != nil }
  #expect(withTriggers.count >= rules.count - 1, "\(rules.count - withTriggers.count) without")
}

// Triggers decide which lines a rule runs on; the result must be what running every rule on
// every line gives. The GB18030 path runs every rule without triggers, so it is the reference.
@Test(arguments: 0..<25)
func triggeredRulesFindWhatEveryLineFinds(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(7700 + seed))
  let filter = try Filter(wordlist: shippedList("10-spam.txt"))
  let pieces = ["qq", "QQ", "ｑｑ", " ", "：", "1", "3", "8", "９", "5", "\n", "微信", "号", "abc_", "x",
    "http://", "www.", ".com", "@", "kefu", "加", "V", "信", "一", "三", "八", "点", "赌博"]
  var text = ""
  for _ in 0..<400 { text += pieces.randomElement(using: &rng)! }
  let utf8 = filter.matches(in: text)
  let gb = filter.matches(in: GB18030Table.shared.encode(text), encoding: .gb18030)
  #expect(utf8.map(\.text) == gb.map(\.text), "seed \(seed)")
  let chunked = streamed(filter, Chunking.random(Array(text.utf8), using: &rng))
  #expect(pairs(chunked) == pairs(utf8), "seed \(seed)")
}

/// A repeat count too large for an `Int` (found by FuzzRegex) is analysed, not a crash: the
/// count only says whether the item is mandatory. (PCRE2 rejects such a rule when compiled.)
@Test func hugeRepeatCountsDoNotOverflow() {
  let huge = String(repeating: "6", count: 120)
  #expect(RegexTriggers.triggers(for: "ab{2\(huge),}c") != nil)
  #expect(RegexTriggers.triggers(for: "(?:qq){\(huge)}") == ["qq"])
}

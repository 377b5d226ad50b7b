// kwfilter — regression: a regex rule anchored to its line (^, $, \z, lookaround) is matched
// the same whether its line arrives alone or in the middle of a chunk.
//
// Found by Fuzz/Sources/FuzzRegex (Scripts/fuzz.sh regex): `^ab$|\bcd\b` over "ab\ncd ef\nab\n"
// reported the last "ab" when the input came in 1-byte chunks, but not in one piece.
// Cause: RegexLineScanner.matchBlock runs the joined prefilter over a *block* of complete
// lines, where `^` matches only at the block's start and `$` only at its end, so the prefilter
// skips lines that the rule, run on the line alone, matches.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

@Test(arguments: [
  "^ab$", "^ab", "ab$", "\\Aab", "ab\\z", "(?<![\\s\\S])ab", "ab(?![\\s\\S])",
  // Found by the fuzzer after the block-safe check went in: rules that switch multi-line mode
  // back off, and negative lookarounds whose body matches a line break in other ways.
  "(?-m)^ab", "(?^)^ab", "(?i-m)^ab", "(?-m:^)ab", "ab(?!\\p{Cc})", "ab(?!\\p{C})", "ab(?!\n)",
])
func regexRuleAnchoredToItsLineMatchesEveryLine(rule: String) throws {
  let filter = try Filter(
    wordlist: Wordlist(entries: [
      WordlistEntry(text: rule, category: Category(rawValue: "re"), isRegex: true, source: "t:1")
    ]))
  // Five lines "ab": the first and last reach the rule on their own, the middle three only
  // inside one block of complete lines.
  let text = Array("ab\nab\nab\nab\nab".utf8)
  let expected = [0..<2, 3..<5, 6..<8, 9..<11, 12..<14]
  let whole = filter.matches(in: text)
  #expect(whole.map(\.range) == expected, "rule \(rule): one piece")
  #expect(streamed(filter, Chunking.fixed(text, size: 1)).map(\.range) == expected, "rule \(rule): 1-byte chunks")
}

@Test func regexPrefilterMissesNoLineOfTheFuzzerInput() throws {
  // The fuzzer's input, as a list: the rule and a second one joined into the prefilter.
  let filter = try Filter(
    wordlist: Wordlist(parsing: "re:^ab$|\\bcd\\b\nre:赌.{0,2}博\n", name: "fuzz.txt"))
  let text = Array("ab\ncd ef\nab\n".utf8)
  #expect(pairs(filter.matches(in: text)) == pairs(streamed(filter, Chunking.fixed(text, size: 1))))
  #expect(filter.matches(in: text).map(\.range) == [0..<2, 3..<5, 9..<11])
}

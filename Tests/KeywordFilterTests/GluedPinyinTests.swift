// kwfilter — tests: pinyin-variant matches glued to neighbouring pinyin (GluedPinyin).

import Foundation
import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

@Test(arguments: [
  ("", true), ("ma", true), ("zhuang", true), ("renma", true), ("lve", true), ("lue", true),
  ("xianggang", true), ("is", false), ("x", false), ("ois", false), ("ing", false),
  ("hello", false), ("world", false), ("ser", false), ("hman", false), ("m", false),
  (String(repeating: "ma", count: 16), true),  // 32 letters: still looked at
  (String(repeating: "ma", count: 17), false),  // 34 letters: beyond the bound
])
func syllableSplits(letters: String, expected: Bool) {
  #expect(GluedPinyin.isPinyin(Array(letters.utf8)) == expected, "\(letters)")
}

@Test func syllableTableComesFromTheVariantData() {
  #expect(GluedPinyin.syllables.count > 400 && GluedPinyin.syllables.count < 430)
  #expect(!GluedPinyin.syllables.contains(Array("ng".utf8)))
  #expect(GluedPinyin.syllables.contains(Array("zhuang".utf8)))
  #expect(!GluedPinyin.syllables.contains(Array("is".utf8)))
}

private let pinyinFilter = try! Filter(
  wordlist: try! Wordlist(parsing: "# category: t\n赌博\n黑人\n", name: "t.txt"),
  configuration: Filter.Configuration(variants: [.pinyinFull]))

/// Matched texts in `text`, whole and in every chunking, which must agree.
private func matched(_ text: String) -> [String] {
  let bytes = Array(text.utf8)
  let whole = pinyinFilter.matches(in: bytes).map(\.text)
  for size in [1, 2, 3, 7] {
    #expect(
      streamed(pinyinFilter, Chunking.fixed(bytes, size: size)).map(\.text) == whole,
      "\(text) @\(size)")
  }
  let gb = GB18030Table.shared.encode(text)
  #expect(pinyinFilter.matches(in: gb, encoding: .gb18030).map(\.text) == whole, "\(text) GB18030")
  return whole
}

@Test(arguments: [
  // Accepted: the rest of the Latin run is pinyin (before, after, both), or there is none.
  ("dubo", ["dubo"]), ("madubo", ["dubo"]), ("duboma", ["dubo"]), ("zhuangduboma", ["dubo"]),
  ("hei renma fan", ["hei ren"]), ("DuboMa", ["Dubo"]), ("wo ai dubo!", ["dubo"]),
  ("赌博dubo", ["赌博", "dubo"]),
  // Rejected: English words and other letters around the match.
  ("dubois", []), ("xdubo", []), ("dubo123", []), ("dubox", []), ("heirens", []),
  ("theirenemy", []),
  // Letters too far to look at: 34 letters of pinyin before the match.
  (String(repeating: "ma", count: 17) + "dubo", []),
  (String(repeating: "ma", count: 16) + "dubo", ["dubo"]),
])
func pinyinMatchesGluedToPinyin(text: String, expected: [String]) {
  #expect(matched(text) == expected, "\(text)")
}

@Test func onlyPinyinVariantsAreRelaxed() throws {
  // A Latin term written in the list keeps the strict word-boundary rule.
  let filter = try Filter(wordlist: try Wordlist(parsing: "dubo\n", name: "t.txt"))
  #expect(filter.matches(in: "madubo").isEmpty)
  #expect(filter.matches(in: "ma dubo").count == 1)
  // Initials are not relaxed either: `db` inside `dbma` stays unmatched.
  let initials = try Filter(
    wordlist: try Wordlist(parsing: "赌博\n", name: "t.txt"),
    configuration: .init(variants: [.pinyinInitials]))
  #expect(initials.matches(in: "db ma").count == 1)
  #expect(initials.matches(in: "dbma").isEmpty)
}

@Test func termsWithLatinLettersAreNotRelaxed() throws {
  let filter = try Filter(
    wordlist: try Wordlist(parsing: "露b\n", name: "t.txt"),
    configuration: .init(variants: [.pinyinFull]))
  #expect(filter.matches(in: "lub").count == 1)
  #expect(filter.matches(in: "Luberda").isEmpty)
}

@Test func compiledRulesKeepThePinyinTable() throws {
  let path = "/tmp/kwfilter-pinyin-\(UInt32.random(in: 0...UInt32.max)).kwf"
  defer { unlink(path) }
  try pinyinFilter.writeCompiledRules(to: path)
  let loaded = try Filter(compiledRulesAt: path)
  #expect(loaded.matches(in: "duboma").map(\.text) == ["dubo"])
  #expect(loaded.matches(in: "dubois").isEmpty)
}

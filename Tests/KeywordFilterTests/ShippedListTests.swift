// kwfilter — tests: the shipped lists in wordlists/ — format, order, self-match, and the spam rules.

import Testing

@testable import KeywordFilter

/// The repository's wordlists/ folder.
let shippedListsDirectory: String = {
  var path = #filePath
  for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
  return path + "/wordlists"
}()

func shippedList(_ file: String) throws -> Wordlist {
  try Wordlist(contentsOfFile: shippedListsDirectory + "/" + file)
}

@Test func shippedListsLoadAndCoverTheNineCategories() throws {
  let all = try DefaultWordlists.load(from: shippedListsDirectory)
  let categories = Set(all.entries.map(\.category))
  for c in Category.prohibitedContent { #expect(categories.contains(c), "\(c)") }
  #expect(categories.contains(Category(rawValue: "spam")))
  for c in Category.prohibitedContent {
    #expect(all.entries.filter { $0.category == c && $0.kind == .term }.count >= 100, "\(c)")
  }
  _ = try Filter(wordlist: all)
}

@Test(arguments: [
  "01-constitution.txt", "02-national-security.txt", "03-national-honor.txt",
  "04-ethnic-hatred.txt", "05-religion-cult.txt", "06-rumor.txt", "07-obscenity-violence.txt",
  "08-insult-defamation.txt", "09-other-illegal.txt",
])
func shippedListIsSortedUniqueAndSelfMatching(file: String) throws {
  let list = try shippedList(file)
  let terms = list.entries.filter { $0.kind == .term }.map(\.text)
  let allows = list.entries.filter { $0.kind == .allow }.map(\.text)
  func codePoints(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
  #expect(terms.map(codePoints).elementsEqual(terms.map(codePoints).sorted { $0.lexicographicallyPrecedes($1) }), "terms sorted")
  #expect(allows.map(codePoints).elementsEqual(allows.map(codePoints).sorted { $0.lexicographicallyPrecedes($1) }), "allow-list sorted")
  #expect(Set(terms).count == terms.count, "no duplicate terms")
  #expect(Set(allows).count == allows.count, "no duplicate allow phrases")
  // Every term, written as it is, is found by a filter of its own file (allow-lists aside).
  let termsOnly = Wordlist(entries: list.entries.filter { $0.kind == .term })
  let filter = try Filter(wordlist: termsOnly, configuration: .init(semantics: .all))
  for (index, term) in terms.enumerated() {
    let hits = filter.matches(in: term)
    #expect(hits.contains { $0.entryIndex == index && $0.range == 0..<term.utf8.count }, "\(file): \(term)")
  }
  #expect(list.entries.allSatisfy { Tier.allCases.contains($0.tier) })
  #expect(list.entries.contains { $0.tier == .review })
}

/// The spam rules, each with text it must catch and text it must leave alone.
@Test(arguments: [
  ("手机 13812345678 联系", "13812345678"), ("电话：138 1234 5678", "138 1234 5678"),
  ("１３８１２３４５６７８", "１３８１２３４５６７８"), ("一三八一二三四五六七八", "一三八一二三四五六七八"),
  ("qq:123456789", "qq:123456789"), ("扣扣 987654321", "扣扣 987654321"), ("企鹅 55566677", "企鹅 55566677"),
  ("微信号: abc_12345", "微信号: abc_12345"), ("vx：wxid_aaa111", "vx：wxid_aaa111"), ("加V信了解", "加V信"),
  ("https://x.cn/a?b=1", "https://x.cn/a?b=1"), ("见 www.spam.top 网站", "www.spam.top"),
  ("gogo123.vip", "gogo123.vip"), ("访问 abc点com", "abc点com"), ("kefu@qq.com", "kefu@qq.com"),
  ("kefu艾特qq.com", "kefu艾特qq.com"),
])
func spamRuleCatches(text: String, expected: String) throws {
  let filter = try Filter(wordlist: shippedList("10-spam.txt"))
  #expect(filter.matches(in: text).map(\.text).contains(expected), "\(text)")
}

@Test(arguments: [
  "号码138123456789不是手机号", "订单号 2023112512345678", "我的分数是 98.5，第12345名", "qq音乐很好听",
  "微信支付很方便", "他加了一个群", "一二三四五六七八九十", "版本 1.3.5", "价格 1380 元",
])
func spamRuleLeavesAlone(text: String) throws {
  let filter = try Filter(wordlist: shippedList("10-spam.txt"))
  #expect(filter.matches(in: text).isEmpty, "\(text): \(filter.matches(in: text).map(\.text))")
}

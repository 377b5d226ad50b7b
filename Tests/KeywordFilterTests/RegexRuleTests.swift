// kwfilter — tests: `re:` rules combined with literals, allow-lists, chunking and limits.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

func regexFilter(_ list: String, semantics: MatchSemantics = .leftmostLongest) throws -> Filter {
  try Filter(wordlist: Wordlist(parsing: list, name: "r.txt"), configuration: .init(semantics: semantics))
}

@Test func regexAndLiteralsShareSemantics() throws {
  let filter = try regexFilter("# category: spam\nre:1[3-9]\\d{9}\n138\n赌博\nre:赌博网站?\n")
  let m = filter.matches(in: "联系13812345678或赌博网站")
  #expect(m.map(\.text) == ["13812345678", "赌博网站"])
  #expect(m.map(\.term) == ["1[3-9]\\d{9}", "赌博网站?"])
  #expect(m[0].range == 6..<17)
  // "138" alone is not reported: the digit boundary rule (a digit follows it).
  #expect(try regexFilter("138\n").matches(in: "13812345678").isEmpty)
  let all = try regexFilter("re:赌博\\w+\n赌博\n", semantics: .all).matches(in: "赌博网站")
  #expect(all.map(\.text) == ["赌博网站", "赌博"])
}

@Test func regexIsCaselessUnlessThePatternSaysOtherwise() throws {
  #expect(try regexFilter("re:wechat").matches(in: "WeChat").count == 1)
  #expect(try regexFilter("re:(?-i)wechat").matches(in: "WeChat").isEmpty)
}

@Test func allowListCoversRegexMatches() throws {
  let filter = try regexFilter("re:\\d{11}\n!客服电话4008123456789\n")
  #expect(filter.matches(in: "客服电话4008123456789").isEmpty)
  #expect(filter.matches(in: "电话40081234567").count == 1)
}

@Test func regexMatchesStayWithinALine() throws {
  let filter = try regexFilter("re:加\\s*微\\s*信\n")
  #expect(filter.matches(in: "加 微 信").count == 1)
  #expect(filter.matches(in: "加\n微信").isEmpty)
}

@Test(arguments: ["加V信 13812345678 abc\n赌博\n加 v 信", "x\n\n13812345678\n\n", "13812345678"])
func regexStreamingAgreesAtEverySplit(text: String) throws {
  let filter = try regexFilter("re:加\\s*[vV]\\s*信\nre:1[3-9]\\d{9}\n赌博\n")
  let bytes = Array(text.utf8)
  let whole = pairs(filter.matches(in: bytes))
  #expect(!whole.isEmpty)
  for split in 0...bytes.count {
    #expect(pairs(streamed(filter, [Array(bytes[..<split]), Array(bytes[split...])])) == whole)
  }
  #expect(pairs(streamed(filter, Chunking.fixed(bytes, size: 1))) == whole)
}

@Test func invalidRegexNamesFileLineAndOffset() throws {
  do {
    _ = try regexFilter("ok\nre:a(b\n")
    Issue.record("expected an error")
  } catch let error as FilterError {
    #expect(error.description.hasPrefix("r.txt:2: invalid regular expression 'a(b'"))
    #expect(error.description.contains("at offset 3"))
  }
}

@Test func catastrophicRegexIsReportedAndScanningContinues() throws {
  let filter = try regexFilter("re:(a+)+$\n赌博\n")
  let text = String(repeating: "a", count: 5000) + "b 赌博\n赌博"
  var scanner = filter.makeScanner()
  var found: [Match] = []
  Array(text.utf8).withUnsafeBytes { scanner.scan($0) { found.append($0) } }
  scanner.finish { found.append($0) }
  #expect(found.map(\.text) == ["赌博", "赌博"])
  let diagnostics = scanner.takeDiagnostics()
  #expect(diagnostics.count == 1)
  #expect(diagnostics.first?.hasPrefix("r.txt:1: regex gave up") == true)
}

@Test func veryLongLinesAreMatchedInWindows() throws {
  let filter = try regexFilter("re:1[3-9]\\d{9}\n")
  let text = String(repeating: "x", count: 200_000) + "13812345678" + String(repeating: "y", count: 1000)
  #expect(filter.matches(in: text).map(\.range) == [200_000..<200_011])
}

@Test func regexEntriesParse() throws {
  let list = try Wordlist(parsing: "re:a+\n!re:b+\n\\re:literal\nre:x\treview\n", name: "p.txt")
  #expect(list.entries.map(\.isRegex) == [true, true, false, true])
  #expect(list.entries.map(\.text) == ["a+", "b+", "re:literal", "x"])
  #expect(list.entries[1].kind == .allow)
  #expect(list.entries[3].tier == .review)
}

// kwfilter — tests: GB18030/GBK input scanned natively, and encoding detection.

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

func gb(_ text: String) -> [UInt8] { GB18030Table.shared.encode(text) }

@Test func tableComesFromIconvAndRoundTrips() {
  let table = GB18030Table.shared
  #expect(gb("赌博") == [0xB6, 0xC4, 0xB2, 0xA9])
  #expect(gb("€") == [0xA2, 0xE3])
  #expect(gb("😀").count == 4)  // supplementary plane: four bytes, computed
  #expect(gb("\u{80}").count == 4)  // BMP four-byte range: from iconv
  let text = "网上赌博😀\u{80}ß"
  let bytes = gb(text)
  var decoded = String.UnicodeScalarView()
  bytes.withUnsafeBufferPointer { p in
    var i = 0
    while i < p.count {
      let (cp, n) = table.decode(p.baseAddress!, i, p.count, final: true)
      decoded.append(Unicode.Scalar(cp)!)
      i += n
    }
  }
  #expect(String(decoded) == text)
}

// The trap byte-level GBK filters fall into: 岸牟─ is b0b6 c4b2 a9a4, and its middle bytes
// b6c4 b2a9 are the GBK bytes of 赌博. Matches must sit on character boundaries.
@Test func misalignedBytesNeverMatch() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博"]))
  #expect(gb("岸牟─") == [0xB0, 0xB6, 0xC4, 0xB2, 0xA9, 0xA4])
  #expect(filter.matches(in: gb("岸牟─"), encoding: .gb18030).isEmpty)
  #expect(filter.matches(in: gb("岸赌博"), encoding: .gb18030).map(\.range) == [2..<6])
}

@Test(arguments: 0..<60)
func gb18030AgreesWithUTF8(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(5000 + seed))
  let list = randomWordlist(&rng)
  let filter = try Filter(wordlist: list)
  // Valid text only (invalid UTF-8 has no GB18030 twin), with a four-byte character mixed in.
  var text = ""
  let pieces = ["赌", "博", "賭", "網", "网", "站", "六", "合", "彩", "票", "a", "b", "s", "A", "Ａ", "ß", "é",
    "-", " ", "\u{200B}", "，", "😀", "\u{80}", "x", "1", "\n"]
  for _ in 0..<100 { text += pieces.randomElement(using: &rng)! }
  let utf8 = filter.matches(in: text)
  let bytes = gb(text)
  let native = filter.matches(in: bytes, encoding: .gb18030)
  #expect(native.map(\.text) == utf8.map(\.text), "seed \(seed)")
  #expect(native.map(\.entryIndex) == utf8.map(\.entryIndex), "seed \(seed)")
  for m in native { #expect(Array(bytes[m.range]) == gb(m.text), "seed \(seed)") }
  // Streaming in GB18030, split anywhere, agrees with one piece.
  for chunks in [Chunking.fixed(bytes, size: 1), Chunking.fixed(bytes, size: 3), Chunking.random(bytes, using: &rng)] {
    var scanner = filter.makeScanner(encoding: .gb18030)
    var found: [Match] = []
    for c in chunks { c.withUnsafeBytes { scanner.scan($0) { found.append($0) } } }
    scanner.finish { found.append($0) }
    #expect(pairs(found) == pairs(native), "seed \(seed)")
  }
}

@Test func invalidGBBytesPassThroughMasking() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博"]))
  let bytes: [UInt8] = gb("赌博") + [0x80, 0xFF, 0x81] + gb("x赌博") + [0xB6]
  var masker = StreamMasker(filter: filter, mask: "■", encoding: .gb18030)
  var out: [UInt8] = []
  for c in Chunking.fixed(bytes, size: 1) {
    c.withUnsafeBytes { masker.process($0) { out.append(contentsOf: $0) } }
  }
  masker.finish { out.append(contentsOf: $0) }
  #expect(out == gb("■■") + [0x80, 0xFF, 0x81] + gb("x■■") + [0xB6])
}

@Test func regexRulesOnGB18030() throws {
  let filter = try Filter(wordlist: Wordlist(parsing: "re:加\\s*微信\\s*\\d+\n", name: "r.txt"))
  let bytes = gb("请加 微信 12345 谢谢")
  let m = filter.matches(in: bytes, encoding: .gb18030)
  #expect(m.map(\.text) == ["加 微信 12345"])
  #expect(m.first.map { Array(bytes[$0.range]) } == gb("加 微信 12345"))
}

@Test func detection() {
  func detect(_ bytes: [UInt8]) -> InputEncoding { bytes.withUnsafeBytes { InputEncoding.detect(prefix: $0) } }
  let chinese = String(repeating: "这是一段普通的中文文本，用来测试编码检测。", count: 20)
  #expect(detect(Array(chinese.utf8)) == .utf8)
  #expect(detect(gb(chinese)) == .gb18030)
  #expect(detect([0xEF, 0xBB, 0xBF] + Array(chinese.utf8)) == .utf8)
  #expect(detect(Array(chinese.utf8) + [0xFF]) == .utf8)  // a stray byte: still UTF-8
  var rng = SeededRandom(seed: 1)
  let random = (0..<65536).map { _ in UInt8.random(in: 0...255, using: &rng) }
  #expect(detect(random) == .utf8)  // binary noise is never GB18030
  #expect(detect([]) == .utf8)
  #expect(InputEncoding(name: "GBK") == .gb18030)
  #expect(InputEncoding(name: "gb2312") == .gb18030)
}

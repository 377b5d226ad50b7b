// kwfilter — tests: leftmost-longest, --all, allow-lists.

import CScanKernel
import Testing

@testable import KeywordFilter

@Test func leftmostLongest() throws {
  #expect(try found(["六合彩", "彩票"], in: "买六合彩票") == ["六合彩"])
  #expect(try found(["赌博", "赌博网站"], in: "赌博网站") == ["赌博网站"])
  #expect(try found(["博网", "赌博"], in: "赌博网") == ["赌博"])
}

@Test func allReportsOverlaps() throws {
  let filter = try Filter(
    wordlist: Wordlist(terms: ["六合彩", "彩票", "合彩"]), configuration: .init(semantics: .all))
  #expect(filter.matches(in: "买六合彩票").map(\.text) == ["六合彩", "合彩", "彩票"])
}

@Test func allowListSuppressesOnlyInsideThePhrase() throws {
  let list = try Wordlist(parsing: "# category: gambling\n赌博\n!打击赌博\n", name: "g.txt")
  let filter = try Filter(wordlist: list)
  let m = filter.matches(in: "打击赌博，赌博")
  #expect(m.map(\.text) == ["赌博"])
  #expect(m.first?.range.lowerBound == "打击赌博，".utf8.count)
  // The allow phrase is normalized like everything else.
  #expect(filter.matches(in: "打擊 賭博").isEmpty)
}

@Test func allowPhraseEndingLaterStillSuppresses() throws {
  let list = try Wordlist(parsing: "赌博\n!赌博游戏机构\n", name: "g.txt")
  let filter = try Filter(wordlist: list)
  #expect(filter.matches(in: "赌博游戏机构").isEmpty)
  #expect(filter.matches(in: "赌博游戏").count == 1)
}

@Test func masking() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博", "ass"]))
  #expect(filter.masking("网上賭-博和ass") == "网上***和***")
  #expect(filter.masking("class", with: "■") == "class")
  #expect(filter.masking("赌博", with: "■") == "■■")
}

/// The UTF-8 kernel counts noise runs in the lane word's high half and stops at the limit: runs
/// of every length, at the root and inside a match, through the interleaved lanes and the tail.
@Test(arguments: [0, 1, 2, 3, 4, 5, 9])
func noiseRunsInTheKernel(run: Int) throws {
  var configuration = Filter.Configuration(normalization: Normalization(maxNoise: 3))
  configuration.laneThreshold = 64
  let filter = try Filter(wordlist: Wordlist(terms: ["法轮功"]), configuration: configuration)
  let noise = String(repeating: "，", count: run)
  // Padding (noise at the root, ASCII and CJK) so that the lanes take most of the text.
  let padding = String(repeating: "    ....  文字abc，，，，，，", count: 20)
  let text = padding + "法" + noise + "轮功" + padding + "法轮" + noise + "功" + padding
  let found = filter.matches(in: text).map(\.text)
  let expected = run <= 3 ? ["法" + noise + "轮功", "法轮" + noise + "功"] : []
  #expect(found == expected, "run \(run)")
}

/// The kernel finds a three-byte character's class under `kw_class_index` of its payload bits (one
/// multiply instead of shifts and masks): the index must be one-to-one on all 2^16 payloads, and
/// the lookup block must hold each character's class there (and each first byte's at its offset:
/// ASCII its class, any other byte `multiple`).
@Test func kernelClassIndex() throws {
  var seen = [Bool](repeating: false, count: 0x10000)
  var collisions = 0
  for cp in 0..<0x10000 {
    let payload = UInt32(cp >> 12) | UInt32((cp >> 6) & 0x3F) << 8 | UInt32(cp & 0x3F) << 16
    let index = Int(kw_class_index(payload))
    if seen[index] { collisions += 1 }
    seen[index] = true
  }
  #expect(collisions == 0)
  #expect(kw_class_index(0) == 0)  // index 0: `multiple`, for everything the kernel does not take
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博", "ＡＢＣ", "ß", "fuck"]))
  let classes = Alphabet.utf8Classes(bmp: filter.alphabet.bmp, multiple: filter.alphabet.multiple)
  let lookup = filter.kernelLookup
  var wrong = 0
  for cp in 0..<0x10000 {
    let payload = UInt32(cp >> 12) | UInt32((cp >> 6) & 0x3F) << 8 | UInt32(cp & 0x3F) << 16
    if lookup[Int(kw_class_index(payload))] != classes[cp] { wrong += 1 }
  }
  for b in 0..<0x100 {
    let expected = b < 0x80 ? classes[Int(KW_ASCII_OFFSET) + b] : filter.alphabet.multiple
    if lookup[Int(KW_ASCII_OFFSET) + b] != expected { wrong += 1 }
  }
  #expect(wrong == 0)
}

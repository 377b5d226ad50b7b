// kwfilter — tests: each normalization rule, one by one.

import Testing

@testable import KeywordFilter

func found(_ terms: [String], in text: String, _ normalization: Normalization = .standard) throws -> [String] {
  let filter = try Filter(wordlist: Wordlist(terms: terms), configuration: .init(normalization: normalization))
  return filter.matches(in: text).map(\.text)
}

@Test(arguments: [
  ("abc", "ＡＢＣ"), ("abc", "ａｂｃ"), ("abc", "ABC"), ("ABC", "abc"),  // NFKC + case
  ("赌博", "賭博"), ("法轮功", "法輪功"), ("法輪功", "法轮功"),  // traditional → simplified, both ways
  ("fuck", "𝐟𝐮𝐜𝐤"), ("fuck", "ⓕⓤⓒⓚ"), ("fuck", "fück"), ("strasse", "straße"),  // compatibility, accents, ß
  ("法轮功", "法-轮*功"), ("法轮功", "法\u{200B}轮\u{200B}功"), ("法轮功", "法 轮 功"), ("法轮功", "法😀轮功"),  // noise
  ("法轮功", "法\u{FE0F}轮功"), ("赌博", "赌，，，博"),
])
func normalizationMatches(term: String, text: String) throws {
  #expect(try found([term], in: text) == [text], "\(term) should match \(text)")
}

@Test func noiseLimitIsThreeByDefault() throws {
  #expect(try found(["赌博"], in: "赌---博") == ["赌---博"])
  #expect(try found(["赌博"], in: "赌----博").isEmpty)
  #expect(try found(["赌博"], in: "赌----博", Normalization(maxNoise: 4)) == ["赌----博"])
  #expect(try found(["赌博"], in: "赌-博", Normalization(maxNoise: 0)).isEmpty)
}

@Test func noiseNeverBeginsOrEndsAMatch() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博"]))
  let m = filter.matches(in: "--赌-博--")
  #expect(m.map(\.range) == [2..<9])
}

@Test func latinWordBoundaries() throws {
  #expect(try found(["ass"], in: "classassignment").isEmpty)
  #expect(try found(["ass"], in: "an ass.") == ["ass"])
  #expect(try found(["ass"], in: "你ass吗") == ["ass"])
  #expect(try found(["ass"], in: "asses").isEmpty)
  #expect(try found(["ass"], in: "ass1").isEmpty)
  #expect(try found(["赌博"], in: "a赌博b") == ["赌博"])  // CJK terms have no boundary rule
  #expect(try found(["ass"], in: "classassignment", .exact) == ["ass", "ass"])
}

@Test func exactTurnsEverythingOff() throws {
  #expect(try found(["赌博"], in: "賭博", .exact).isEmpty)
  #expect(try found(["赌博"], in: "赌-博", .exact).isEmpty)
  #expect(try found(["abc"], in: "ABC", .exact).isEmpty)
  #expect(try found(["a-b"], in: "a-b", .exact) == ["a-b"])
}

@Test func rangesAreOriginalBytes() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博"]))
  let text = "xx賭 博yy"
  let m = try #require(filter.matches(in: text).first)
  #expect(m.range == 2..<9)
  #expect(m.text == "賭 博")
  #expect(m.term == "赌博")
}

@Test func invalidBytesNeverMatchAndSplitTerms() throws {
  let filter = try Filter(wordlist: Wordlist(terms: ["赌博"]))
  let bytes: [UInt8] = Array("赌".utf8) + [0xFF] + Array("博".utf8)
  #expect(filter.matches(in: bytes).isEmpty)
}

@Test func termOfOnlyNoiseIsAnError() {
  #expect(throws: FilterError.self) { try Filter(wordlist: Wordlist(terms: ["--"])) }
}

@Test func foldDataSpotChecks() {
  let t = FoldTable.standard
  #expect(t.fold(0x8CED) == .single(0x8D4C))  // 賭 → 赌
  #expect(t.fold(0x200B) == .noise)
  #expect(t.fold(0xFE0F) == .noise)
  #expect(t.fold(0x1F600) == .noise)
  #expect(t.fold(0xFF0C) == .noise)  // ，
  #expect(t.fold(0xDF) == .multiple([0x73, 0x73]))
  #expect(t.fold(0x6CD5) == .single(0x6CD5))  // 法
  #expect(t.fold(0xFF21) == .single(0x61))  // Ａ
}

@Test func lineBreaksAreNotNoise() throws {
  #expect(try found(["赌博"], in: "赌\n博").isEmpty)
  #expect(try found(["赌博"], in: "赌\r\n博").isEmpty)
  #expect(try found(["赌博"], in: "赌\u{2028}博").isEmpty)
  #expect(try found(["赌博"], in: "赌\t博") == ["赌\t博"])
}

/// The alphabet's BMP class table is built straight from the encoded fold table; it must give
/// every code point the symbol `Alphabet.fold` gives it, under every normalization switch.
@Test(arguments: [
  (true, true, false), (true, false, false), (false, true, false), (false, false, false),
  (true, true, true),
])
func classTableAgreesWithFold(foldCharacters: Bool, skipNoise: Bool, lookalikes: Bool) throws {
  var normalization = Normalization.standard
  normalization.foldCharacters = foldCharacters
  normalization.skipNoise = skipNoise
  let folds = lookalikes ? FoldTable.withLookalikes : FoldTable.standard
  let terms = ["赌博", "法轮功", "abc", "straße", "ｆｕｃｋ", "𝐟x", "一夜情", "賭"].map {
    Alphabet.foldTerm($0, normalization: normalization, folds: folds)
  }
  let alphabet = try Alphabet(foldedTerms: terms, normalization: normalization, lookalikes: lookalikes)
  var mismatches: [UInt32] = []
  for cp in UInt32(0)..<0x10000 where !(0xD800..<0xE000).contains(cp) {
    let expected: UInt16
    switch Alphabet.fold(cp, normalization: normalization, folds: folds) {
    case .noise: expected = alphabet.noise
    case .single(let f): expected = alphabet.symbol(ofFolded: f)
    case .multiple: expected = alphabet.multiple
    }
    if alphabet.bmp[Int(cp)] != expected { mismatches.append(cp) }
  }
  #expect(mismatches.isEmpty, "first mismatches: \(mismatches.prefix(5))")
  // Terms' characters got symbols, so the comparison above is not vacuous.
  #expect(alphabet.size > 8)
}

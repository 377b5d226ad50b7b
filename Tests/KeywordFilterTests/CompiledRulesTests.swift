// kwfilter — tests: compiled rule files — round trip, corruption, truncation, version.

import Foundation
import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

func temporaryPath(_ name: String) -> String {
  NSTemporaryDirectory() + "kwfilter-\(getpid())-\(UUID().uuidString)-\(name)"
}

@Test(arguments: 0..<20)
func compiledRulesRoundTrip(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(9000 + seed))
  var list = randomWordlist(&rng)
  list.entries.append(WordlistEntry(text: "1[3-9]\\d{3}", category: Category(rawValue: "spam"), tier: .review, isRegex: true, source: "r:1"))
  let configuration = Filter.Configuration(
    normalization: seed % 5 == 4 ? .exact : Normalization(maxNoise: seed % 4),
    semantics: seed % 3 == 2 ? .all : .leftmostLongest,
    variants: seed % 2 == 0 ? [.digitStyles] : [.digitStyles, .pinyinFull, .splitCharacters])
  let built = try Filter(wordlist: list, configuration: configuration)
  let path = temporaryPath("rules.kwf")
  defer { unlink(path) }
  try built.writeCompiledRules(to: path)
  let loaded = try Filter(compiledRulesAt: path)
  #expect(loaded.entries == built.entries)
  #expect(loaded.configuration == built.configuration)
  for _ in 0..<5 {
    let text = randomText(&rng, pieces: 150) + Array("赌博13812345".utf8)
    #expect(pairs(loaded.matches(in: text)) == pairs(built.matches(in: text)), "seed \(seed)")
    #expect(loaded.matches(in: text).map(\.tier) == built.matches(in: text).map(\.tier))
  }
}

@Test func compiledRulesRejectDamage() throws {
  let built = try Filter(wordlist: Wordlist(terms: ["赌博", "法轮功", "fuck"]))
  let path = temporaryPath("damage.kwf")
  defer { unlink(path) }
  try built.writeCompiledRules(to: path)
  let good = try Data(contentsOf: URL(fileURLWithPath: path))
  func load(_ bytes: Data) -> String? {
    try? bytes.write(to: URL(fileURLWithPath: path))
    do {
      _ = try Filter(compiledRulesAt: path)
      return nil
    } catch { return error.reason }
  }
  #expect(load(good) == nil)
  #expect(load(good.prefix(good.count - 1))?.contains("truncated") == true)
  #expect(load(good.prefix(20))?.contains("truncated") == true)
  var flipped = good
  flipped[good.count / 2] ^= 0x40
  #expect(load(flipped)?.contains("checksum") == true)
  var newer = good
  newer[8] = 2
  #expect(load(newer)?.contains("newer") == true)
  var magic = good
  magic[0] = UInt8(ascii: "X")
  #expect(load(magic)?.contains("not a compiled") == true)
  #expect(load(Data())?.contains("truncated") == true)
  #expect(throws: CompiledRulesError.self) { try Filter(compiledRulesAt: "/nonexistent/x.kwf") }
}

// kwfilter — tests: repeated characters (`VariantOptions.repeats`, the automaton's repeat loops).

import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

private func repeatsFilter(
  _ terms: [String], semantics: MatchSemantics = .leftmostLongest, maxNoise: Int = 3
) throws -> Filter {
  try Filter(
    wordlist: Wordlist(terms: terms),
    configuration: .init(
      normalization: Normalization(maxNoise: maxNoise), semantics: semantics,
      variants: [.digitStyles, .repeats]))
}

@Test(arguments: [
  ("fuck", "fuuuck", "fuuuck"), ("fuck", "xx fuuck yy", "fuuck"), ("fuck", "FUUUCK", "FUUUCK"),
  ("fuck", "f u u ck", "f u u ck"), ("fuck", "fuckkk", "fuck"), ("fuck", "ffuck", "fuck"),
  ("赌博网站", "赌博网网站", "赌博网网站"), ("赌博网站", "赌博博网站", "赌博博网站"),
  ("good", "goood", "goood"), ("good", "good", "good"),
])
func repeatedCharactersMatch(term: String, text: String, expected: String) throws {
  let filter = try repeatsFilter([term])
  #expect(filter.matches(in: text).map(\.text) == [expected])
}

@Test func repeatsAreOffByDefaultAndBounded() throws {
  let plain = try Filter(wordlist: Wordlist(terms: ["fuck"]))
  #expect(plain.matches(in: "fuuuck").isEmpty)
  let filter = try repeatsFilter(["fuck"])
  // Skipped characters in a row (noise and repeats together) are bounded by maxNoise (3).
  #expect(filter.matches(in: "fuuuuck").map(\.text) == ["fuuuuck"])
  #expect(filter.matches(in: "fuuuuuck").isEmpty)
  #expect(filter.matches(in: "fu-u-u-ck").isEmpty)
  // `god` is not `good`: only characters the term has are repeated.
  #expect(try repeatsFilter(["good"]).matches(in: "god").isEmpty)
}

@Test func repeatsDoNotLoseOtherTermsStartingWithTheRepeatedCharacter() throws {
  // `博` starts a term, so `赌博` + `博` must go on to `博网站` (no loop there).
  let filter = try repeatsFilter(["赌博网站", "博网站"], semantics: .all)
  #expect(filter.matches(in: "赌博博网站").map(\.text) == ["博网站"])
  #expect(filter.matches(in: "赌博网网站").map(\.text) == ["赌博网网站", "博网网站"])
}

@Test func aListHeaderTurnsRepeatsOn() throws {
  let list = try Wordlist(parsing: Array("# variants: repeats\nfuck\n".utf8), name: "r.txt")
  let filter = try Filter(wordlist: list)
  #expect(filter.matches(in: "fuuuck").map(\.text) == ["fuuuck"])
}

@Test func repeatsInGB18030() throws {
  let filter = try repeatsFilter(["赌博网站"])
  let text = gb("看赌博网网站了")
  let found = filter.matches(in: text, encoding: .gb18030)
  #expect(found.map(\.range) == [2..<12])
}

@Test func compiledRulesKeepRepeatLoops() throws {
  let filter = try repeatsFilter(["fuck", "赌博网站"])
  let path = "/tmp/kwfilter-repeats-\(UInt32.random(in: 0...UInt32.max)).kwf"
  try filter.writeCompiledRules(to: path)
  let loaded = try Filter(compiledRulesAt: path)
  let text = "fuuuck 赌博网网站"
  #expect(loaded.matches(in: text) == filter.matches(in: text))
  #expect(loaded.matches(in: text).count == 2)
}

/// A random text (``randomText(_:pieces:)``) in which one character in six is written 2–4 times.
private func textWithRepeats(_ rng: inout SeededRandom) -> [UInt8] {
  var text: [UInt8] = []
  for scalar in String(decoding: randomText(&rng, pieces: 120), as: UTF8.self).unicodeScalars {
    let copies = Int.random(in: 0..<6, using: &rng) == 0 ? Int.random(in: 2...4, using: &rng) : 1
    for _ in 0..<copies { text += Array(String(scalar).utf8) }
  }
  return text
}

/// Random lists and texts with characters repeated at random: streaming in any chunking equals
/// one buffer, masking keeps every other byte (the invariant checks), and every occurrence
/// found without repeat loops is still found with them (`.all` semantics).
@Test(arguments: 0..<80)
func repeatLoopsKeepInvariantsAndOnlyAdd(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(70_000 + seed))
  let list = randomWordlist(&rng)
  let text = textWithRepeats(&rng)
  let maxNoise = Int.random(in: 0...3, using: &rng)
  var configuration = Filter.Configuration(
    normalization: Normalization(maxNoise: maxNoise), semantics: .all,
    variants: [.digitStyles, .repeats])
  if seed % 2 == 1 { configuration.laneThreshold = 64 }  // the interleaved lanes too
  let with = try Filter(wordlist: list, configuration: configuration)
  configuration.variants = [.digitStyles]
  let without = try Filter(wordlist: list, configuration: configuration)
  var chunkings: [[[UInt8]]] = [Chunking.random(text, using: &rng), Chunking.fixed(text, size: 3)]
  chunkings.append(Chunking.fixed(text, size: 7))
  let found = ScanInvariants.check(with, text, chunkings: chunkings, label: "seed \(seed)")
  let foundSet = Set(found.map { "\($0.range) \($0.entryIndex)" })
  let plain = without.matches(in: text).map { "\($0.range) \($0.entryIndex)" }
  #expect(plain.allSatisfy(foundSet.contains), "seed \(seed): \(plain.filter { !foundSet.contains($0) })")
  // Leftmost-longest on the same input keeps the invariants as well.
  configuration.variants = [.digitStyles, .repeats]
  configuration.semantics = .leftmostLongest
  let longest = try Filter(wordlist: list, configuration: configuration)
  ScanInvariants.check(longest, text, chunkings: chunkings, label: "seed \(seed) longest")
}

/// The random test above means something only if its texts make the loops find more.
@Test func randomRepeatsFindMore() throws {
  var seedsWithMore = 0
  for seed in 0..<20 {
    var rng = SeededRandom(seed: UInt64(70_000 + seed))
    let list = randomWordlist(&rng)
    let text = textWithRepeats(&rng)
    let with = try Filter(
      wordlist: list, configuration: .init(semantics: .all, variants: [.digitStyles, .repeats]))
    let without = try Filter(wordlist: list, configuration: .init(semantics: .all))
    if with.matches(in: text).count > without.matches(in: text).count { seedsWithMore += 1 }
  }
  #expect(seedsWithMore >= 2)
}

// kwfilter — tests: the automaton against a naive search on seeded random patterns.

@testable import AhoCorasick
import KeywordFilterTestSupport
import Testing

/// Every occurrence by brute force: for each end position, each pattern that ends there.
func naiveOccurrences(_ patterns: [[UInt32]], in text: [UInt32]) -> Set<Occurrence> {
  var result = Set<Occurrence>()
  for (p, pattern) in patterns.enumerated() where pattern.count <= text.count {
    for start in 0...(text.count - pattern.count)
    where Array(text[start..<start + pattern.count]) == pattern {
      result.insert(Occurrence(pattern: PatternID(rawValue: UInt32(p)), start: start,
        end: start + pattern.count))
    }
  }
  return result
}

@Test(arguments: 0..<60)
func automatonAgreesWithNaiveSearch(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(seed))
  let alphabet = Int.random(in: 2...(seed % 3 == 0 ? 40 : 5), using: &rng)
  let patterns = (0..<Int.random(in: 1...40, using: &rng)).map { _ in
    (0..<Int.random(in: 1...6, using: &rng)).map { _ in UInt32.random(in: 1..<UInt32(alphabet), using: &rng) }
  }
  let text = (0..<300).map { _ in UInt32.random(in: 0..<UInt32(alphabet), using: &rng) }
  let automaton = try Automaton(patterns: patterns, alphabetSize: alphabet)
  let found = automaton.occurrences(in: text)
  #expect(Set(found) == naiveOccurrences(patterns, in: text), "seed \(seed)")
  #expect(found.count == Set(found).count, "no duplicates, seed \(seed)")
}

@Test func buildErrorsNameThePattern() {
  #expect(throws: BuildError.self) { try Automaton(patterns: [[1], []], alphabetSize: 3) }
  do {
    _ = try Automaton(patterns: [[1], [5]], alphabetSize: 3)
    Issue.record("expected an error")
  } catch {
    #expect(error.patternIndex == 1)
    #expect(error.kind == .symbolOutOfRange(5))
  }
}

@Test func identicalPatternsAllReported() throws {
  let automaton = try Automaton(patterns: [[1, 2], [1, 2], [2]], alphabetSize: 3)
  let found = automaton.occurrences(in: [1, 2])
  #expect(Set(found.map(\.pattern.rawValue)) == [0, 1, 2])
}

@Test func largeFanOutBuildsAndSearches() throws {
  // 3,000 distinct first symbols and 20,000 two-symbol patterns: stresses placement.
  var rng = SeededRandom(seed: 99)
  let patterns = (0..<20_000).map { _ in
    [UInt32.random(in: 1..<3000, using: &rng), UInt32.random(in: 1..<3000, using: &rng)]
  }
  let automaton = try Automaton(patterns: patterns, alphabetSize: 3000)
  let text = (0..<5000).map { _ in UInt32.random(in: 0..<3000, using: &rng) }
  #expect(Set(automaton.occurrences(in: text)) == naiveOccurrences(patterns, in: text))
}

@Test(arguments: [0, 1, 32])
func dfaStepsAgreeWithFailureLinks(inheritLimit: Int) throws {
  for seed in 0..<30 {
    var rng = SeededRandom(seed: UInt64(seed) &* 7919)
    let alphabet = Int.random(in: 2...12, using: &rng)
    let patterns = (0..<Int.random(in: 1...60, using: &rng)).map { _ in
      (0..<Int.random(in: 1...5, using: &rng)).map { _ in UInt32.random(in: 1..<UInt32(alphabet), using: &rng) }
    }
    let automaton = try Automaton(patterns: patterns, alphabetSize: alphabet, inheritLimit: inheritLimit)
    var state = Automaton.root
    var word = automaton.dfa.rootWord
    for _ in 0..<400 {
      // Symbols up to alphabet + 1: the two marker symbols must lead to the root.
      let symbol = Int.random(in: 0..<(alphabet + 2), using: &rng)
      word = automaton.dfaNext(word, symbol)
      state = symbol < alphabet ? automaton.next(state, UInt32(symbol)) : Automaton.root
      #expect(automaton.dfa.state(of: word) == state & 0x7FFF_FFFF, "seed \(seed)")
      #expect(DefaultTransitionDFA.hasOutput(word) == (state & 0x8000_0000 != 0), "seed \(seed)")
    }
  }
}

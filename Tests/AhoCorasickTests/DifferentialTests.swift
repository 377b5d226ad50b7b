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

// Patterns given end to end build the same automaton as patterns given one array each.
@Test(arguments: 0..<20)
func flatPatternsBuildTheSameAutomaton(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(seed) &+ 4242)
  let alphabet = Int.random(in: 2...300, using: &rng)
  let patterns = (0..<Int.random(in: 1...500, using: &rng)).map { _ in
    (0..<Int.random(in: 1...8, using: &rng)).map { _ in
      UInt32.random(in: 1..<UInt32(alphabet), using: &rng)
    }
  }
  let nested = try Automaton(patterns: patterns, alphabetSize: alphabet)
  var ends: [Int] = []
  var total = 0
  for p in patterns {
    total += p.count
    ends.append(total)
  }
  let flat = try Automaton(
    symbols: patterns.flatMap { $0 }, patternEnds: ends, alphabetSize: alphabet)
  #expect(Array(flat.base) == Array(nested.base), "seed \(seed)")
  #expect(Array(flat.check) == Array(nested.check), "seed \(seed)")
  #expect(Array(flat.nextSameOutput) == Array(nested.nextSameOutput), "seed \(seed)")
  #expect(Array(flat.dfa.table) == Array(nested.dfa.table), "seed \(seed)")
  #expect(Array(flat.patternLengths) == patterns.map { Int32($0.count) }, "seed \(seed)")
  let text = (0..<300).map { _ in UInt32.random(in: 0..<UInt32(alphabet), using: &rng) }
  #expect(Set(flat.occurrences(in: text)) == naiveOccurrences(patterns, in: text), "seed \(seed)")
}

@Test func flatPatternErrorsNameThePattern() {
  do {
    _ = try Automaton(symbols: [1, 2], patternEnds: [1, 1, 2], alphabetSize: 3)
    Issue.record("expected an error")
  } catch {
    #expect(error.patternIndex == 1)
    #expect(error.kind == .emptyPattern)
  }
  do {
    _ = try Automaton(symbols: [1, 5], patternEnds: [1, 2], alphabetSize: 3)
    Issue.record("expected an error")
  } catch {
    #expect(error.patternIndex == 1)
    #expect(error.kind == .symbolOutOfRange(5))
  }
}

/// First-fit placement as the obvious scan, with the allocator's retirement rule: the oracle
/// for ``SlotAllocator`` (whose bitmaps and summaries must give the same bases).
private struct NaiveSlotAllocator {
  var used: [Bool] = []
  var retired: [Bool] = []
  var failures: [Int] = []
  var baseUsed: [Bool] = []
  var nextFreeBase = 0
  let uniqueBases: Bool

  init(reserved: Int, uniqueBases: Bool) {
    self.uniqueBases = uniqueBases
    for slot in 0..<reserved { mark(slot) }
  }

  mutating func ensure(_ slot: Int) {
    while used.count <= slot {
      used.append(false)
      retired.append(false)
      failures.append(0)
      baseUsed.append(false)
    }
  }

  mutating func mark(_ slot: Int) {
    ensure(slot)
    used[slot] = true
  }

  mutating func candidate(from slot: Int) -> Int {
    var s = slot
    while true {
      ensure(s)
      if !used[s] && !retired[s] { return s }
      s += 1
    }
  }

  mutating func place(_ symbols: [UInt32]) -> Int {
    let first = Int(symbols[0])
    var slot = candidate(from: first)
    while true {
      let b = slot - first
      ensure(b + Int(symbols.last!))
      let fits =
        (!uniqueBases || !baseUsed[b]) && symbols.dropFirst().allSatisfy { !used[b + Int($0)] }
      if fits { break }
      failures[slot] += 1
      if failures[slot] >= 4 { retired[slot] = true }
      slot = candidate(from: slot + 1)
    }
    let b = slot - first
    for s in symbols { mark(b + Int(s)) }
    if uniqueBases { baseUsed[b] = true }
    return b
  }

  mutating func freshBase() -> Int {
    while true {
      ensure(nextFreeBase)
      if !baseUsed[nextFreeBase] { break }
      nextFreeBase += 1
    }
    baseUsed[nextFreeBase] = true
    return nextFreeBase
  }
}

@Test(arguments: [false, true])
func slotAllocatorAgreesWithFirstFit(uniqueBases: Bool) {
  for seed in 0..<6 {
    var rng = SeededRandom(seed: UInt64(seed) &* 31 &+ (uniqueBases ? 1 : 0))
    let alphabet = [8, 70, 600, 5000, 300, 40][seed]
    // A small capacity, so the bitmaps grow many times on the way.
    let allocator = SlotAllocator(reserved: 1, capacity: 16, uniqueBases: uniqueBases)
    var naive = NaiveSlotAllocator(reserved: 1, uniqueBases: uniqueBases)
    for step in 0..<3000 {
      if uniqueBases && step % 7 == 0 {
        #expect(allocator.freshBase() == naive.freshBase(), "seed \(seed) step \(step)")
        continue
      }
      // Mostly small sets of frequent (small) symbols, as in a trie; now and then a wide one.
      let n =
        step % 50 == 0 ? Int.random(in: 1...60, using: &rng) : Int.random(in: 1...4, using: &rng)
      let limit = UInt32(min(alphabet, step % 3 == 0 ? alphabet : 1 + alphabet / 8))
      let symbols = Set((0..<n).map { _ in UInt32.random(in: 1...limit, using: &rng) }).sorted()
      #expect(allocator.place(symbols) == naive.place(symbols), "seed \(seed) step \(step)")
    }
  }
}

// With repeat loops: every step agrees with the failure links except a loop's, which keeps the
// state — also where a fallback from an incomplete state passes a state that has a loop on the
// symbol (the loop is not taken there). Patterns start with the lower symbols only, so that the
// upper ones lead to the root and get loops.
@Test(arguments: [0, 1, 32])
func dfaStepsWithRepeatLoopsAgreeWithFailureLinks(inheritLimit: Int) throws {
  var loops = 0
  for seed in 0..<60 {
    var rng = SeededRandom(seed: UInt64(seed) &* 104_729)
    let alphabet = Int.random(in: 3...10, using: &rng)
    let firsts = UInt32(max(2, alphabet / 2))
    let patterns = (0..<Int.random(in: 1...60, using: &rng)).map { _ in
      [UInt32.random(in: 1..<firsts, using: &rng)]
        + (0..<Int.random(in: 1...5, using: &rng)).map { _ in
          UInt32.random(in: 1..<UInt32(alphabet), using: &rng)
        }
    }
    let automaton = try Automaton(
      patterns: patterns, alphabetSize: alphabet, inheritLimit: inheritLimit, repeatLoops: true)
    var state = Automaton.root
    var word = automaton.dfa.rootWord
    for _ in 0..<600 {
      let symbol = Int.random(in: 0..<alphabet, using: &rng)
      let next = automaton.dfaNext(word, symbol)
      if next & DefaultTransitionDFA.repeatBit != 0 {
        loops += 1
        #expect(automaton.dfa.state(of: next) == automaton.dfa.state(of: word), "seed \(seed)")
        continue
      }
      word = next
      state = automaton.next(state, UInt32(symbol))
      #expect(automaton.dfa.state(of: word) == state & 0x7FFF_FFFF, "seed \(seed)")
    }
  }
  #expect(loops > 0)
}

// kwfilter — AhoCorasick: the scan layout — a DFA whose missing transitions default to the root's.

/// The automaton as a deterministic machine with one dependent load per step.
///
/// A full Aho-Corasick DFA needs a transition for every (state, symbol) pair, far too many for a
/// Chinese alphabet. But almost all of them equal the root's transition on the same symbol. This
/// layout stores only the transitions that differ (trie edges, plus failure-derived edges into
/// states deeper than one symbol) in a double array with *unique* bases, and takes the root's
/// transition otherwise:
///
/// ```
/// slot  = base(S) + symbol
/// S'    = table[slot].owner == base(S) ? table[slot].next : rootNext[symbol]
/// ```
///
/// Inherited (failure-derived) transitions are stored only where they are few: a state whose
/// failure state has many children (a path ending in a character that begins hundreds of
/// terms) would copy them all. Such a state is marked *incomplete*; when its stored transitions
/// miss, the step falls back to the ``Automaton``'s failure links. Scans rarely visit those
/// states, so the step is almost always a compare and a conditional move.
///
/// A state is one 64-bit word: its base in the low 32 bits, its ``Automaton`` state number in bits
/// 32–61 (for reporting outputs and the fallback), bit 62 set when the state is incomplete, and
/// bit 63 set when the state has outputs.
public struct DefaultTransitionDFA: Sendable {
  /// Two words per slot: the owner's state number shifted left by 32 (`UInt64.max` when free),
  /// then the target's word.
  let table: [UInt64]
  /// The word reached from the root on each symbol (index = symbol; the root's own word for a
  /// symbol no pattern starts with). Has `symbolLimit` entries.
  let rootNext: [UInt64]
  /// The root's word.
  public let rootWord: UInt64
  /// Symbols below this limit may be passed to ``DFATables/next(_:_:)``: the automaton's
  /// alphabet plus two spare symbols callers may use as markers (they always lead to the root).
  public let symbolLimit: Int
  /// Number of stored (non-default) transitions.
  public let transitionCount: Int
  /// Number of incomplete states (see above).
  public let incompleteCount: Int
  /// The word of each ``Automaton`` state (indexed by state number), for the fallback step.
  let wordOfState: [UInt64]

  static let idMask: UInt64 = 0x3FFF_FFFF_0000_0000
  static let incompleteBit: UInt64 = 1 << 62

  /// The ``Automaton`` state number in a word.
  @inlinable public static func state(of word: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: word >> 32) & 0x3FFF_FFFF
  }
  /// Whether the state in a word has outputs.
  @inlinable public static func hasOutput(_ word: UInt64) -> Bool { word >> 63 != 0 }

  /// Bytes held by the tables.
  public var memoryFootprint: Int { table.count * 8 + rootNext.count * 8 }

  /// Builds the layout. A state inherits its failure state's transitions only when that adds at
  /// most `inheritLimit` of them and the total stays within `budget`; otherwise it is incomplete.
  init(_ b: DoubleArrayBuilder, inheritLimit: Int, budget: Int) {
    let slots = b.base.count
    let extra = 2
    let symbolLimit = b.alphabetSize + extra
    // 1. Explicit transitions per state: own children, plus those inherited from the failure
    //    state (whose list is complete already: BFS order), in ascending symbol order.
    var eStart = [Int](repeating: 0, count: slots)
    var eCount = [Int](repeating: 0, count: slots)
    var eSymbol: [UInt32] = []
    var eTarget: [UInt32] = []
    var incomplete = [Bool](repeating: false, count: slots)
    var incompleteCount = 0
    for s in b.bfsOrder.dropFirst() {
      let state = Int(s)
      let start = eSymbol.count
      let own = Int(b.childStart[state])..<Int(b.childStart[state] + b.childCount[state])
      let f = Int(b.fail[state])
      let inherit = f == 0 ? 0 : eCount[f]
      if f != 0 && (incomplete[f] || inherit > inheritLimit || eSymbol.count + inherit > budget) {
        incomplete[state] = true
        incompleteCount += 1
      }
      if f == 0 || incomplete[state] {
        eSymbol.append(contentsOf: b.childSymbols[own])
        eTarget.append(contentsOf: b.childStates[own])
      } else {
        var i = own.lowerBound
        var j = eStart[f]
        let jEnd = eStart[f] + eCount[f]
        while i < own.upperBound || j < jEnd {
          if j >= jEnd || (i < own.upperBound && b.childSymbols[i] <= eSymbol[j]) {
            if j < jEnd && b.childSymbols[i] == eSymbol[j] { j += 1 }
            eSymbol.append(b.childSymbols[i])
            eTarget.append(b.childStates[i])
            i += 1
          } else {
            eSymbol.append(eSymbol[j])
            eTarget.append(eTarget[j])
            j += 1
          }
        }
      }
      eStart[state] = start
      eCount[state] = eSymbol.count - start
    }

    // 2. Bases: each state's explicit symbols land on free slots (first fit). Bases may be
    //    shared: the owner check compares state numbers.
    var base = [Int](repeating: 0, count: slots)
    var allocator = SlotAllocator(capacity: eSymbol.count + symbolLimit + 64)
    var maxBase = 0
    for s in b.bfsOrder {
      let state = Int(s)
      let n = eCount[state]
      if n == 0 { continue }
      base[state] = allocator.place(eSymbol[eStart[state]..<(eStart[state] + n)])
      maxBase = max(maxBase, base[state])
    }

    // 3. Words and the table.
    func word(_ state: Int) -> UInt64 {
      let out: UInt64 = b.check[state] & Automaton.outputBit != 0 && state != 0 ? 1 << 63 : 0
      let partial = incomplete[state] ? DefaultTransitionDFA.incompleteBit : 0
      return UInt64(base[state]) | UInt64(state) << 32 | out | partial
    }
    let tableSlots = maxBase + symbolLimit + 1
    var table = [UInt64](repeating: .max, count: 2 * tableSlots)
    var count = 0
    for s in b.bfsOrder {
      let state = Int(s)
      for k in eStart[state]..<(eStart[state] + eCount[state]) {
        let slot = base[state] + Int(eSymbol[k])
        table[2 * slot] = UInt64(state) << 32
        table[2 * slot + 1] = word(Int(eTarget[k]))
        count += 1
      }
    }
    let rootWord = word(0)
    var rootNext = [UInt64](repeating: rootWord, count: symbolLimit)
    for symbol in 0..<b.alphabetSize where b.rootNext[symbol] & Automaton.stateMask != 0 {
      rootNext[symbol] = word(Int(b.rootNext[symbol] & Automaton.stateMask))
    }
    self.table = table
    self.rootNext = rootNext
    self.rootWord = rootWord
    self.symbolLimit = symbolLimit
    self.transitionCount = count
    self.incompleteCount = incompleteCount
    self.wordOfState = (0..<slots).map { b.check[$0] == Automaton.emptySlot && $0 != 0 ? 0 : word($0) }
  }

}

extension Automaton {
  /// Calls `body` with a pointer view of the scan tables (it must not escape).
  @inlinable
  public func withDFATables<R>(_ body: (DFATables) throws -> R) rethrows -> R {
    try _dfaTable.withUnsafeBufferPointer { t in
      try _dfaRootNext.withUnsafeBufferPointer { r in
        try body(DFATables(table: t, rootNext: r, automaton: self))
      }
    }
  }
  @usableFromInline var _dfaTable: [UInt64] { dfa.table }
  @usableFromInline var _dfaRootNext: [UInt64] { dfa.rootNext }

  /// The word reached from an incomplete state whose stored transitions miss: the failure-link
  /// step, then that state's word. Marker symbols (≥ the alphabet size) lead to the root.
  @usableFromInline @inline(never)
  func fallbackStep(_ word: UInt64, _ symbol: Int) -> UInt64 {
    if symbol >= alphabetSize { return dfa.rootWord }
    let t = next(DefaultTransitionDFA.state(of: word), UInt32(symbol)) & Automaton.stateMask
    return dfa.wordOfState[Int(t)]
  }

  /// The scan word after reading `symbol` (safe, array-based; for tests and slow paths).
  public func dfaNext(_ word: UInt64, _ symbol: Int) -> UInt64 {
    precondition(symbol < dfa.symbolLimit, "symbol out of range")
    let slot = Int(word & 0xFFFF_FFFF) + symbol
    if dfa.table[2 * slot] == word & DefaultTransitionDFA.idMask { return dfa.table[2 * slot + 1] }
    if word & DefaultTransitionDFA.incompleteBit != 0 { return fallbackStep(word, symbol) }
    return dfa.rootNext[symbol]
  }
}

/// Pointer view of a ``DefaultTransitionDFA`` for fused scan loops.
public struct DFATables {
  @usableFromInline let table: UnsafeBufferPointer<UInt64>
  @usableFromInline let rootNext: UnsafeBufferPointer<UInt64>
  @usableFromInline let automaton: Automaton
  @usableFromInline init(
    table: UnsafeBufferPointer<UInt64>, rootNext: UnsafeBufferPointer<UInt64>, automaton: Automaton
  ) {
    self.table = table
    self.rootNext = rootNext
    self.automaton = automaton
  }

  /// The word after reading `symbol` (< ``DefaultTransitionDFA/symbolLimit``) in state `word`.
  // Safety: every base is ≤ maxBase and the table has maxBase + symbolLimit + 1 slots, so
  // base + symbol is in bounds for every symbol below symbolLimit.
  @inlinable @inline(__always)
  public func next(_ word: UInt64, _ symbol: Int) -> UInt64 {
    let slot = Int(truncatingIfNeeded: word & 0xFFFF_FFFF) &+ symbol
    let owner = table[slot &<< 1]
    let target = table[(slot &<< 1) | 1]
    let hit = owner == word & 0x3FFF_FFFF_0000_0000
    if !hit && word & (1 << 62) != 0 { return automaton.fallbackStep(word, symbol) }
    return hit ? target : rootNext[symbol]
  }
}

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
/// A state's word: its base in bits 0–27, bit 30 set when the state is incomplete, bit 31 set
/// when it has outputs. ``stateOfBase`` gives the ``Automaton`` state number for the slow paths.
///
/// *Repeat loops* (optional): a state two or more symbols deep whose last symbol `x` would send
/// the scan back to the root (no stored transition on `x`, and no pattern starts with `x`)
/// gets a stored transition on `x` to itself, with ``repeatBit`` set in the target word. The
/// scan treats such a step like noise — it keeps the state and counts the skipped character —
/// so `fuuuck` matches `fuck`. Every occurrence found without the loops is still found: they
/// only replace steps to the root.
public struct DefaultTransitionDFA: Sendable {
  /// One entry per slot: the owner's base in the low 32 bits (`UInt32.max` when free), the
  /// target's word in the high 32 bits.
  let table: FlatArray<UInt64>
  /// The word reached from the root on each symbol (index = symbol; the root's own word for a
  /// symbol no pattern starts with). Has `symbolLimit` entries.
  let rootNext: FlatArray<UInt32>
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
  let wordOfState: FlatArray<UInt32>
  /// The ``Automaton`` state number of each base.
  let stateOfBase: FlatArray<UInt32>

  static let baseMask: UInt64 = 0x0FFF_FFFF
  static let incompleteBit: UInt64 = 1 << 30
  static let outputBit: UInt64 = 1 << 31
  /// Set in the target word of a repeat loop (see above).
  public static let repeatBit: UInt64 = 1 << 28

  /// The ``Automaton`` state number in a word.
  public func state(of word: UInt64) -> UInt32 { stateOfBase[Int(word & DefaultTransitionDFA.baseMask)] }
  /// Whether the state in a word has outputs.
  @inlinable public static func hasOutput(_ word: UInt64) -> Bool { word & (1 << 31) != 0 }

  /// Bytes held by the scan tables (the ones the scan loop touches).
  public var memoryFootprint: Int { table.count * 8 + rootNext.count * 4 }

  /// Builds the layout. A state inherits its failure state's transitions only when that adds at
  /// most `inheritLimit` of them and the total stays within `budget`; otherwise it is incomplete.
  ///
  /// Takes the builder's child ranges over and frees its child lists and breadth-first order
  /// once they are read (`inout` for that alone): the table allocated after them is the
  /// high-water mark of a large list's build.
  init(_ b: inout DoubleArrayBuilder, inheritLimit: Int, budget: Int, repeatLoops: Bool = false) {
    let slots = b.base.count
    let extra = 2
    let symbolLimit = b.alphabetSize + extra
    // 1. Explicit transitions per state: own children, plus those inherited from the failure
    //    state (whose list is complete already: BFS order), in ascending symbol order.
    // Every state adds its own children and at most `inheritLimit` inherited ones, and
    // inheriting stops at `budget`: the lists fit in a buffer of that size, written in place.
    // The per-state tables are scratch buffers read only at states (every state is written
    // before it is read), of 32-bit entries: half the pages of `Int` arrays, and this runs at
    // every start.
    let capacity = b.childSymbols.count + budget + inheritLimit + 1
    // Each state's list range, in the builder's child-range buffers: a state's own range is
    // read just before its list's is written over it, and the lists read later are those of
    // failure states, visited before (breadth-first order). One pair of per-slot buffers
    // instead of two.
    let (eStart, eCount) = b.takeChildRanges()
    let incomplete = UnsafeMutableBufferPointer<Bool>.allocate(capacity: max(slots, 1))
    defer {
      eStart.deallocate()
      eCount.deallocate()
    }
    eStart[0] = 0
    eCount[0] = 0
    incomplete[0] = false
    var eSymbol = [UInt32](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
    var eTarget = [UInt32](unsafeUninitializedCapacity: capacity) { _, count in count = capacity }
    var incompleteCount = 0
    var total = 0
    eSymbol.withUnsafeMutableBufferPointer { sym in
      eTarget.withUnsafeMutableBufferPointer { tgt in
        b.childSymbols.withUnsafeBufferPointer { childSymbols in
          b.childStates.withUnsafeBufferPointer { childStates in
            b.fail.withUnsafeBufferPointer { fail in
              for s in b.bfsOrder.dropFirst() {
                let state = Int(s)
                let start = total
                // Still the state's own children (its list is written below).
                let own = Int(eStart[state])..<Int(eStart[state] + eCount[state])
                let f = Int(fail[state])
                let inherit = f == 0 ? 0 : Int(eCount[f])
                let partial =
                  f != 0 && (incomplete[f] || inherit > inheritLimit || total + inherit > budget)
                incomplete[state] = partial
                if partial { incompleteCount += 1 }
                if f == 0 || partial {
                  for i in own {
                    sym[total] = childSymbols[i]
                    tgt[total] = childStates[i]
                    total += 1
                  }
                } else {
                  var i = own.lowerBound
                  var j = Int(eStart[f])
                  let jEnd = j + inherit
                  while i < own.upperBound || j < jEnd {
                    if j >= jEnd || (i < own.upperBound && childSymbols[i] <= sym[j]) {
                      if j < jEnd && childSymbols[i] == sym[j] { j += 1 }
                      sym[total] = childSymbols[i]
                      tgt[total] = childStates[i]
                      i += 1
                    } else {
                      sym[total] = sym[j]
                      tgt[total] = tgt[j]
                      j += 1
                    }
                    total += 1
                  }
                }
                eStart[state] = Int32(start)
                eCount[state] = Int32(total - start)
              }
            }
          }
        }
      }
    }

    // 1b. Repeat loops: the symbol each qualifying state loops on (0: none). Kept out of the
    //     lists above, which deeper states inherit from.
    var repeatSymbol = [UInt32](repeating: 0, count: repeatLoops ? slots : 0)
    if repeatLoops {
      for k in b.childStates.indices {
        let state = Int(b.childStates[k])
        let x = b.childSymbols[k]
        guard b.depth[state] >= 2, !incomplete[state],
          b.rootNext[Int(x)] & Automaton.stateMask == 0
        else { continue }
        let list = eSymbol[Int(eStart[state])..<Int(eStart[state] + eCount[state])]
        if !list.contains(x) { repeatSymbol[state] = x }
      }
    }

    b.releaseChildLists()

    // 2. Bases: each state's explicit symbols land on free slots (first fit). Bases may be
    //    shared: the owner check compares state numbers.
    let base = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(slots, 1))
    var maxBase = 0
    // The allocator's bitmaps are freed at the end of the block, before the table is allocated.
    do {
      let allocator = SlotAllocator(capacity: total + symbolLimit + 64, uniqueBases: true)
      eSymbol.withUnsafeBufferPointer { eSymbol in
        for s in b.bfsOrder {
          let state = Int(s)
          let n = Int(eCount[state])
          let first = Int(eStart[state])
          if repeatLoops && repeatSymbol[state] != 0 {
            var symbols = Array(eSymbol[first..<(first + n)])
            symbols.insert(repeatSymbol[state], at: symbols.firstIndex { $0 > repeatSymbol[state] } ?? n)
            base[state] = Int32(allocator.place(symbols))
          } else if n != 0 {
            base[state] = Int32(allocator.place(UnsafeBufferPointer(rebasing: eSymbol[first..<(first + n)])))
          } else {
            continue
          }
          maxBase = max(maxBase, Int(base[state]))
        }
      }
      for s in b.bfsOrder
      where eCount[Int(s)] == 0 && (!repeatLoops || repeatSymbol[Int(s)] == 0) {
        base[Int(s)] = Int32(allocator.freshBase())
        maxBase = max(maxBase, Int(base[Int(s)]))
      }
    }
    // Phase 3 visits the states in slot order (each writes only its own slots, so any order
    // gives the same table).
    b.bfsOrder = []

    // 3. Words and the table, filled in place and adopted (no copy).
    let wordOf = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: slots)
    wordOf.initialize(repeating: 0)
    b.check.withUnsafeBufferPointer { check in
      for state in 0..<slots where check[state] != Automaton.emptySlot || state == 0 {
        let out: UInt64 =
          check[state] & Automaton.outputBit != 0 && state != 0 ? DefaultTransitionDFA.outputBit : 0
        let partial = incomplete[state] ? DefaultTransitionDFA.incompleteBit : 0
        wordOf[state] = UInt32(UInt64(base[state]) | out | partial)
      }
    }
    // Each state's base is in its word from here on: both freed before the table is allocated.
    base.deallocate()
    incomplete.deallocate()
    let tableSlots = maxBase + symbolLimit + 1
    let table = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: tableSlots)
    table.initialize(repeating: UInt64(UInt32.max))
    eSymbol.withUnsafeBufferPointer { eSymbol in
      eTarget.withUnsafeBufferPointer { eTarget in
        b.check.withUnsafeBufferPointer { check in
          for state in 0..<slots where check[state] != Automaton.emptySlot || state == 0 {
            let stateBase = Int(UInt64(wordOf[state]) & DefaultTransitionDFA.baseMask)
            let first = Int(eStart[state])
            for k in first..<(first + Int(eCount[state])) {
              table[stateBase + Int(eSymbol[k])] =
                UInt64(stateBase) | UInt64(wordOf[Int(eTarget[k])]) << 32
            }
          }
        }
      }
    }
    // The lists are in the table now: freed before the base → state map is allocated.
    eSymbol = []
    eTarget = []
    let stateOfBase = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: tableSlots)
    stateOfBase.initialize(repeating: 0)
    b.check.withUnsafeBufferPointer { check in
      for state in 0..<slots where check[state] != Automaton.emptySlot || state == 0 {
        stateOfBase[Int(UInt64(wordOf[state]) & DefaultTransitionDFA.baseMask)] = UInt32(state)
      }
    }
    var count = total
    if repeatLoops {
      for state in 0..<slots where repeatSymbol[state] != 0 {
        let stateBase = Int(UInt64(wordOf[state]) & DefaultTransitionDFA.baseMask)
        // Without the output bit: the scan keeps the state, so there is nothing to report.
        let target =
          UInt64(wordOf[state]) & ~DefaultTransitionDFA.outputBit | DefaultTransitionDFA.repeatBit
        table[stateBase + Int(repeatSymbol[state])] = UInt64(stateBase) | target << 32
        count += 1
      }
    }
    let rootWord = wordOf[0]
    var rootNext = [UInt32](repeating: rootWord, count: symbolLimit)
    for symbol in 0..<b.alphabetSize where b.rootNext[symbol] & Automaton.stateMask != 0 {
      rootNext[symbol] = wordOf[Int(b.rootNext[symbol] & Automaton.stateMask)]
    }
    self.stateOfBase = FlatArray(adopting: stateOfBase)
    self.table = FlatArray(adopting: table)
    self.rootNext = FlatArray(rootNext)
    self.rootWord = UInt64(rootWord)
    self.symbolLimit = symbolLimit
    self.transitionCount = count
    self.incompleteCount = incompleteCount
    self.wordOfState = FlatArray(adopting: wordOf)
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
  @usableFromInline var _dfaTable: FlatArray<UInt64> { dfa.table }
  @usableFromInline var _dfaRootNext: FlatArray<UInt32> { dfa.rootNext }

  /// The word reached from an incomplete state whose stored transitions miss. Marker symbols
  /// (≥ the alphabet size) lead to the root.
  ///
  /// A state with no stored transition on `symbol` has no child on it, so its step is its
  /// failure state's step: the walk goes down the failure links on the DFA's own words and
  /// table — which the scan keeps in cache — until a state has the transition stored or is
  /// complete (then the step is the root's). A repeat loop met on the way is not taken: it
  /// belongs to a state the scan is in, and marks a step that leads to the root.
  @usableFromInline @inline(never)
  func fallbackStep(_ word: UInt64, _ symbol: Int) -> UInt64 {
    if symbol >= alphabetSize { return dfa.rootWord }
    var w = word
    while true {
      let state = dfa.stateOfBase[Int(w & DefaultTransitionDFA.baseMask)]
      w = UInt64(dfa.wordOfState[Int(fail[Int(state)])])
      let base = w & DefaultTransitionDFA.baseMask
      let entry = dfa.table[Int(base) + symbol]
      if entry & 0xFFFF_FFFF == base {
        let target = entry >> 32
        return target & DefaultTransitionDFA.repeatBit == 0 ? target : UInt64(dfa.rootNext[symbol])
      }
      if w & DefaultTransitionDFA.incompleteBit == 0 { return UInt64(dfa.rootNext[symbol]) }
    }
  }

  /// The scan word after reading `symbol` (safe, array-based; for tests and slow paths).
  public func dfaNext(_ word: UInt64, _ symbol: Int) -> UInt64 {
    precondition(symbol < dfa.symbolLimit, "symbol out of range")
    let base = word & DefaultTransitionDFA.baseMask
    let entry = dfa.table[Int(base) + symbol]
    if entry & 0xFFFF_FFFF == base { return entry >> 32 }
    if word & DefaultTransitionDFA.incompleteBit != 0 { return fallbackStep(word, symbol) }
    return UInt64(dfa.rootNext[symbol])
  }
}

/// Pointer view of a ``DefaultTransitionDFA`` for fused scan loops.
public struct DFATables {
  @usableFromInline let table: UnsafeBufferPointer<UInt64>
  @usableFromInline let rootNext: UnsafeBufferPointer<UInt32>
  @usableFromInline let automaton: Automaton
  @usableFromInline init(
    table: UnsafeBufferPointer<UInt64>, rootNext: UnsafeBufferPointer<UInt32>, automaton: Automaton
  ) {
    self.table = table
    self.rootNext = rootNext
    self.automaton = automaton
  }

  /// The ``Automaton`` state number of a word (slow paths).
  public func state(of word: UInt64) -> UInt32 { automaton.dfa.state(of: word) }

  /// The table's address, for scan kernels written in C: entry `base + symbol` holds the
  /// owner's base in its low half and the target word in its high half (see
  /// ``DefaultTransitionDFA``). Valid only inside ``Automaton/withDFATables(_:)``.
  public var tableAddress: UnsafePointer<UInt64> { table.baseAddress! }
  /// The root's word on each symbol (``DefaultTransitionDFA/symbolLimit`` entries); as
  /// ``tableAddress``.
  public var rootNextAddress: UnsafePointer<UInt32> { rootNext.baseAddress! }

  /// The word after reading `symbol` (< ``DefaultTransitionDFA/symbolLimit``) in state `word`.
  // Safety: every base is ≤ maxBase and the table has maxBase + symbolLimit + 1 slots, so
  // base + symbol is in bounds for every symbol below symbolLimit.
  @inlinable @inline(__always)
  public func next(_ word: UInt64, _ symbol: Int) -> UInt64 {
    let base = word & 0x0FFF_FFFF
    let entry = table[Int(truncatingIfNeeded: base) &+ symbol]
    let fallback = UInt64(rootNext[symbol])
    // Branch-free select: mask is all ones when the entry's owner is this state.
    let mask = 0 &- ((((entry & 0xFFFF_FFFF) ^ base) &- 1) >> 63)
    let next = (entry >> 32) & mask | fallback & ~mask
    if mask == 0 && word & (1 << 30) != 0 { return automaton.fallbackStep(word, symbol) }
    return next
  }
}

// kwfilter — AhoCorasick: the transition function, and the unsafe view a fused scan loop uses.

/// A read-only, pointer-based view of an ``Automaton``'s tables, for scan loops that fuse
/// decoding with automaton steps (``KeywordFilter``'s UTF-8 and GB18030 scanners).
///
/// Only valid inside ``Automaton/withTables(_:)``. The state values passed around carry the
/// output bit (``Automaton/StepTables/hasOutput(_:)``); strip it with
/// ``Automaton/StepTables/state(_:)``.
public struct StepTables {
  @usableFromInline let base: UnsafeBufferPointer<Int32>
  @usableFromInline let check: UnsafeBufferPointer<UInt32>
  @usableFromInline let fail: UnsafeBufferPointer<UInt32>
  @usableFromInline let rootNext: UnsafeBufferPointer<UInt32>

  @usableFromInline init(
    base: UnsafeBufferPointer<Int32>, check: UnsafeBufferPointer<UInt32>,
    fail: UnsafeBufferPointer<UInt32>, rootNext: UnsafeBufferPointer<UInt32>
  ) {
    self.base = base
    self.check = check
    self.fail = fail
    self.rootNext = rootNext
  }

  /// The state after reading `symbol` in `state` (both without the output bit is fine; the
  /// result carries the output bit of the new state).
  ///
  /// Symbol `0` (appears in no pattern) always returns the root.
  // Safety: `Automaton.init` sizes `check` so that `base[s] + symbol < check.count` for every
  // state `s` and every symbol below the alphabet size, and every stored state is < base.count.
  // Callers pass symbols below the alphabet size (class tables are built from it).
  @inlinable @inline(__always)
  public func next(_ state: UInt32, _ symbol: UInt32) -> UInt32 {
    var s = state & 0x7FFF_FFFF
    let c = Int(symbol)
    while true {
      if s == 0 { return rootNext[c] }
      let t = Int(base[Int(s)]) &+ c
      let k = check[t]
      if k & 0x7FFF_FFFF == s { return UInt32(truncatingIfNeeded: t) | (k & 0x8000_0000) }
      s = fail[Int(s)]
    }
  }

  /// Whether the state value returned by ``next(_:_:)`` has outputs to report.
  @inlinable @inline(__always)
  public func hasOutput(_ stepped: UInt32) -> Bool { stepped & 0x8000_0000 != 0 }

  /// The state number without the output bit.
  @inlinable @inline(__always)
  public func state(_ stepped: UInt32) -> UInt32 { stepped & 0x7FFF_FFFF }
}

extension Automaton {
  /// Calls `body` with a pointer view of the transition tables.
  ///
  /// The view must not escape `body`.
  @inlinable
  public func withTables<R>(_ body: (StepTables) throws -> R) rethrows -> R {
    try _base.withUnsafeBufferPointer { b in
      try _check.withUnsafeBufferPointer { k in
        try _fail.withUnsafeBufferPointer { f in
          try _rootNext.withUnsafeBufferPointer { r in
            try body(StepTables(base: b, check: k, fail: f, rootNext: r))
          }
        }
      }
    }
  }

  @usableFromInline var _base: FlatArray<Int32> { base }
  @usableFromInline var _check: FlatArray<UInt32> { check }
  @usableFromInline var _fail: FlatArray<UInt32> { fail }
  @usableFromInline var _rootNext: FlatArray<UInt32> { rootNext }

  /// The state after reading `symbol` in `state` (safe, array-based; for tests and slow paths).
  ///
  /// The result carries the output bit; see ``StepTables/next(_:_:)``.
  public func next(_ state: UInt32, _ symbol: UInt32) -> UInt32 {
    var s = Int(state & Automaton.stateMask)
    let c = Int(symbol)
    precondition(c < alphabetSize, "symbol out of range")
    while true {
      if s == 0 { return rootNext[c] }
      let t = Int(base[s]) + c
      let k = check[t]
      if k & Automaton.stateMask == UInt32(s) { return UInt32(t) | (k & Automaton.outputBit) }
      s = Int(fail[s])
    }
  }

  /// Calls `body` with every pattern that ends at `state` (own output first, then along the
  /// dictionary links, so longer patterns come first; identical patterns in index order).
  public func forEachOutput(of state: UInt32, _ body: (PatternID) -> Void) {
    forEachOutputWithState(of: state) { p, _ in body(p) }
  }

  /// Depth (number of symbols from the root) of a state.
  public func depth(of state: UInt32) -> Int { Int(depth[Int(state & Automaton.stateMask)]) }
}

extension Automaton {
  /// As ``forEachOutput(of:_:)``, also passing the trie state where each pattern ends (the
  /// state itself or one on its dictionary-link chain).
  public func forEachOutputWithState(of state: UInt32, _ body: (PatternID, UInt32) -> Void) {
    var s = state & Automaton.stateMask
    if ownOutput[Int(s)] == Automaton.noPattern { s = dictionaryLink[Int(s)] }
    while s != Automaton.noState {
      var p = ownOutput[Int(s)]
      while p != Automaton.noPattern {
        body(PatternID(rawValue: p), s)
        p = nextSameOutput[Int(p)]
      }
      s = dictionaryLink[Int(s)]
    }
  }

  /// The symbols on the trie path to `state`, last first (the reversed pattern that ends
  /// there), appended to `symbols`.
  public func appendPathBackward(to state: UInt32, into symbols: inout [UInt32]) {
    var s = Int(state & Automaton.stateMask)
    while s != 0 {
      let parent = Int(check[s] & Automaton.stateMask)
      symbols.append(UInt32(s - Int(base[parent])))
      s = parent
    }
  }
}

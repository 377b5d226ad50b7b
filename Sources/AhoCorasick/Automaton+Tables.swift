// kwfilter — AhoCorasick: an automaton's tables as plain arrays, for saving and loading.

extension Automaton {
  /// Every table and scalar of a built automaton, so it can be written to a file and loaded
  /// again (memory-mapped) without rebuilding. ``Automaton/init(tables:)`` checks that the sizes
  /// fit together.
  public struct Tables: Sendable {
    /// See ``Automaton/alphabetSize``.
    public var alphabetSize: Int
    /// See ``Automaton/patternLengths``.
    public var patternLengths: FlatArray<Int32>
    /// Failure-link double array and outputs.
    public var base: FlatArray<Int32>, check: FlatArray<UInt32>, fail: FlatArray<UInt32>,
      rootNext: FlatArray<UInt32>, ownOutput: FlatArray<UInt32>,
      nextSameOutput: FlatArray<UInt32>, dictionaryLink: FlatArray<UInt32>,
      depth: FlatArray<UInt32>
    /// The scan layout (see ``DefaultTransitionDFA``).
    public var dfaTable: FlatArray<UInt64>, dfaRootNext: FlatArray<UInt32>,
      dfaWordOfState: FlatArray<UInt32>, dfaStateOfBase: FlatArray<UInt32>
    /// Scalars of the scan layout.
    public var dfaRootWord: UInt64, dfaSymbolLimit: Int, dfaTransitionCount: Int,
      dfaIncompleteCount: Int

    /// Gathers loaded tables (see ``Automaton/init(tables:)``).
    public init(
      alphabetSize: Int, patternLengths: FlatArray<Int32>, base: FlatArray<Int32>,
      check: FlatArray<UInt32>, fail: FlatArray<UInt32>, rootNext: FlatArray<UInt32>,
      ownOutput: FlatArray<UInt32>, nextSameOutput: FlatArray<UInt32>,
      dictionaryLink: FlatArray<UInt32>, depth: FlatArray<UInt32>, dfaTable: FlatArray<UInt64>,
      dfaRootNext: FlatArray<UInt32>, dfaWordOfState: FlatArray<UInt32>,
      dfaStateOfBase: FlatArray<UInt32>, dfaRootWord: UInt64, dfaSymbolLimit: Int,
      dfaTransitionCount: Int, dfaIncompleteCount: Int
    ) {
      self.alphabetSize = alphabetSize
      self.patternLengths = patternLengths
      self.base = base
      self.check = check
      self.fail = fail
      self.rootNext = rootNext
      self.ownOutput = ownOutput
      self.nextSameOutput = nextSameOutput
      self.dictionaryLink = dictionaryLink
      self.depth = depth
      self.dfaTable = dfaTable
      self.dfaRootNext = dfaRootNext
      self.dfaWordOfState = dfaWordOfState
      self.dfaStateOfBase = dfaStateOfBase
      self.dfaRootWord = dfaRootWord
      self.dfaSymbolLimit = dfaSymbolLimit
      self.dfaTransitionCount = dfaTransitionCount
      self.dfaIncompleteCount = dfaIncompleteCount
    }
  }

  /// The automaton's tables.
  public var tables: Tables {
    Tables(
      alphabetSize: alphabetSize, patternLengths: patternLengths, base: base, check: check,
      fail: fail, rootNext: rootNext, ownOutput: ownOutput, nextSameOutput: nextSameOutput,
      dictionaryLink: dictionaryLink, depth: depth, dfaTable: dfa.table,
      dfaRootNext: dfa.rootNext, dfaWordOfState: dfa.wordOfState,
      dfaStateOfBase: dfa.stateOfBase, dfaRootWord: dfa.rootWord,
      dfaSymbolLimit: dfa.symbolLimit, dfaTransitionCount: dfa.transitionCount,
      dfaIncompleteCount: dfa.incompleteCount)
  }

  /// Rebuilds an automaton from saved tables (no construction work).
  ///
  /// - Throws: ``BuildError`` with kind ``BuildError/Kind/inconsistentTables`` when the sizes do
  ///   not fit together (a damaged file), so a bad table can never index out of bounds.
  public init(tables t: Tables) throws(BuildError) {
    let slots = t.base.count
    let consistent =
      t.check.count == slots && t.fail.count == slots && t.ownOutput.count == slots
      && t.dictionaryLink.count == slots && t.depth.count == slots
      && t.nextSameOutput.count == t.patternLengths.count && t.rootNext.count == t.alphabetSize
      && t.dfaRootNext.count == t.dfaSymbolLimit && t.dfaSymbolLimit == t.alphabetSize + 2
      && t.dfaWordOfState.count == slots && t.dfaStateOfBase.count == t.dfaTable.count
      && t.dfaTable.count >= t.dfaSymbolLimit
      && Automaton.tablesIndexInRange(t)
    guard consistent else { throw BuildError(patternIndex: nil, kind: .inconsistentTables) }
    alphabetSize = t.alphabetSize
    patternLengths = t.patternLengths
    base = t.base
    check = t.check
    fail = t.fail
    rootNext = t.rootNext
    ownOutput = t.ownOutput
    nextSameOutput = t.nextSameOutput
    dictionaryLink = t.dictionaryLink
    depth = t.depth
    dfa = DefaultTransitionDFA(
      table: t.dfaTable, rootNext: t.dfaRootNext, rootWord: t.dfaRootWord,
      symbolLimit: t.dfaSymbolLimit, transitionCount: t.dfaTransitionCount,
      incompleteCount: t.dfaIncompleteCount, wordOfState: t.dfaWordOfState,
      stateOfBase: t.dfaStateOfBase)
  }
}

extension Automaton {
  /// Whether every stored index of loaded tables points inside its table (bases, DFA words and
  /// state numbers): tight loops over the raw buffers, about a millisecond for 100,000 terms.
  static func tablesIndexInRange(_ t: Tables) -> Bool {
    let slots = t.base.count
    let limit = t.dfaTable.count - t.dfaSymbolLimit
    let baseOK = t.base.withUnsafeBufferPointer { b in
      var lo: Int32 = 0
      var hi: Int32 = 0
      for v in b {
        lo = Swift.min(lo, v)
        hi = Swift.max(hi, v)
      }
      return lo >= 0 && Int(hi) + t.alphabetSize <= slots
    }
    func maxBase(_ a: FlatArray<UInt32>) -> Int {
      a.withUnsafeBufferPointer { b in
        var hi: UInt32 = 0
        for v in b { hi = Swift.max(hi, v & 0x0FFF_FFFF) }
        return Int(hi)
      }
    }
    let tableOK = t.dfaTable.withUnsafeBufferPointer { b in
      var hi: UInt64 = 0
      for v in b where v != UInt64(UInt32.max) { hi = Swift.max(hi, (v >> 32) & 0x0FFF_FFFF) }
      return Int(hi) <= limit
    }
    let statesOK = t.dfaStateOfBase.withUnsafeBufferPointer { b in
      var hi: UInt32 = 0
      for v in b { hi = Swift.max(hi, v) }
      return Int(hi) < slots
    }
    return baseOK && tableOK && statesOK && maxBase(t.dfaRootNext) <= limit
      && maxBase(t.dfaWordOfState) <= limit
  }
}

extension DefaultTransitionDFA {
  init(
    table: FlatArray<UInt64>, rootNext: FlatArray<UInt32>, rootWord: UInt64, symbolLimit: Int,
    transitionCount: Int, incompleteCount: Int, wordOfState: FlatArray<UInt32>,
    stateOfBase: FlatArray<UInt32>
  ) {
    self.table = table
    self.rootNext = rootNext
    self.rootWord = rootWord
    self.symbolLimit = symbolLimit
    self.transitionCount = transitionCount
    self.incompleteCount = incompleteCount
    self.wordOfState = wordOfState
    self.stateOfBase = stateOfBase
  }
}

// kwfilter — AhoCorasick: the compiled multi-pattern searcher.

/// A compiled Aho-Corasick automaton over a small integer alphabet.
///
/// Patterns are sequences of *symbols* (`UInt32` in `1..<alphabetSize`); symbol `0` is
/// reserved for "appears in no pattern" and always sends the automaton back to its root.
/// Callers map their characters to symbols (``KeywordFilter`` maps folded Unicode code points
/// to dense class numbers), so the automaton never sees bytes or encodings.
///
/// The layout is a double-array trie with failure links and a dense transition block for the
/// root, so a 10,000-term Chinese list fits in well under a megabyte (a dense
/// states × symbols table would need hundreds of megabytes). The automaton is immutable and
/// `Sendable`: any number of threads may search with one instance at once.
///
/// ```swift
/// let automaton = try Automaton(patterns: [[1, 2], [2, 3]], alphabetSize: 4)
/// let hits = automaton.occurrences(in: [1, 2, 3])   // [(pattern 0, end 2), (pattern 1, end 3)]
/// ```
public struct Automaton: Sendable {
  /// Number of distinct symbols, including the reserved symbol `0`.
  public let alphabetSize: Int
  /// Number of patterns the automaton was built from.
  public var patternCount: Int { patternLengths.count }
  /// Length in symbols of each pattern, indexed by ``PatternID``.
  public let patternLengths: FlatArray<Int32>

  /// Double-array `base`: children of state `s` live at `base[s] + symbol`.
  let base: FlatArray<Int32>
  /// Double-array `check`: the parent of the state in this slot, or ``emptySlot``; the high bit
  /// is set when the state has at least one output (own or through its dictionary link).
  let check: FlatArray<UInt32>
  /// Failure link of each state (root's is root).
  let fail: FlatArray<UInt32>
  /// Dense root block: the state reached from the root on each symbol (with the output bit),
  /// or 0 (the root) when no pattern starts with that symbol.
  let rootNext: FlatArray<UInt32>
  /// First pattern ending exactly at each state, or ``noPattern``.
  let ownOutput: FlatArray<UInt32>
  /// Next pattern that ends at the same state (patterns with identical symbols), or ``noPattern``.
  let nextSameOutput: FlatArray<UInt32>
  /// Nearest state on the failure chain that has an own output, or ``noState``.
  let dictionaryLink: FlatArray<UInt32>
  /// Depth (symbols from the root) of each state.
  let depth: FlatArray<UInt32>
  /// The one-load-per-step layout used by scan loops.
  public let dfa: DefaultTransitionDFA

  static let outputBit: UInt32 = 0x8000_0000
  static let stateMask: UInt32 = 0x7FFF_FFFF
  static let emptySlot: UInt32 = 0x7FFF_FFFF
  static let noPattern: UInt32 = .max
  static let noState: UInt32 = .max

  /// The root state, where every search starts.
  public static let root: UInt32 = 0

  /// Builds the automaton.
  ///
  /// - Parameters:
  ///   - patterns: each pattern a non-empty sequence of symbols in `1..<alphabetSize`.
  ///     Duplicates are allowed; each keeps its own ``PatternID`` (its index).
  ///   - alphabetSize: one more than the largest symbol.
  /// - Throws: ``BuildError`` for an empty pattern, a symbol out of range, or more states
  ///   than the 31-bit state space holds.
  ///   - repeatLoops: add the ``DefaultTransitionDFA`` repeat loops (a character repeating
  ///     the last one of a partial match is skipped where it would otherwise end it).
  /// - Complexity: O(total pattern length × average fan-out), tens of milliseconds for
  ///   100,000 patterns.
  public init(patterns: [[UInt32]], alphabetSize: Int, repeatLoops: Bool = false)
    throws(BuildError)
  {
    // 16: measured on a 10k-term Chinese list; 4 left the scan taking the failure-link
    // fallback often enough to cost ~10%, 64 adds table size for little.
    try self.init(
      patterns: patterns, alphabetSize: alphabetSize, inheritLimit: 16, repeatLoops: repeatLoops)
  }

  /// Builds the automaton from patterns stored end to end, without an array per pattern.
  ///
  /// Pattern `i` is `symbols[(i == 0 ? 0 : patternEnds[i - 1])..<patternEnds[i]]`; the result
  /// is the automaton ``init(patterns:alphabetSize:)`` builds from those patterns.
  ///
  /// ```swift
  /// let automaton = try Automaton(symbols: [1, 2, 2, 3], patternEnds: [2, 4], alphabetSize: 4)
  /// ```
  ///
  /// The arrays are consumed: passed with `consume`, they are freed as soon as the trie is
  /// built, before the larger scan tables are allocated (peak memory of a large list's build).
  ///
  /// - Precondition: `patternEnds` is ascending and ends at `symbols.count`.
  /// - Throws: ``BuildError``, as ``init(patterns:alphabetSize:)``.
  /// - Parameter repeatLoops: as in ``init(patterns:alphabetSize:repeatLoops:)``.
  public init(
    symbols: consuming [UInt32], patternEnds: consuming [Int], alphabetSize: Int,
    repeatLoops: Bool = false
  ) throws(BuildError) {
    try self.init(
      symbols: symbols, patternEnds: patternEnds, alphabetSize: alphabetSize, inheritLimit: 16,
      repeatLoops: repeatLoops)
  }

  /// Builds the automaton with a chosen ``DefaultTransitionDFA`` inherit limit (tests use 0 to
  /// make every state with a non-root failure state incomplete).
  init(
    patterns: [[UInt32]], alphabetSize: Int, inheritLimit: Int, repeatLoops: Bool = false
  ) throws(BuildError) {
    var symbols: [UInt32] = []
    symbols.reserveCapacity(patterns.reduce(0) { $0 + $1.count })
    var ends: [Int] = []
    ends.reserveCapacity(patterns.count)
    for p in patterns {
      symbols.append(contentsOf: p)
      ends.append(symbols.count)
    }
    try self.init(
      symbols: consume symbols, patternEnds: consume ends, alphabetSize: alphabetSize,
      inheritLimit: inheritLimit, repeatLoops: repeatLoops)
  }

  /// See ``init(symbols:patternEnds:alphabetSize:repeatLoops:)`` and
  /// ``init(patterns:alphabetSize:inheritLimit:repeatLoops:)``.
  init(
    symbols: consuming [UInt32], patternEnds: consuming [Int], alphabetSize: Int,
    inheritLimit: Int, repeatLoops: Bool = false
  ) throws(BuildError) {
    // Written in place and adopted: no array to copy.
    let lengths = UnsafeMutableBufferPointer<Int32>.allocate(capacity: max(patternEnds.count, 1))
    var lo = 0
    for (i, end) in patternEnds.enumerated() {
      lengths[i] = Int32(truncatingIfNeeded: end - lo)
      lo = end
    }
    self.patternLengths = FlatArray(
      adopting: UnsafeMutableBufferPointer(rebasing: lengths[..<patternEnds.count]))
    // The builder takes the patterns over (and frees them once its trie is built).
    var builder = try DoubleArrayBuilder(
      symbols: consume symbols, patternEnds: consume patternEnds, alphabetSize: alphabetSize)
    builder.build()
    self.alphabetSize = alphabetSize
    self.base = builder.base
    self.check = builder.check
    self.fail = builder.fail
    self.rootNext = builder.rootNext
    self.ownOutput = builder.ownOutput
    self.nextSameOutput = builder.nextSameOutput
    self.dictionaryLink = builder.dictionaryLink
    self.depth = builder.depth
    let trieEdges = builder.childSymbols.count
    self.dfa = DefaultTransitionDFA(
      &builder, inheritLimit: inheritLimit, budget: max(1 << 16, 2 * trieEdges),
      repeatLoops: repeatLoops)
  }

  /// Bytes held by the automaton's tables (a measure of its cache footprint).
  public var memoryFootprint: Int {
    base.count * 4 + check.count * 4 + fail.count * 4 + rootNext.count * 4 + ownOutput.count * 4
      + nextSameOutput.count * 4 + dictionaryLink.count * 4 + depth.count * 4
      + dfa.memoryFootprint
  }
}

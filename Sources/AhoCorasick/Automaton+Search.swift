// kwfilter — AhoCorasick: a plain search over a whole symbol sequence.

/// Identifies a pattern by its index in the array the automaton was built from.
public struct PatternID: RawRepresentable, Hashable, Comparable, Sendable {
  /// The pattern's index.
  public var rawValue: UInt32
  /// Wraps an index.
  public init(rawValue: UInt32) { self.rawValue = rawValue }
  /// The index as an `Int`.
  public var index: Int { Int(rawValue) }
  /// Orders by index.
  public static func < (a: PatternID, b: PatternID) -> Bool { a.rawValue < b.rawValue }
}

/// One occurrence of a pattern in a symbol sequence: `end` is exclusive.
public struct Occurrence: Hashable, Sendable {
  /// Which pattern.
  public var pattern: PatternID
  /// Index of the first symbol of the occurrence.
  public var start: Int
  /// Index one past the last symbol.
  public var end: Int
  /// Creates an occurrence.
  public init(pattern: PatternID, start: Int, end: Int) {
    self.pattern = pattern
    self.start = start
    self.end = end
  }
}

extension Automaton {
  /// Every occurrence of every pattern in `symbols` (overlapping), ordered by end, then
  /// longest first.
  ///
  /// Symbols outside the alphabet are treated as `0` (they break any match).
  /// - Complexity: O(n + number of occurrences).
  public func occurrences(in symbols: some Sequence<UInt32>) -> [Occurrence] {
    var result: [Occurrence] = []
    var state = Automaton.root
    var i = 0
    for raw in symbols {
      let symbol = Int(raw) < alphabetSize ? raw : 0
      state = next(state, symbol)
      i += 1
      if state & Automaton.outputBit != 0 {
        forEachOutput(of: state) { p in
          result.append(Occurrence(pattern: p, start: i - Int(patternLengths[p.index]), end: i))
        }
      }
    }
    return result
  }
}

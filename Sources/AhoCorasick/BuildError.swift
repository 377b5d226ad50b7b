// kwfilter — AhoCorasick: why an automaton could not be built.

/// An error building an ``Automaton``: the pattern at fault and what is wrong with it.
public struct BuildError: Error, Sendable, CustomStringConvertible {
  /// What went wrong.
  public enum Kind: Sendable, Equatable {
    /// The pattern has no symbols.
    case emptyPattern
    /// A symbol is `0` or not below the alphabet size.
    case symbolOutOfRange(UInt32)
    /// The automaton would need more states than its 31-bit state IDs can name.
    case tooManyStates
    /// Saved tables whose sizes do not fit together (see ``Automaton/init(tables:)``).
    case inconsistentTables
  }
  /// Index of the offending pattern, when one pattern is at fault.
  public let patternIndex: Int?
  /// What went wrong.
  public let kind: Kind

  /// A one-line explanation.
  public var description: String {
    let which = patternIndex.map { "pattern \($0): " } ?? ""
    switch kind {
    case .emptyPattern: return which + "empty pattern"
    case .symbolOutOfRange(let s): return which + "symbol \(s) out of range"
    case .tooManyStates: return which + "too many automaton states"
    case .inconsistentTables: return which + "the automaton tables do not fit together"
    }
  }
}

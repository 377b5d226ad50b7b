// kwfilter — KeywordFilter: the two ways to step the automaton, behind one interface.

import AhoCorasick

/// One automaton step, as the scan loops see it (UTF-8 and GB18030 share it). Specialized at
/// compile time, so the loops pay nothing for the abstraction.
protocol Stepper {
  /// The root state's word.
  var root: UInt64 { get }
  /// The word after reading `symbol` (any symbol below the alphabet's ``Alphabet/multiple`` + 1).
  func next(_ word: UInt64, _ symbol: Int) -> UInt64
  /// Whether the state in `word` has outputs.
  func hasOutput(_ word: UInt64) -> Bool
  /// The ``Automaton`` state number in `word`.
  func state(_ word: UInt64) -> UInt32
}

/// ``DefaultTransitionDFA``: one dependent load and a conditional move per step (failure links
/// only for the rare incomplete states).
struct DFAStepper: Stepper {
  let tables: DFATables
  let root: UInt64
  @inline(__always) func next(_ word: UInt64, _ symbol: Int) -> UInt64 { tables.next(word, symbol) }
  @inline(__always) func hasOutput(_ word: UInt64) -> Bool { DefaultTransitionDFA.hasOutput(word) }
  func state(_ word: UInt64) -> UInt32 { tables.state(of: word) }
}

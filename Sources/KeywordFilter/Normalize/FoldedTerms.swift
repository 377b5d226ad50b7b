// kwfilter — KeywordFilter: folded terms stored end to end, one buffer for a whole list.

/// Folded terms (code points, as ``Alphabet/appendFolded(_:normalization:folds:to:)`` gives
/// them) written end to end, with where each term ends.
///
/// List compilation folds every term and every variant into a rule. An array per rule cost
/// about as much to allocate and free as the folding itself (a 10,000-term list makes ~20,000
/// of them), so the rules' folds live in one buffer; a term being folded is appended as the
/// *pending* term and then either kept (``commitPending()``) or dropped
/// (``discardPending()``), so rejected candidates cost no allocation either.
struct FoldedTerms {
  /// The code points of every term, end to end, followed by the pending term's.
  /// Invariant: `codes.count >= pendingStart`.
  private(set) var codes: [UInt32] = []
  /// Where each term ends in ``codes``, ascending: term `i` is `ends[i - 1]..<ends[i]`
  /// (from 0 for term 0).
  private(set) var ends: [Int] = []

  /// An empty collection.
  init() {}

  /// The terms of an array of arrays, in order.
  init(_ terms: [[UInt32]]) {
    codes.reserveCapacity(terms.reduce(0) { $0 + $1.count })
    ends.reserveCapacity(terms.count)
    for term in terms { append(term) }
  }

  /// Number of (committed) terms.
  var count: Int { ends.count }

  /// Where term `i` lies in ``codes``.
  func range(_ i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

  /// The code points of term `i`.
  subscript(i: Int) -> ArraySlice<UInt32> { codes[range(i)] }

  /// Length of term `i`.
  func length(_ i: Int) -> Int { ends[i] - (i == 0 ? 0 : ends[i - 1]) }

  /// Where the pending term starts in ``codes`` (the end of the last committed term).
  var pendingStart: Int { ends.last ?? 0 }

  /// The pending term's code points.
  var pending: ArraySlice<UInt32> { codes[pendingStart...] }

  /// Appends a whole term.
  mutating func append(_ term: some Sequence<UInt32>) {
    codes.append(contentsOf: term)
    ends.append(codes.count)
  }

  /// Appends the fold of `scalars` to the pending term.
  mutating func appendFolded(
    _ scalars: String.UnicodeScalarView, normalization: Normalization, folds: FoldTable
  ) {
    Alphabet.appendFolded(scalars, normalization: normalization, folds: folds, to: &codes)
  }

  /// Appends the fold of the code points `values` (those that are not Unicode scalars are
  /// skipped) to the pending term.
  mutating func appendFolded(
    codePoints values: [UInt32], normalization: Normalization, folds: FoldTable
  ) {
    Alphabet.appendFolded(codePoints: values, normalization: normalization, folds: folds, to: &codes)
  }

  /// Makes the pending term the last term.
  mutating func commitPending() { ends.append(codes.count) }

  /// Drops the pending term.
  mutating func discardPending() { codes.removeSubrange(pendingStart...) }
}

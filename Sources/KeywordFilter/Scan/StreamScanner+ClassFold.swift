// kwfilter — KeywordFilter: a scanner that also runs the filter's class-fold passes.

extension StreamScanner {
  /// Scans `chunk` with this scanner's automaton and with every class-fold pass's scanner, and
  /// reports the merged matches that became certain (see ``MatchMerger`` for the rule).
  ///
  /// Each pass is an ordinary ``StreamScanner`` over the same bytes (its alphabet maps
  /// characters to class keys), so fold matches have exact byte ranges of the original input,
  /// in either encoding, across chunk boundaries. ``settledOffset`` becomes the merged one.
  mutating func scanWithFoldPasses(_ chunk: UnsafeRawBufferPointer, onMatch: (Match) -> Void) {
    guard var merger = self.merger.take() else { return scanPrimary(chunk, onMatch: onMatch) }
    defer { self.merger = merger }
    scanPrimary(chunk) { merger.add($0, pass: 0) }
    merger.settle(pass: 0, at: settledOffset)
    for k in foldScanners.indices {
      foldScanners[k].scan(chunk) { merger.add($0, pass: k + 1) }
      merger.settle(pass: k + 1, at: foldScanners[k].settledOffset)
    }
    merger.drain(emit: onMatch)
    settledOffset = merger.settledOffset
  }

  /// Ends the input for every pass and reports the rest of the merged matches.
  mutating func finishWithFoldPasses(onMatch: (Match) -> Void) {
    guard var merger = self.merger.take() else { return finishPrimary(onMatch: onMatch) }
    defer { self.merger = merger }
    if finished { return }
    finishPrimary { merger.add($0, pass: 0) }
    merger.settle(pass: 0, at: .max)
    for k in foldScanners.indices {
      foldScanners[k].finish { merger.add($0, pass: k + 1) }
      merger.settle(pass: k + 1, at: .max)
    }
    merger.drain(emit: onMatch)
    settledOffset = received
  }
}

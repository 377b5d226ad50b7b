// kwfilter — KeywordFilter: reading a match's Han context from the input, for the boundary rule.

extension ByteView {
  /// The folded Han character `cp` is, or nil. (`folds` is fetched once per call of the
  /// readers below: fetching it copies the table's array references.)
  @inline(__always)
  private func han(_ cp: UInt32, _ normalization: Normalization, _ folds: FoldTable) -> UInt32? {
    guard case .single(let f) = Alphabet.fold(cp, normalization: normalization, folds: folds),
      WordFrequencies.isHan(f)
    else { return nil }
    return f
  }

  /// The folded Han characters just before `offset` (a character boundary), in text order: at
  /// most ``BoundaryRule/contextCharacters``, stopping at the first character that is not Han
  /// (noise included) or no longer held. Read when the occurrence is found, while the
  /// characters before it are at hand (GB18030 cannot be decoded backwards later).
  func hanContext(before offset: Int, alphabet: Alphabet) -> HanRun {
    let folds = alphabet.folds
    var found = SIMD8<UInt32>.zero
    var count = 0
    var at = offset
    while count < BoundaryRule.contextCharacters,
      let (cp, start) = character(endingAt: at),
      let f = han(cp, alphabet.normalization, folds)
    {
      found[count] = f
      count += 1
      at = start
    }
    return HanRun(reversed: found, count: count)
  }

  /// The folded Han characters from `offset` on, as ``hanContext(before:alphabet:)`` does
  /// backwards.
  func hanContext(after offset: Int, alphabet: Alphabet) -> [UInt32] {
    let folds = alphabet.folds
    var found: [UInt32] = []
    var at = offset
    while found.count < BoundaryRule.contextCharacters,
      let (cp, length) = character(at: at),
      let f = han(cp, alphabet.normalization, folds)
    {
      found.append(f)
      at += length
    }
    return found
  }

  /// The folded characters of `range` with ``BoundaryRule/separator`` for each run of noise,
  /// or nil if any character is neither Han nor noise (the rule is for Chinese terms).
  func hanMatch(_ range: Range<Int>, alphabet: Alphabet) -> [UInt32]? {
    let folds = alphabet.folds
    var found: [UInt32] = []
    var at = range.lowerBound
    while at < range.upperBound {
      guard let (cp, length) = character(at: at) else { return nil }
      switch Alphabet.fold(cp, normalization: alphabet.normalization, folds: folds) {
      case .noise:
        if found.last != BoundaryRule.separator { found.append(BoundaryRule.separator) }
      case .single(let f) where WordFrequencies.isHan(f): found.append(f)
      default: return nil
      }
      at += length
    }
    return found
  }

  /// Whether a term occurrence survives the boundary rule (see ``BoundaryRule``); true for
  /// regex rules, non-Chinese matches, occurrences the rule need not decide (see
  /// ``Filter/needsBoundaryRule(_:)``), and when the check is off.
  func survivesBoundaryRule(_ o: Occurrence, filter: Filter) -> Bool {
    if filter.configuration.boundaryControl == .off || o.hanBefore == nil { return true }
    guard let before = o.hanBefore else { return true }
    let alphabet = filter.alphabet
    let folds = alphabet.folds
    // Quick test first, on the characters on either side of each boundary: no dictionary word
    // has the pair of characters across either boundary, so none straddles the match (the full
    // rule would say the same, slower). A match that does not start and end with a Chinese
    // character is not decided by the rule.
    let afterFirst = character(at: o.end).flatMap { han($0.scalar, alphabet.normalization, folds) }
    if before.isEmpty && afterFirst == nil { return true }
    // The match's first and last characters, for the quick test. In UTF-8 they are read
    // directly, and the whole match only when the quick test cannot settle it (any character
    // neither Han nor noise makes the match one the rule does not decide, either way true).
    // GB18030 cannot be decoded backwards from the match's end: there the match comes first.
    var match: [UInt32]? = nil
    let first: UInt32
    let last: UInt32
    if encoding == .utf8 {
      guard let f = character(at: o.start).flatMap({ han($0.scalar, alphabet.normalization, folds) }),
        let l = character(endingAt: o.end).flatMap({ han($0.scalar, alphabet.normalization, folds) })
      else { return true }
      (first, last) = (f, l)
    } else {
      guard let m = hanMatch(o.start..<o.end, alphabet: alphabet), let f = m.first, let l = m.last
      else { return true }
      (match, first, last) = (m, f, l)
    }
    let words = WordFrequencies.shared
    let acrossStart = before.last.map { words.mayContainPair($0, first) } ?? false
    let acrossEnd = afterFirst.map { words.mayContainPair(last, $0) } ?? false
    if !acrossStart && !acrossEnd { return true }
    guard let match = match ?? hanMatch(o.start..<o.end, alphabet: alphabet) else { return true }
    let after = hanContext(after: o.end, alphabet: alphabet)
    return BoundaryRule.survives(
      before: before.array, match: match, after: after, words: WordFrequencies.shared)
  }
}

extension Filter {
  /// Whether the boundary rule must decide occurrences of rule `r`: literal terms (not allow
  /// phrases), and with ``BoundaryControl/review`` only those whose tier is not already
  /// ``Tier/review`` (the verdict could change nothing). Decided when the occurrence is found.
  func needsBoundaryRule(_ r: Int) -> Bool {
    switch configuration.boundaryControl {
    case .off: return false
    case .review: return !isAllow[r] && patternLength[r] > 0 && ruleTier[r] != .review
    case .drop: return !isAllow[r] && patternLength[r] > 0
    }
  }
}

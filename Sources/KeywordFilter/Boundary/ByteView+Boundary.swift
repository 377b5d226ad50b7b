// kwfilter — KeywordFilter: reading a match's Han context from the input, for the boundary rule.

extension ByteView {
  /// The folded Han characters just before `offset` (a character boundary), in text order: at
  /// most ``BoundaryRule/contextCharacters``, stopping at the first character that is not Han
  /// (noise included) or no longer held. Read when the occurrence is found, while the
  /// characters before it are at hand (GB18030 cannot be decoded backwards later).
  func hanContext(before offset: Int, alphabet: Alphabet) -> [UInt32] {
    var found: [UInt32] = []
    var at = offset
    while found.count < BoundaryRule.contextCharacters,
      let (cp, start) = character(endingAt: at),
      case .single(let f) = alphabet.fold(cp), WordFrequencies.isHan(f)
    {
      found.append(f)
      at = start
    }
    return found.reversed()
  }

  /// The folded Han characters from `offset` on, as ``hanContext(before:alphabet:)`` does
  /// backwards.
  func hanContext(after offset: Int, alphabet: Alphabet) -> [UInt32] {
    var found: [UInt32] = []
    var at = offset
    while found.count < BoundaryRule.contextCharacters,
      let (cp, length) = character(at: at),
      case .single(let f) = alphabet.fold(cp), WordFrequencies.isHan(f)
    {
      found.append(f)
      at += length
    }
    return found
  }

  /// The folded characters of `range` with ``BoundaryRule/separator`` for each run of noise,
  /// or nil if any character is neither Han nor noise (the rule is for Chinese terms).
  func hanMatch(_ range: Range<Int>, alphabet: Alphabet) -> [UInt32]? {
    var found: [UInt32] = []
    var at = range.lowerBound
    while at < range.upperBound {
      guard let (cp, length) = character(at: at) else { return nil }
      switch alphabet.fold(cp) {
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
  /// regex rules, non-Chinese matches, and when the check is off.
  func survivesBoundaryRule(_ o: Occurrence, filter: Filter) -> Bool {
    if filter.configuration.boundaryControl == .off || o.hanBefore == nil { return true }
    guard let before = o.hanBefore, let match = hanMatch(o.start..<o.end, alphabet: filter.alphabet)
    else { return true }
    let after = hanContext(after: o.end, alphabet: filter.alphabet)
    return BoundaryRule.survives(
      before: before, match: match, after: after, words: WordFrequencies.shared)
  }
}

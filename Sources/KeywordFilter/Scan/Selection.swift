// kwfilter — KeywordFilter: from raw occurrences to reported matches (allow-lists, semantics).

/// An occurrence found by the automaton, before allow-lists, word boundaries and overlap
/// resolution: byte offsets in the original input.
struct Occurrence: Sendable {
  var pattern: Int
  var start: Int
  var end: Int
  /// Whether a word character (Latin letter or digit) stands just before `start`; recorded
  /// when the occurrence is found, while the characters before it are still at hand.
  var wordBefore = false
  /// The Han characters just before `start` (see ``ByteView/hanContext(before:alphabet:)``),
  /// recorded with `wordBefore` for the boundary rule; nil when that rule does not apply.
  var hanBefore: HanRun? = nil
}

/// Holds occurrences until no later occurrence can change their fate, then reports the winners.
///
/// An occurrence is *settled* once every occurrence that could start at or before it has been
/// seen: the scanner guarantees that every occurrence found later starts after the horizon it
/// passes to ``flush(upTo:isValid:emit:)``. Settled term occurrences are taken in order of
/// start, longest first; one is reported when it passes the boundary check, lies in no
/// allow-list occurrence, and (leftmost-longest) does not overlap the last reported match.
/// This is exactly "filter, then choose leftmost-longest", done incrementally.
struct Selection: Sendable {
  let semantics: MatchSemantics
  /// Term occurrences not yet settled. Invariant: every start is > the last horizon.
  private(set) var terms: [Occurrence] = []
  /// Allow-list occurrences that may still cover a term occurrence (end > last horizon).
  private(set) var allows: [Occurrence] = []
  /// End of the last reported match (leftmost-longest only).
  private var lastEnd = Int.min

  init(semantics: MatchSemantics) { self.semantics = semantics }

  mutating func add(_ o: Occurrence, isAllow: Bool) {
    if isAllow { allows.append(o) } else { terms.append(o) }
  }

  /// Reports every term occurrence starting at or before `horizon`, in order.
  mutating func flush(
    upTo horizon: Int, isValid: (Occurrence) -> Bool, emit: (Occurrence) -> Void
  ) {
    if terms.isEmpty {
      allows.removeAll { $0.end <= horizon }
      return
    }
    var ready: [Occurrence] = []
    var keep: [Occurrence] = []
    for o in terms {
      if o.start <= horizon { ready.append(o) } else { keep.append(o) }
    }
    terms = keep
    ready.sort { a, b in
      if a.start != b.start { return a.start < b.start }
      if a.end != b.end { return a.end > b.end }
      return a.pattern < b.pattern
    }
    for o in ready {
      if semantics == .leftmostLongest && o.start < lastEnd { continue }
      if !isValid(o) { continue }
      if allows.contains(where: { $0.start <= o.start && o.end <= $0.end && isValid($0) }) {
        continue
      }
      emit(o)
      lastEnd = o.end
    }
    allows.removeAll { $0.end <= horizon }
  }
}

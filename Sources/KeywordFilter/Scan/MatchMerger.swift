// kwfilter — KeywordFilter: merging the matches of the main pass and the class-fold passes.

/// Merges the match streams of several passes over one input — pass 0 the filter's own
/// automaton, then its class-fold passes — into one stream in order of start offset.
///
/// The rule: **an earlier pass wins on overlap.** A match of pass `p > 0` is reported only if it
/// overlaps no match that an earlier pass reported (``MatchSemantics/leftmostLongest``), or no
/// match of *the same entry* that an earlier pass reported (``MatchSemantics/all``). So a
/// class-fold match never hides or shortens an exact match: it only adds what the main pass
/// missed, and a fold match that merely repeats a main-pass match (`白人班级` found by both) is
/// reported once. Each pass applies its own allow-list phrases first (the fold passes hold
/// them in keyed form). Ties at one start offset go to the earlier pass.
///
/// Streaming: each pass reports its matches in start order with a settled offset (every match
/// starting before it has been reported). A match is released once every pass has settled past
/// its start, and — to decide on overlap — every earlier pass has settled past its end.
struct MatchMerger: Sendable {
  let semantics: MatchSemantics
  /// Per pass: the matches received and still needed, in start order. `received[p][0..<next[p]]`
  /// are decided (reported or dropped) and kept only while a later match may overlap them.
  private var received: [[Match]]
  /// Per pass: index of the first undecided match in `received[p]`.
  private var next: [Int]
  /// Per pass: every match of that pass starting before this offset has been received.
  private var settled: [Int]

  /// A merger for `passes` passes (pass 0 first).
  init(passes: Int, semantics: MatchSemantics) {
    self.semantics = semantics
    received = Array(repeating: [], count: passes)
    next = Array(repeating: 0, count: passes)
    settled = Array(repeating: 0, count: passes)
  }

  /// Receives a match of pass `pass` (in that pass's order).
  mutating func add(_ m: Match, pass: Int) { received[pass].append(m) }

  /// Records that pass `pass` has reported every match starting before `offset`.
  mutating func settle(pass: Int, at offset: Int) { settled[pass] = max(settled[pass], offset) }

  /// Every merged match starting before this offset has been released.
  var settledOffset: Int {
    var floor = Int.max
    for p in received.indices {
      floor = min(floor, next[p] < received[p].count ? received[p][next[p]].range.lowerBound : settled[p])
    }
    return floor
  }

  /// Releases, in start order, every match that no later input can change.
  mutating func drain(emit: (Match) -> Void) {
    while let p = nextPass() {
      let m = received[p][next[p]]
      // Nothing still to come may start before it…
      guard received.indices.allSatisfy({ $0 == p || settled[$0] > m.range.lowerBound }) else { break }
      // …and every earlier pass has reported all that could overlap it.
      guard (0..<p).allSatisfy({ settled[$0] >= m.range.upperBound }) else { break }
      next[p] += 1
      if p == 0 || !overlapsEarlierPass(m, pass: p) { emit(m) }
    }
    prune()
  }

  /// The pass whose first undecided match comes first (earlier pass on a tie), if any.
  private func nextPass() -> Int? {
    var best: Int?
    for p in received.indices where next[p] < received[p].count {
      guard let b = best else {
        best = p
        continue
      }
      if received[p][next[p]].range.lowerBound < received[b][next[b]].range.lowerBound { best = p }
    }
    return best
  }

  private func overlapsEarlierPass(_ m: Match, pass: Int) -> Bool {
    for q in 0..<pass {
      for x in received[q] where x.range.overlaps(m.range) {
        if semantics == .leftmostLongest || x.entryIndex == m.entryIndex { return true }
      }
    }
    return false
  }

  /// Forgets decided matches that no undecided or future match can overlap.
  private mutating func prune() {
    let floor = settledOffset
    for p in received.indices where next[p] > 0 {
      var k = 0
      while k < next[p] && received[p][k].range.upperBound <= floor { k += 1 }
      // Decided matches are in start order, not end order: keep any that still reach past
      // `floor` (only possible with `.all`), and everything after them.
      if k > 0 {
        received[p].removeFirst(k)
        next[p] -= k
      }
    }
  }
}

// kwfilter — AhoCorasick: finding room for a state's transitions in a double array.

/// First-fit placement of symbol sets in a double array, with retired holes.
///
/// `place` looks for a base `b` such that `b + symbol` is free for every symbol. Candidates are
/// the free slots in ascending order; a free slot that has failed as the first slot of
/// `retireAfter` sets is retired as a candidate (it stays free for other sets' later symbols):
/// fragmented regions are what make naive double-array builds quadratic. Lists of 100,000 terms
/// build in a fraction of a second.
///
/// Occupancy, candidates and taken bases are bitmaps (one bit per slot), and a summary bitmap
/// has one bit per candidate word that still holds a candidate, so finding the next candidate
/// skips 4,096 slots per summary bit. Placement is most of a build's time and it is bound by
/// memory: as bitmaps, the tables of a 10,000-term list fit in the first-level cache, where the
/// byte tables and pointer forest used before missed it on almost every attempt. The result
/// depends only on which slots are candidates and used, never on the capacity.
///
/// The tables live in raw buffers (a class owns them): placement runs once per state of every
/// list compiled at start-up, and array bounds and uniqueness checks were a third of its cost.
final class SlotAllocator {
  /// Bit `i`: slot `i` is used (slots past the end are free).
  @exclusivity(unchecked) private var used: UnsafeMutablePointer<UInt64>
  /// Bit `i`: slot `i` is a candidate first slot (free and not retired).
  @exclusivity(unchecked) private var candidates: UnsafeMutablePointer<UInt64>
  /// Bit `w`: candidate word `w` is not zero.
  @exclusivity(unchecked) private var summary: UnsafeMutablePointer<UInt64>
  /// Bit `s`: summary word `s` is not zero.
  @exclusivity(unchecked) private var top: UnsafeMutablePointer<UInt64>
  /// With unique bases, bit `i`: base `i` is taken (a base then names its state).
  @exclusivity(unchecked) private var baseUsed: UnsafeMutablePointer<UInt64>
  /// Failed attempts per candidate slot, bit-sliced: bit `i` of plane `k` is bit `k` of slot
  /// `i`'s count. One window of failed candidates is then counted with a few word operations
  /// (a byte per slot, counted one by one, was a quarter of placement's time); a count stops
  /// at ``retireAfter``, since the slot is then no candidate.
  @exclusivity(unchecked) private var failures0: UnsafeMutablePointer<UInt64>
  /// Bit 1 of each slot's failure count (see ``failures0``).
  @exclusivity(unchecked) private var failures1: UnsafeMutablePointer<UInt64>
  /// Bit 2 of each slot's failure count (see ``failures0``).
  @exclusivity(unchecked) private var failures2: UnsafeMutablePointer<UInt64>
  /// Number of slots the buffers hold (a multiple of 4,096: whole summary words).
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var nextFreeBase = 0
  /// Every candidate word below this one is zero (slots are filled from the front, so searches
  /// from small symbols start past the full prefix at once).
  @exclusivity(unchecked) private var lowWord = 0
  let uniqueBases: Bool
  /// Failures after which a candidate is retired (1…7: three count planes).
  let retireAfter: UInt8

  /// - Parameters:
  ///   - reserved: slots `0..<reserved` start used.
  ///   - capacity: expected number of slots (grows if needed).
  ///   - uniqueBases: give every placed set its own base (a base then names its state).
  init(reserved: Int = 0, capacity: Int = 1024, retireAfter: UInt8 = 4, uniqueBases: Bool = false) {
    precondition((1...7).contains(retireAfter), "retireAfter must be in 1...7")
    self.retireAfter = retireAfter
    self.uniqueBases = uniqueBases
    used = .allocate(capacity: 0)
    candidates = .allocate(capacity: 0)
    summary = .allocate(capacity: 0)
    top = .allocate(capacity: 0)
    baseUsed = .allocate(capacity: 0)
    failures0 = .allocate(capacity: 0)
    failures1 = .allocate(capacity: 0)
    failures2 = .allocate(capacity: 0)
    grow(to: max(capacity, reserved + 64))
    for slot in 0..<reserved { markUsed(slot) }
  }

  deinit {
    used.deallocate()
    candidates.deallocate()
    summary.deallocate()
    top.deallocate()
    baseUsed.deallocate()
    failures0.deallocate()
    failures1.deallocate()
    failures2.deallocate()
  }

  // Growth is by a quarter: the failure table is written when it is added (page faults were a
  // visible part of start-up), and the slots a build needs end a little past the caller's
  // estimate, seldom twice it.
  private func grow(to wanted: Int) {
    let old = count
    if wanted <= old { return }
    let newCount = (max(wanted, old + old / 4) + 4095) & ~4095
    func enlarge<T>(_ p: inout UnsafeMutablePointer<T>, _ oldCount: Int, _ newCount: Int, fill: T) {
      let q = UnsafeMutablePointer<T>.allocate(capacity: newCount)
      q.moveInitialize(from: p, count: oldCount)
      (q + oldCount).initialize(repeating: fill, count: newCount - oldCount)
      p.deallocate()
      p = q
    }
    enlarge(&used, old / 64, newCount / 64, fill: 0)
    enlarge(&candidates, old / 64, newCount / 64, fill: ~0)
    enlarge(&summary, old / 4096, newCount / 4096, fill: ~0)
    enlarge(&top, (old / 4096 + 63) / 64, (newCount / 4096 + 63) / 64, fill: 0)
    for s in (old / 4096)..<(newCount / 4096) { top[s >> 6] |= 1 << UInt64(s & 63) }
    if uniqueBases { enlarge(&baseUsed, old / 64, newCount / 64, fill: 0) }
    enlarge(&failures0, old / 64, newCount / 64, fill: 0)
    enlarge(&failures1, old / 64, newCount / 64, fill: 0)
    enlarge(&failures2, old / 64, newCount / 64, fill: 0)
    count = newCount
  }

  /// Slot `slot` is no longer a candidate.
  @inline(__always) private func removeCandidate(_ slot: Int) {
    let w = slot >> 6
    candidates[w] &= ~(1 << UInt64(slot & 63))
    if candidates[w] == 0 {
      summary[w >> 6] &= ~(1 << UInt64(w & 63))
      if summary[w >> 6] == 0 { top[w >> 12] &= ~(1 << UInt64((w >> 6) & 63)) }
      if w == lowWord {
        while lowWord < count >> 6 && candidates[lowWord] == 0 { lowWord += 1 }
      }
    }
  }

  /// The smallest candidate ≥ `slot`: inline when it is in the same word (most searches).
  @inline(__always) private func candidate(from slot: Int) -> Int {
    let w = slot >> 6
    if slot < count && w >= lowWord {
      let bits = candidates[w] & (~0 << UInt64(slot & 63))
      if bits != 0 { return w << 6 + bits.trailingZeroBitCount }
    }
    return candidateBeyondWord(from: slot)
  }

  /// ``candidate(from:)`` past the word of `slot`.
  @inline(never) private func candidateBeyondWord(from slot: Int) -> Int {
    if slot >= count { grow(to: slot + 1) }
    var w = slot >> 6
    let bits = w < lowWord ? 0 : candidates[w] & (~0 << UInt64(slot & 63))
    if bits != 0 { return w << 6 + bits.trailingZeroBitCount }
    if w < lowWord && lowWord < count >> 6 {
      return lowWord << 6 + candidates[lowWord].trailingZeroBitCount
    }
    // The next candidate word: in this summary word, else through the top bitmap.
    w += 1
    let words = count >> 6
    if w < words {
      var s = w >> 6
      let summaryBits = summary[s] & (~0 << UInt64(w & 63))
      if summaryBits != 0 {
        let word = s << 6 + summaryBits.trailingZeroBitCount
        return word << 6 + candidates[word].trailingZeroBitCount
      }
      s += 1
      let summaryWords = count >> 12
      if s < summaryWords {
        var t = s >> 6
        var topBits = top[t] & (~0 << UInt64(s & 63))
        let topWords = (summaryWords + 63) >> 6
        while topBits == 0 && t + 1 < topWords {
          t += 1
          topBits = top[t]
        }
        if topBits != 0 {
          s = t << 6 + topBits.trailingZeroBitCount
          let word = s << 6 + summary[s].trailingZeroBitCount
          return word << 6 + candidates[word].trailingZeroBitCount
        }
      }
    }
    // None below the end: slots past it are all candidates.
    let end = count
    grow(to: end + 1)
    return max(end, slot)
  }

  private func markUsed(_ slot: Int) {
    if slot >= count { grow(to: slot + 1) }
    used[slot >> 6] |= 1 << UInt64(slot & 63)
    removeCandidate(slot)
  }

  /// The 64 bits of `bitmap` from bit `position` on (bit 0 of the result is bit `position`).
  /// Needs `position + 64 < count`.
  @inline(__always)
  private func window(_ bitmap: UnsafeMutablePointer<UInt64>, _ position: Int) -> UInt64 {
    let w = position >> 6
    let r = UInt64(position & 63)
    if r == 0 { return bitmap[w] }
    return bitmap[w] >> r | bitmap[w + 1] << (64 - r)
  }

  /// Finds a base for `symbols` (ascending, non-empty), marks their slots used, returns it.
  ///
  /// Tries the candidates 64 slots at a time: one window of the occupancy bitmap per symbol
  /// tells at once which of 64 bases fit. The candidates are still taken in ascending order —
  /// every candidate below the first that fits counts a failure, as when they were tried one
  /// by one.
  func place(_ symbols: UnsafeBufferPointer<UInt32>) -> Int {
    guard let firstSymbol = symbols.first, let lastSymbol = symbols.last else { return 0 }
    let first = Int(firstSymbol)
    let last = Int(lastSymbol)
    var start = candidate(from: first)  // the window's first slot, a candidate
    var slot = 0
    while true {
      let b = start - first  // the base for the window's first slot
      let reach = Swift.max(start, b + last) + 64
      if reach >= count { grow(to: reach + 1) }
      let inWindow = window(candidates, start)
      var fit: UInt64 = uniqueBases ? ~window(baseUsed, b) : ~0
      var k = 1
      while k < symbols.count && fit & inWindow != 0 {
        fit &= ~window(used, b + Int(symbols[k]))
        k += 1
      }
      let hits = inWindow & fit
      // The candidates tried before the first that fits (all of them when none does) failed.
      var failed = hits == 0 ? inWindow : inWindow & ((hits & (0 &- hits)) &- 1)
      if failed != 0 {
        let r = start & 63
        countFailures(word: start >> 6, failed << UInt64(r))
        if r != 0 { countFailures(word: start >> 6 + 1, failed >> UInt64(64 - r)) }
      }
      if hits != 0 {
        slot = start + hits.trailingZeroBitCount
        break
      }
      start = candidate(from: start + 64)
    }
    let b = slot - first
    // In bounds: the last window's reach covers b + last (b is at most 63 past its base).
    for s in symbols {
      let used = b + Int(s)
      self.used[used >> 6] |= 1 << UInt64(used & 63)
      removeCandidate(used)
    }
    if uniqueBases { baseUsed[b >> 6] |= 1 << UInt64(b & 63) }
    return b
  }

  /// Adds a failure to each candidate slot whose bit is set in `mask` (bit `i`: slot
  /// `64 * word + i`), and retires those that reach ``retireAfter``.
  @inline(__always) private func countFailures(word w: Int, _ mask: UInt64) {
    if mask == 0 { return }
    // A bit-sliced increment of the masked counts (none is past retireAfter ≤ 7, so no
    // carry leaves the third plane).
    let c0 = failures0[w]
    let c1 = failures1[w]
    let carry0 = c0 & mask
    let n0 = c0 ^ mask
    let n1 = c1 ^ carry0
    let n2 = failures2[w] ^ (c1 & carry0)
    failures0[w] = n0
    failures1[w] = n1
    failures2[w] = n2
    let r = retireAfter
    var retired =
      mask & (r & 1 != 0 ? n0 : ~n0) & (r & 2 != 0 ? n1 : ~n1) & (r & 4 != 0 ? n2 : ~n2)
    while retired != 0 {
      removeCandidate(w << 6 + retired.trailingZeroBitCount)
      retired &= retired &- 1
    }
  }

  /// Finds a base for `symbols` (ascending, non-empty), marks their slots used, returns it.
  func place(_ symbols: [UInt32]) -> Int {
    symbols.withUnsafeBufferPointer { place($0) }
  }

  /// A base no other state has (unique-base mode), for a state with no transitions of its own.
  func freshBase() -> Int {
    precondition(uniqueBases, "freshBase needs unique-base mode")
    while nextFreeBase < count
      && baseUsed[nextFreeBase >> 6] & (1 << UInt64(nextFreeBase & 63)) != 0
    {
      nextFreeBase += 1
    }
    if nextFreeBase >= count { grow(to: nextFreeBase + 1) }
    baseUsed[nextFreeBase >> 6] |= 1 << UInt64(nextFreeBase & 63)
    return nextFreeBase
  }
}

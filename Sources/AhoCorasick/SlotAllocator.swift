// kwfilter — AhoCorasick: finding room for a state's transitions in a double array.

/// First-fit placement of symbol sets in a double array, with retired holes.
///
/// `place` looks for a base `b` such that `b + symbol` is free for every symbol. Candidates are
/// the free slots in ascending order, visited through a path-compressed "next candidate"
/// forest, so used slots cost nothing. A free slot that has failed as the first slot of
/// `retireAfter` sets is retired as a candidate (it stays free for other sets' later symbols):
/// fragmented regions are what make naive double-array builds quadratic. Lists of 100,000 terms
/// build in a fraction of a second.
///
/// The tables live in raw buffers (a class owns them): placement runs once per state of every
/// list compiled at start-up, and array bounds and uniqueness checks were a third of its cost.
final class SlotAllocator {
  /// Slot occupancy (slots past the end are free).
  @exclusivity(unchecked) private var used: UnsafeMutablePointer<Bool>
  /// `next[i]`: a pointer toward the smallest candidate ≥ i (i itself when i is one).
  @exclusivity(unchecked) private var next: UnsafeMutablePointer<Int32>
  /// Failed attempts per candidate slot.
  @exclusivity(unchecked) private var failures: UnsafeMutablePointer<UInt8>
  /// With unique bases: which bases are taken (a base then names its state).
  @exclusivity(unchecked) private var baseUsed: UnsafeMutablePointer<Bool>
  /// Number of slots the buffers hold.
  @exclusivity(unchecked) private var count = 0
  @exclusivity(unchecked) private var nextFreeBase = 0
  let uniqueBases: Bool
  let retireAfter: UInt8

  /// - Parameters:
  ///   - reserved: slots `0..<reserved` start used.
  ///   - capacity: expected number of slots (grows if needed).
  ///   - uniqueBases: give every placed set its own base (a base then names its state).
  init(reserved: Int = 0, capacity: Int = 1024, retireAfter: UInt8 = 4, uniqueBases: Bool = false) {
    self.retireAfter = retireAfter
    self.uniqueBases = uniqueBases
    used = .allocate(capacity: 0)
    next = .allocate(capacity: 0)
    failures = .allocate(capacity: 0)
    baseUsed = .allocate(capacity: 0)
    grow(to: max(capacity, reserved + 64))
    for slot in 0..<reserved { markUsed(slot) }
  }

  deinit {
    used.deallocate()
    next.deallocate()
    failures.deallocate()
    baseUsed.deallocate()
  }

  // Growth is by a quarter: every byte of these tables is written when it is added (page
  // faults were a visible part of start-up), and the slots a build needs end a little past
  // the caller's estimate, seldom twice it. Placement never depends on the capacity.
  private func grow(to newCount: Int) {
    let old = count
    if newCount <= old { return }
    func enlarge<T>(_ p: inout UnsafeMutablePointer<T>, fill: T) {
      let q = UnsafeMutablePointer<T>.allocate(capacity: newCount)
      q.moveInitialize(from: p, count: old)
      (q + old).initialize(repeating: fill, count: newCount - old)
      p.deallocate()
      p = q
    }
    enlarge(&used, fill: false)
    if uniqueBases { enlarge(&baseUsed, fill: false) }
    enlarge(&failures, fill: 0)
    enlarge(&next, fill: 0)
    for i in old..<newCount { next[i] = Int32(i) }
    count = newCount
  }

  /// The smallest candidate ≥ `slot`.
  private func candidate(from slot: Int) -> Int {
    if slot + 1 >= count { grow(to: max(slot + 2, count + count / 4)) }
    var root = slot
    while Int(next[root]) != root {
      root = Int(next[root])
      if root + 1 >= count { grow(to: max(root + 2, count + count / 4)) }
    }
    var i = slot
    while Int(next[i]) != root {  // path compression
      let up = Int(next[i])
      next[i] = Int32(root)
      i = up
    }
    return root
  }

  private func markUsed(_ slot: Int) {
    if slot + 2 >= count { grow(to: max(slot + 3, count + count / 4)) }
    used[slot] = true
    next[slot] = Int32(slot + 1)  // no longer a candidate
  }

  /// Finds a base for `symbols` (ascending, non-empty), marks their slots used, returns it.
  func place(_ symbols: UnsafeBufferPointer<UInt32>) -> Int {
    guard let firstSymbol = symbols.first, let lastSymbol = symbols.last else { return 0 }
    let first = Int(firstSymbol)
    let last = Int(lastSymbol)
    var slot = candidate(from: first)
    while true {
      let b = slot - first
      if b + last >= count { grow(to: max(b + last + 1, count + count / 4)) }
      var fits = !uniqueBases || !baseUsed[b]
      if fits {
        let used = self.used
        var k = 1
        while k < symbols.count {
          if used[b + Int(symbols[k])] {
            fits = false
            break
          }
          k += 1
        }
      }
      if fits { break }
      failures[slot] &+= 1
      if failures[slot] >= retireAfter { next[slot] = Int32(slot + 1) }
      // The next candidate: usually the next slot itself (what `candidate(from:)` returns for
      // a candidate slot, without the call).
      let following = slot + 1
      if following + 1 < count && Int(next[following]) == following {
        slot = following
      } else {
        slot = candidate(from: following)
      }
    }
    let b = slot - first
    for s in symbols { markUsed(b + Int(s)) }
    if uniqueBases { baseUsed[b] = true }
    return b
  }

  /// Finds a base for `symbols` (ascending, non-empty), marks their slots used, returns it.
  func place(_ symbols: [UInt32]) -> Int {
    symbols.withUnsafeBufferPointer { place($0) }
  }

  /// A base no other state has (unique-base mode), for a state with no transitions of its own.
  func freshBase() -> Int {
    precondition(uniqueBases, "freshBase needs unique-base mode")
    while nextFreeBase < count && baseUsed[nextFreeBase] { nextFreeBase += 1 }
    if nextFreeBase + 1 >= count { grow(to: max(nextFreeBase + 2, count + count / 4)) }
    baseUsed[nextFreeBase] = true
    return nextFreeBase
  }
}

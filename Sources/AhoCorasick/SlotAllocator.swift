// kwfilter — AhoCorasick: finding room for a state's transitions in a double array.

/// First-fit placement of symbol sets in a double array, with retired holes.
///
/// `place` looks for a base `b` such that `b + symbol` is free for every symbol. Candidates are
/// the free slots in ascending order, visited through a path-compressed "next candidate"
/// forest, so used slots cost nothing. A free slot that has failed as the first slot of
/// `retireAfter` sets is retired as a candidate (it stays free for other sets' later symbols):
/// fragmented regions are what make naive double-array builds quadratic. Lists of 100,000 terms
/// build in a fraction of a second.
struct SlotAllocator {
  /// Slot occupancy (slots past the end are free).
  private(set) var used: [Bool] = []
  /// `next[i]`: a pointer toward the smallest candidate ≥ i (i itself when i is one).
  private var next: [Int32] = []
  /// Failed attempts per candidate slot.
  private var failures: [UInt8] = []
  /// Scratch copy of the symbols being placed.
  private var symbols: [Int] = []
  /// With unique bases: which bases are taken (a base then names its state).
  private var baseUsed: [Bool] = []
  private var nextFreeBase = 0
  let uniqueBases: Bool
  let retireAfter: UInt8

  /// - Parameters:
  ///   - reserved: slots `0..<reserved` start used.
  ///   - capacity: expected number of slots (grows if needed).
  ///   - uniqueBases: give every placed set its own base (a base then names its state).
  init(reserved: Int = 0, capacity: Int = 1024, retireAfter: UInt8 = 4, uniqueBases: Bool = false) {
    self.retireAfter = retireAfter
    self.uniqueBases = uniqueBases
    grow(to: max(capacity, reserved + 64))
    for slot in 0..<reserved { markUsed(slot) }
  }

  private mutating func grow(to count: Int) {
    let old = used.count
    if count <= old { return }
    used.append(contentsOf: repeatElement(false, count: count - old))
    if uniqueBases { baseUsed.append(contentsOf: repeatElement(false, count: count - old)) }
    failures.append(contentsOf: repeatElement(0, count: count - old))
    next.reserveCapacity(count)
    for i in old..<count { next.append(Int32(i)) }
  }

  /// The smallest candidate ≥ `slot`.
  private mutating func candidate(from slot: Int) -> Int {
    if slot + 1 >= next.count { grow(to: max(slot + 2, next.count * 2)) }
    var root = slot
    while Int(next[root]) != root {
      root = Int(next[root])
      if root + 1 >= next.count { grow(to: max(root + 2, next.count * 2)) }
    }
    var i = slot
    while Int(next[i]) != root {  // path compression
      let up = Int(next[i])
      next[i] = Int32(root)
      i = up
    }
    return root
  }

  private mutating func markUsed(_ slot: Int) {
    if slot + 2 >= used.count { grow(to: max(slot + 3, used.count * 2)) }
    used[slot] = true
    next[slot] = Int32(slot + 1)  // no longer a candidate
  }

  /// Finds a base for `symbolSet` (ascending, non-empty), marks their slots used, returns it.
  mutating func place(_ symbolSet: some Collection<UInt32>) -> Int {
    symbols.removeAll(keepingCapacity: true)
    for s in symbolSet { symbols.append(Int(s)) }
    guard let first = symbols.first, let last = symbols.last else { return 0 }
    var slot = candidate(from: first)
    while true {
      let b = slot - first
      if b + last >= used.count { grow(to: max(b + last + 1, used.count * 2)) }
      var fits = !uniqueBases || !baseUsed[b]
      for k in 1..<symbols.count where fits && used[b + symbols[k]] {
        fits = false
        break
      }
      if fits { break }
      failures[slot] &+= 1
      if failures[slot] >= retireAfter { next[slot] = Int32(slot + 1) }
      slot = candidate(from: slot + 1)
    }
    let b = slot - first
    for s in symbols { markUsed(b + s) }
    if uniqueBases { baseUsed[b] = true }
    return b
  }

  /// A base no other state has (unique-base mode), for a state with no transitions of its own.
  mutating func freshBase() -> Int {
    while nextFreeBase < baseUsed.count && baseUsed[nextFreeBase] { nextFreeBase += 1 }
    if nextFreeBase + 1 >= used.count { grow(to: max(nextFreeBase + 2, used.count * 2)) }
    baseUsed[nextFreeBase] = true
    return nextFreeBase
  }
}

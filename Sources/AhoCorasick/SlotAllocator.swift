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
  let retireAfter: UInt8

  init(reserved: Int = 0, retireAfter: UInt8 = 8) {
    self.retireAfter = retireAfter
    ensure(reserved + 1024)
    for slot in 0..<reserved { markUsed(slot) }
  }

  private mutating func ensure(_ slot: Int) {
    if slot >= used.count {
      let old = used.count
      let count = max(slot + 1, old * 2)
      used.append(contentsOf: repeatElement(false, count: count - old))
      failures.append(contentsOf: repeatElement(0, count: count - old))
      next.append(contentsOf: (old..<count).map { Int32($0) })
    }
  }

  /// The smallest candidate ≥ `slot`.
  private mutating func candidate(from slot: Int) -> Int {
    ensure(slot + 1)
    var root = slot
    while Int(next[root]) != root {
      root = Int(next[root])
      ensure(root + 1)
    }
    var i = slot
    while Int(next[i]) != root {  // path compression
      let up = Int(next[i])
      next[i] = Int32(root)
      i = up
    }
    return root
  }

  private mutating func retire(_ slot: Int) {
    ensure(slot + 2)
    next[slot] = Int32(slot + 1)
  }

  private mutating func markUsed(_ slot: Int) {
    ensure(slot + 2)
    used[slot] = true
    retire(slot)
  }

  /// Finds a base for `symbols` (ascending, non-empty), marks their slots used, returns it.
  mutating func place(_ symbols: some Collection<UInt32>) -> Int {
    guard let first = symbols.first.map(Int.init) else { return 0 }
    var slot = candidate(from: first)
    while true {
      let b = slot - first
      if symbols.allSatisfy({ b + Int($0) >= used.count || !used[b + Int($0)] }) { break }
      failures[slot] &+= 1
      if failures[slot] >= retireAfter { retire(slot) }
      slot = candidate(from: slot + 1)
    }
    let b = slot - first
    for s in symbols { markUsed(b + Int(s)) }
    return b
  }
}

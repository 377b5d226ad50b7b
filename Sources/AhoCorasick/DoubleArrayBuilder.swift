// kwfilter — AhoCorasick: build stage (sorted trie → double array → failure links).

/// Builds the tables of an ``Automaton``.
///
/// Three passes, each linear in the size of the trie:
/// 1. sort the patterns and insert them into a first-child/next-sibling trie, so every node's
///    children arrive in ascending symbol order and no per-node dictionary is needed;
/// 2. walk the trie breadth first and give each node's children slots in the double array
///    (`base[parent] + symbol`), taking the first free run that fits;
/// 3. compute failure and dictionary links breadth first on the placed states.
struct DoubleArrayBuilder {
  /// The patterns end to end: pattern `i` is `symbols[start[i]..<start[i + 1]]`. Emptied by
  /// ``build()`` once the trie holds them: the tables built after it are the larger part of a
  /// build's peak memory.
  private(set) var symbols: [UInt32]
  /// Where each pattern starts in ``symbols``, and its count last (emptied with ``symbols``).
  private(set) var start: [Int]
  let alphabetSize: Int
  /// Number of patterns.
  let patternCount: Int

  // The automaton's tables, filled in place and handed to it without a copy.
  var base = FlatArray<Int32>([])
  var check = FlatArray<UInt32>([])
  var fail = FlatArray<UInt32>([])
  var rootNext = FlatArray<UInt32>([])
  var ownOutput = FlatArray<UInt32>([])
  var nextSameOutput = FlatArray<UInt32>([])
  var dictionaryLink = FlatArray<UInt32>([])
  var depth = FlatArray<UInt32>([])
  /// States in breadth-first order (root first).
  var bfsOrder: [UInt32] = []
  /// Children of each state as a range into ``childSymbols``/``childStates`` (ascending symbol).
  ///
  /// Indexed by slot; allocated by ``build()`` and handed to the scan layout by
  /// ``takeChildRanges()``, which owns them from then on (it reuses them for its own lists).
  private(set) var childStart = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
  private(set) var childCount = UnsafeMutableBufferPointer<Int32>(start: nil, count: 0)
  var childSymbols: [UInt32] = []
  var childStates: [UInt32] = []

  /// Checks the patterns (see ``Automaton/init(symbols:patternEnds:alphabetSize:)``).
  init(symbols: consuming [UInt32], patternEnds: borrowing [Int], alphabetSize: Int)
    throws(BuildError)
  {
    var start = [Int]()
    start.reserveCapacity(patternEnds.count + 1)
    start.append(0)
    var lo = 0
    for (index, end) in patternEnds.enumerated() {
      precondition(end >= lo && end <= symbols.count, "pattern ends out of order")
      if end == lo { throw BuildError(patternIndex: index, kind: .emptyPattern) }
      for k in lo..<end where symbols[k] == 0 || Int(symbols[k]) >= alphabetSize {
        throw BuildError(patternIndex: index, kind: .symbolOutOfRange(symbols[k]))
      }
      start.append(end)
      lo = end
    }
    precondition(lo == symbols.count, "symbols after the last pattern end")
    if symbols.count >= Int(Automaton.stateMask) / 2 {
      throw BuildError(patternIndex: nil, kind: .tooManyStates)
    }
    self.symbols = symbols
    self.start = start
    self.patternCount = patternEnds.count
    self.alphabetSize = max(alphabetSize, 1)
  }

  /// Hands ``childStart`` and ``childCount`` over: the caller must deallocate them.
  mutating func takeChildRanges() -> (
    start: UnsafeMutableBufferPointer<Int32>, count: UnsafeMutableBufferPointer<Int32>
  ) {
    defer {
      childStart = UnsafeMutableBufferPointer(start: nil, count: 0)
      childCount = UnsafeMutableBufferPointer(start: nil, count: 0)
    }
    return (childStart, childCount)
  }

  /// Frees ``childSymbols`` and ``childStates`` once the scan layout has read them, before it
  /// allocates its table.
  mutating func releaseChildLists() {
    childSymbols = []
    childStates = []
  }

  // MARK: Trie

  /// First-child/next-sibling trie; node 0 is the root. Every array holds one entry per node.
  private struct Trie {
    var symbol: [UInt32]
    var firstChild: [Int32]
    var nextSibling: [Int32]
    var output: [UInt32]
    var count: Int { symbol.count }
  }

  /// The pattern indices in trie order: lexicographic by symbols (a prefix first), equal
  /// patterns by index.
  ///
  /// Each pattern's first symbols are packed into one 64-bit key (0 past its end: symbols are
  /// ≥ 1), so almost every comparison is one integer compare; ties compare the rest.
  private func sortedOrder(_ flat: UnsafeBufferPointer<UInt32>, _ start: UnsafeBufferPointer<Int>)
    -> [Int]
  {
    struct Key {
      var key: UInt64
      var index: Int
    }
    let bits = alphabetSize <= 1 << 16 ? 16 : 32
    let perKey = 64 / bits
    var keys = [Key]()
    keys.reserveCapacity(patternCount)
    for i in 0..<patternCount {
      var key: UInt64 = 0
      let lo = start[i]
      let n = min(start[i + 1] - lo, perKey)
      for k in 0..<n { key |= UInt64(flat[lo + k]) << UInt64(64 - bits * (k + 1)) }
      keys.append(Key(key: key, index: i))
    }
    keys.sort { a, b in
      if a.key != b.key { return a.key < b.key }
      // Same first symbols: compare the rest, then the lengths, then the indices.
      let (la, ha) = (start[a.index], start[a.index + 1])
      let (lb, hb) = (start[b.index], start[b.index + 1])
      var i = la + perKey
      var j = lb + perKey
      while i < ha && j < hb {
        if flat[i] != flat[j] { return flat[i] < flat[j] }
        i += 1
        j += 1
      }
      if (ha - la) != (hb - lb) { return ha - la < hb - lb }
      return a.index < b.index
    }
    return keys.map { $0.index }
  }

  /// The trie of the patterns, children in ascending symbol order (patterns are inserted in
  /// sorted order, so each new child is its parent's last).
  private func makeTrie(nextSame: inout [UInt32]) -> Trie {
    symbols.withUnsafeBufferPointer { flat in
      start.withUnsafeBufferPointer { start in
        let order = sortedOrder(flat, start)
        // The symbols each pattern shares with the one before it in trie order, and so the
        // exact node count: node arrays sized by the symbol count (one node per symbol at most)
        // were 2.5 times too large for a large list, all of it written and freed again.
        var shared = [Int32](repeating: 0, count: order.count)
        var nodes = 1  // the root
        var previous = 0..<0  // the previous pattern's range in `flat`
        for (k, index) in order.enumerated() {
          let lo = start[index]
          let count = start[index + 1] - lo
          var common = 0
          while common < count && common < previous.count
            && flat[lo + common] == flat[previous.lowerBound + common]
          {
            common += 1
          }
          shared[k] = Int32(common)
          nodes += count - common
          previous = lo..<(lo + count)
        }
        return makeTrie(
          flat, start, order: order, shared: shared, nodeCount: nodes, nextSame: &nextSame)
      }
    }
  }

  /// ``makeTrie(nextSame:)`` once the order, the shared prefixes and the node count are known.
  private func makeTrie(
    _ flat: UnsafeBufferPointer<UInt32>, _ start: UnsafeBufferPointer<Int>, order: [Int],
    shared: [Int32], nodeCount capacity: Int, nextSame: inout [UInt32]
  ) -> Trie {
    var symbol = [UInt32](repeating: 0, count: capacity)
    var firstChild = [Int32](repeating: -1, count: capacity)
    var nextSibling = [Int32](repeating: -1, count: capacity)
    var output = [UInt32](repeating: Automaton.noPattern, count: capacity)
    var nodeCount = 1
    // path[d] = node at depth d of the previous pattern
    var path = [Int](repeating: 0, count: 1)
    symbol.withUnsafeMutableBufferPointer { symbol in
      firstChild.withUnsafeMutableBufferPointer { firstChild in
        nextSibling.withUnsafeMutableBufferPointer { nextSibling in
          output.withUnsafeMutableBufferPointer { output in
            nextSame.withUnsafeMutableBufferPointer { nextSame in
              for (k, index) in order.enumerated() {
                let lo = start[index]
                let count = start[index + 1] - lo
                let common = Int(shared[k])
                // The last child so far of `path[common]`: the previous pattern's node one
                // deeper, if it went deeper (patterns arrive sorted, so no later child
                // exists yet; if it ended there, that node has no child yet).
                var lastChild = common + 1 < path.count ? path[common + 1] : -1
                path.removeSubrange((common + 1)...)
                var node = path[common]
                for d in common..<count {
                  // A new child of `node`, after its other children.
                  let child = nodeCount
                  nodeCount += 1
                  symbol[child] = flat[lo + d]
                  if lastChild < 0 {
                    firstChild[node] = Int32(child)
                  } else {
                    nextSibling[lastChild] = Int32(child)
                  }
                  lastChild = -1  // the new node has no children
                  node = child
                  path.append(node)
                }
                // Identical patterns end at the same node: chain them, first (lowest index)
                // at the head.
                if output[node] == Automaton.noPattern {
                  output[node] = UInt32(index)
                } else {
                  var tail = Int(output[node])
                  while nextSame[tail] != Automaton.noPattern { tail = Int(nextSame[tail]) }
                  nextSame[tail] = UInt32(index)
                }
              }
            }
          }
        }
      }
    }
    precondition(nodeCount == capacity, "trie node count")
    return Trie(symbol: symbol, firstChild: firstChild, nextSibling: nextSibling, output: output)
  }

  // MARK: Placement

  mutating func build() {
    var nextSame = [UInt32](repeating: Automaton.noPattern, count: patternCount)
    let trie = makeTrie(nextSame: &nextSame)
    symbols = []
    start = []
    nextSameOutput = FlatArray(nextSame)
    let nodeCount = trie.count
    let alphabetSize = self.alphabetSize
    // Slot 0: the root.
    let allocator = SlotAllocator(reserved: 1, capacity: nodeCount + alphabetSize + 64)

    // 1. Breadth first over the nodes: each node's children get slots `b + symbol`. Every
    //    non-root node is one edge, so the child lists fill exactly `nodeCount - 1` entries.
    var queue = [Int32](repeating: 0, count: nodeCount)  // nodes in BFS order (root first)
    var stateOfNode = [UInt32](repeating: 0, count: nodeCount)
    var baseOfNode = [Int32](repeating: 0, count: nodeCount)
    var childSymbols = [UInt32](repeating: 0, count: nodeCount - 1)
    var childStates = [UInt32](repeating: 0, count: nodeCount - 1)
    var maxBase = 0
    var maxSlot = 0  // slot 0: the root
    queue.withUnsafeMutableBufferPointer { queue in
      stateOfNode.withUnsafeMutableBufferPointer { stateOfNode in
        baseOfNode.withUnsafeMutableBufferPointer { baseOfNode in
          childSymbols.withUnsafeMutableBufferPointer { childSymbols in
            childStates.withUnsafeMutableBufferPointer { childStates in
              trie.symbol.withUnsafeBufferPointer { symbolOf in
                trie.firstChild.withUnsafeBufferPointer { firstChild in
                  trie.nextSibling.withUnsafeBufferPointer { nextSibling in
                    var tail = 1
                    var edges = 0
                    for head in 0..<nodeCount {
                      let node = Int(queue[head])
                      var child = firstChild[node]
                      if child < 0 { continue }
                      let first = edges
                      while child >= 0 {
                        childSymbols[edges] = symbolOf[Int(child)]
                        edges += 1
                        child = nextSibling[Int(child)]
                      }
                      let b = allocator.place(
                        UnsafeBufferPointer(rebasing: childSymbols[first..<edges]))
                      baseOfNode[node] = Int32(b)
                      maxBase = max(maxBase, b)
                      child = firstChild[node]
                      for k in first..<edges {
                        let s = b + Int(childSymbols[k])
                        maxSlot = max(maxSlot, s)
                        stateOfNode[Int(child)] = UInt32(s)
                        childStates[k] = UInt32(s)
                        queue[tail] = child
                        tail += 1
                        child = nextSibling[Int(child)]
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    self.childSymbols = childSymbols
    self.childStates = childStates

    // 2. The tables, sized to what any transition can reach: base + symbol < count for every
    //    state.
    let slots = max(maxBase + alphabetSize, maxSlot + 1)
    // Allocated here and adopted by `FlatArray`s at the end (see ``FlatArray/init(adopting:)``):
    // written only in this method.
    func table<T>(_ count: Int, _ fill: T) -> UnsafeMutableBufferPointer<T> {
      let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(count, 1))
      buffer.initialize(repeating: fill)
      return UnsafeMutableBufferPointer(rebasing: buffer[0..<count])
    }
    let base = table(slots, Int32(0))
    let check = table(slots, Automaton.emptySlot)
    let ownOutput = table(slots, Automaton.noPattern)
    let depth = table(slots, UInt32(0))
    let fail = table(slots, UInt32(0))
    let dictionaryLink = table(slots, Automaton.noState)
    let rootNext = table(alphabetSize, UInt32(0))
    childStart = table(slots, Int32(0))
    childCount = table(slots, Int32(0))
    bfsOrder = queue.map { stateOfNode[Int($0)] }
    var edge = 0
    for node in queue {
      let state = Int(stateOfNode[Int(node)])
      var n = 0
      var child = trie.firstChild[Int(node)]
      while child >= 0 {
        check[Int(stateOfNode[Int(child)])] = UInt32(state)
        n += 1
        child = trie.nextSibling[Int(child)]
      }
      ownOutput[state] = trie.output[Int(node)]
      if n == 0 { continue }
      base[state] = baseOfNode[Int(node)]
      childStart[state] = Int32(edge)
      childCount[state] = Int32(n)
      edge += n
    }

    // 3. Failure and dictionary links, breadth first.
    let childStart = self.childStart
    let childCount = self.childCount
    self.childSymbols.withUnsafeBufferPointer { childSymbols in
      self.childStates.withUnsafeBufferPointer { childStates in
        for s32 in bfsOrder {
          let s = Int(s32)
          let lo = Int(childStart[s])
          for k in lo..<(lo + Int(childCount[s])) {
            let symbol = Int(childSymbols[k])
            let t = Int(childStates[k])
            depth[t] = depth[s] + 1
            if s == 0 {
              fail[t] = 0
              rootNext[symbol] = UInt32(t)
            } else {
              var f = Int(fail[s])
              var target = 0
              while true {
                if f == 0 {
                  target = Int(rootNext[symbol] & Automaton.stateMask)
                  break
                }
                let u = Int(base[f]) + symbol
                if check[u] & Automaton.stateMask == UInt32(f) {
                  target = u
                  break
                }
                f = Int(fail[f])
              }
              fail[t] = UInt32(target)
            }
            let f = Int(fail[t])
            dictionaryLink[t] =
              ownOutput[f] != Automaton.noPattern && f != 0 ? UInt32(f) : dictionaryLink[f]
          }
        }
      }
    }
    // Output bits: on `check` of each state with an output, and on the root block.
    for s in 1..<slots where check[s] != Automaton.emptySlot {
      if ownOutput[s] != Automaton.noPattern || dictionaryLink[s] != Automaton.noState {
        check[s] |= Automaton.outputBit
      }
    }
    for symbol in 0..<alphabetSize where rootNext[symbol] != 0 {
      let t = Int(rootNext[symbol])
      if check[t] & Automaton.outputBit != 0 { rootNext[symbol] |= Automaton.outputBit }
    }
    self.base = FlatArray(adopting: base)
    self.check = FlatArray(adopting: check)
    self.ownOutput = FlatArray(adopting: ownOutput)
    self.depth = FlatArray(adopting: depth)
    self.fail = FlatArray(adopting: fail)
    self.dictionaryLink = FlatArray(adopting: dictionaryLink)
    self.rootNext = FlatArray(adopting: rootNext)
  }
}

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
  let patterns: [[UInt32]]
  let alphabetSize: Int

  var base: [Int32] = []
  var check: [UInt32] = []
  var fail: [UInt32] = []
  var rootNext: [UInt32] = []
  var ownOutput: [UInt32] = []
  var nextSameOutput: [UInt32] = []
  var dictionaryLink: [UInt32] = []
  var depth: [UInt32] = []
  /// States in breadth-first order (root first).
  var bfsOrder: [UInt32] = []
  /// Children of each state as a range into ``childSymbols``/``childStates`` (ascending symbol).
  var childStart: [Int32] = []
  var childCount: [Int32] = []
  var childSymbols: [UInt32] = []
  var childStates: [UInt32] = []

  init(patterns: [[UInt32]], alphabetSize: Int) throws(BuildError) {
    for (index, pattern) in patterns.enumerated() {
      if pattern.isEmpty { throw BuildError(patternIndex: index, kind: .emptyPattern) }
      for symbol in pattern where symbol == 0 || Int(symbol) >= alphabetSize {
        throw BuildError(patternIndex: index, kind: .symbolOutOfRange(symbol))
      }
    }
    if patterns.reduce(0, { $0 + $1.count }) >= Int(Automaton.stateMask) / 2 {
      throw BuildError(patternIndex: nil, kind: .tooManyStates)
    }
    self.patterns = patterns
    self.alphabetSize = max(alphabetSize, 1)
  }

  // MARK: Trie

  /// First-child/next-sibling trie; node 0 is the root.
  private struct Trie {
    var symbol: [UInt32] = [0]
    var firstChild: [Int32] = [-1]
    var lastChild: [Int32] = [-1]
    var nextSibling: [Int32] = [-1]
    var output: [UInt32] = [Automaton.noPattern]

    mutating func addChild(of parent: Int, symbol s: UInt32) -> Int {
      let node = symbol.count
      symbol.append(s)
      firstChild.append(-1)
      lastChild.append(-1)
      nextSibling.append(-1)
      output.append(Automaton.noPattern)
      if lastChild[parent] < 0 {
        firstChild[parent] = Int32(node)
      } else {
        nextSibling[Int(lastChild[parent])] = Int32(node)
      }
      lastChild[parent] = Int32(node)
      return node
    }
  }

  private func makeTrie(nextSame: inout [UInt32]) -> Trie {
    var trie = Trie()
    let order = patterns.indices.sorted { a, b in
      let pa = patterns[a]
      let pb = patterns[b]
      if pa == pb { return a < b }
      return pa.lexicographicallyPrecedes(pb)
    }
    var path: [Int] = [0]  // path[d] = node at depth d of the previous pattern
    var previous: [UInt32] = []
    for index in order {
      let pattern = patterns[index]
      var common = 0
      while common < pattern.count && common < previous.count
        && pattern[common] == previous[common]
      {
        common += 1
      }
      path.removeSubrange((common + 1)...)
      var node = path[common]
      for d in common..<pattern.count {
        node = trie.addChild(of: node, symbol: pattern[d])
        path.append(node)
      }
      // Identical patterns end at the same node: chain them, first (lowest index) at the head.
      if trie.output[node] == Automaton.noPattern {
        trie.output[node] = UInt32(index)
      } else {
        var tail = Int(trie.output[node])
        while nextSame[tail] != Automaton.noPattern { tail = Int(nextSame[tail]) }
        nextSame[tail] = UInt32(index)
      }
      previous = pattern
    }
    return trie
  }

  // MARK: Placement

  mutating func build() {
    nextSameOutput = Array(repeating: Automaton.noPattern, count: patterns.count)
    let trie = makeTrie(nextSame: &nextSameOutput)
    let nodeCount = trie.symbol.count

    var stateOfNode = [UInt32](repeating: 0, count: nodeCount)
    var used: [Bool] = [true]  // slot 0: the root
    base = [0]
    check = [Automaton.emptySlot]
    let allocator = SlotAllocator(reserved: 1, capacity: nodeCount + alphabetSize + 64)  // slot 0: the root
    var maxBase = 0

    func ensure(_ slot: Int) {
      if slot >= used.count {
        let grow = max(slot + 1, used.count * 2) - used.count
        used.append(contentsOf: repeatElement(false, count: grow))
        base.append(contentsOf: repeatElement(0, count: grow))
        check.append(contentsOf: repeatElement(Automaton.emptySlot, count: grow))
      }
    }

    var queue: [Int] = [0]
    var head = 0
    var childRanges: [(UInt32, Int32, Int32)] = []
    var children: [Int] = []
    var symbols: [UInt32] = []
    queue.reserveCapacity(nodeCount)
    childSymbols.reserveCapacity(nodeCount)
    childStates.reserveCapacity(nodeCount)
    while head < queue.count {
      let node = queue[head]
      head += 1
      children.removeAll(keepingCapacity: true)
      var child = trie.firstChild[node]
      while child >= 0 {
        children.append(Int(child))
        child = trie.nextSibling[Int(child)]
      }
      if children.isEmpty { continue }
      symbols.removeAll(keepingCapacity: true)
      for c in children { symbols.append(trie.symbol[c]) }
      let b = allocator.place(symbols)
      ensure(b + alphabetSize)
      let parentState = stateOfNode[node]
      base[Int(parentState)] = Int32(b)
      maxBase = max(maxBase, b)
      childRanges.append((parentState, Int32(childSymbols.count), Int32(children.count)))
      for c in children {
        let s = b + Int(trie.symbol[c])
        used[s] = true
        check[s] = parentState
        stateOfNode[c] = UInt32(s)
        queue.append(c)
        childSymbols.append(trie.symbol[c])
        childStates.append(UInt32(s))
      }
    }

    // Trim to what any transition can reach: base + symbol < count for every state.
    let needed = max(maxBase + alphabetSize, (used.lastIndex(of: true) ?? 0) + 1)
    ensure(needed)
    base.removeSubrange(needed...)
    check.removeSubrange(needed...)
    let slots = base.count

    childStart = Array(repeating: 0, count: slots)
    childCount = Array(repeating: 0, count: slots)
    for (state, start, count) in childRanges {
      childStart[Int(state)] = start
      childCount[Int(state)] = count
    }
    bfsOrder = queue.map { stateOfNode[$0] }
    ownOutput = Array(repeating: Automaton.noPattern, count: slots)
    depth = Array(repeating: 0, count: slots)
    for node in 0..<nodeCount {
      ownOutput[Int(stateOfNode[node])] = trie.output[node]
    }

    // Failure and dictionary links, breadth first (queue order is BFS order of nodes).
    fail = Array(repeating: 0, count: slots)
    dictionaryLink = Array(repeating: Automaton.noState, count: slots)
    rootNext = Array(repeating: 0, count: alphabetSize)
    for node in queue {
      let s = Int(stateOfNode[node])
      var child = trie.firstChild[node]
      while child >= 0 {
        let c = Int(child)
        let symbol = Int(trie.symbol[c])
        let t = Int(stateOfNode[c])
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
        child = trie.nextSibling[c]
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
  }
}

// kwfilter — KeywordFilter: which positions of a term to replace, cheapest combinations first.

extension VariantExpander {
  /// Choice vectors over positions with `counts[i]` alternatives each, best first.
  ///
  /// Choice 0 keeps a position; choice `j ≥ 1` takes its `j`-th alternative. Vectors are ordered
  /// by total cost, where keeping a position costs 1 and alternative `j` costs `j` (so keeping
  /// costs as much as taking the first alternative), then by more positions changed, then
  /// lexicographically. The all-zero vector is skipped. Only the first
  /// ``maxSubstitutedPositions`` positions with alternatives ever change.
  ///
  /// For two positions with two alternatives each: `[1,1]`, `[0,1]`, `[1,0]`, then `[1,2]`,
  /// `[2,1]`, `[0,2]`, `[2,0]`, then `[2,2]`.
  ///
  /// - Returns: at most `cap` vectors, each with `counts.count` entries.
  /// - Complexity: proportional to the vectors of the cost levels visited; levels are built one
  ///   at a time and the enumeration stops at `cap`.
  static func choiceVectors(_ counts: [Int], cap: Int) -> [[Int]] {
    let positions = Array(counts.indices.filter { counts[$0] > 0 }.prefix(maxSubstitutedPositions))
    guard !positions.isEmpty, cap > 0 else { return [] }
    let ks = positions.map { counts[$0] }
    let n = ks.count
    // Every position costs at least 1 and at most its number of alternatives.
    var maxRest = [Int](repeating: 0, count: n + 1)
    for p in stride(from: n - 1, through: 0, by: -1) { maxRest[p] = maxRest[p + 1] + ks[p] }

    var out: [[Int]] = []
    var level: [(zeros: Int, vector: [Int])] = []
    var vector: [Int] = []
    func collect(_ p: Int, _ remaining: Int) {
      if p == n {
        if vector.contains(where: { $0 != 0 }) {
          level.append((vector.count(where: { $0 == 0 }), vector))
        }
        return
      }
      for j in 0...ks[p] {
        let r = remaining - max(j, 1)
        if r >= n - p - 1 && r <= maxRest[p + 1] {
          vector.append(j)
          collect(p + 1, r)
          vector.removeLast()
        }
      }
    }
    for total in n...maxRest[0] {
      level.removeAll(keepingCapacity: true)
      collect(0, total)
      level.sort { a, b in
        a.zeros != b.zeros ? a.zeros < b.zeros : a.vector.lexicographicallyPrecedes(b.vector)
      }
      for entry in level {
        var full = [Int](repeating: 0, count: counts.count)
        for (p, j) in zip(positions, entry.vector) { full[p] = j }
        out.append(full)
        if out.count >= cap { return out }
      }
    }
    return out
  }
}

// kwfilter — tests: the slow, obviously correct matcher the filter is checked against.

@testable import KeywordFilter

/// Brute force over the decoded, folded text: for every term and every place in the text, walk
/// forward comparing folded characters and skipping noise; then drop boundary violations and
/// allow-listed occurrences, then pick leftmost-longest (or keep all).
struct ReferenceMatcher {
  let wordlist: Wordlist
  let normalization: Normalization
  let semantics: MatchSemantics
  /// The boundary rule (see ``BoundaryControl``): its context is read here from the decoded
  /// characters, independently of the scanner; the segmentation itself is ``BoundaryRule``'s.
  var boundaryControl: BoundaryControl = .off

  struct Char {
    var start: Int
    var end: Int
    /// nil: invalid byte. [] : noise. Otherwise the folded code points.
    var folded: [UInt32]?
  }

  func decode(_ bytes: [UInt8]) -> [Char] {
    var chars: [Char] = []
    var i = 0
    while i < bytes.count {
      var length = 1
      var scalar: UInt32? = nil
      // Try each length; a valid sequence decodes with String's own validator.
      for n in 1...4 where i + n <= bytes.count {
        if let s = String(validating: bytes[i..<i + n], as: UTF8.self), s.unicodeScalars.count == 1 {
          scalar = s.unicodeScalars.first!.value
          length = n
          break
        }
      }
      var folded: [UInt32]? = nil
      if let scalar {
        switch Alphabet.fold(scalar, normalization: normalization, folds: FoldTable.standard) {
        case .noise: folded = []
        case .single(let f): folded = [f]
        case .multiple(let fs): folded = fs
        }
      }
      chars.append(Char(start: i, end: i + length, folded: folded))
      i += length
    }
    return chars
  }

  func occurrences(of term: [UInt32], in chars: [Char]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for i in chars.indices {
      guard let first = chars[i].folded, !first.isEmpty else { continue }
      for k in first.indices {
        var ci = i
        var ck = k
        var ok = true
        var lastChar = i
        for (t, symbol) in term.enumerated() {
          guard let f = chars[ci].folded, ck < f.count, f[ck] == symbol else {
            ok = false
            break
          }
          lastChar = ci
          if t == term.count - 1 { break }
          if ck + 1 < f.count {
            ck += 1
            continue
          }
          // Next character, skipping at most maxNoise noise characters.
          var noise = 0
          ci += 1
          while ci < chars.count, chars[ci].folded == [] {
            noise += 1
            ci += 1
          }
          if ci >= chars.count || (normalization.skipNoise && noise > normalization.maxNoise) {
            ok = false
            break
          }
          ck = 0
        }
        if ok { result.append(chars[i].start..<chars[lastChar].end) }
      }
    }
    return result
  }

  func isWord(_ c: Char?) -> Bool {
    guard let c, let f = c.folded, let first = f.first else { return false }
    return Alphabet.isWordCharacter(first)
  }

  /// Whether a term occurrence survives the boundary rule, from the decoded characters.
  func survivesBoundaryRule(_ r: Range<Int>, in chars: [Char]) -> Bool {
    func han(_ c: Char) -> UInt32? {
      guard let f = c.folded, f.count == 1, WordFrequencies.isHan(f[0]) else { return nil }
      return f[0]
    }
    guard let first = chars.firstIndex(where: { $0.start == r.lowerBound }),
      let last = chars.firstIndex(where: { $0.end == r.upperBound })
    else { return true }
    var match: [UInt32] = []
    for c in chars[first...last] {
      if c.folded == [] {
        if match.last != BoundaryRule.separator { match.append(BoundaryRule.separator) }
      } else if let f = han(c) {
        match.append(f)
      } else {
        return true
      }
    }
    var before: [UInt32] = []
    var k = first - 1
    while k >= 0, before.count < BoundaryRule.contextCharacters, let f = han(chars[k]) {
      before.insert(f, at: 0)
      k -= 1
    }
    var after: [UInt32] = []
    k = last + 1
    while k < chars.count, after.count < BoundaryRule.contextCharacters, let f = han(chars[k]) {
      after.append(f)
      k += 1
    }
    return ReferenceBoundaryRule.survives(
      before: before, match: match, after: after, words: WordFrequencies.shared)
  }

  /// The matches with their tiers (entry tiers, lowered to `review` by the boundary rule).
  func matchesWithTiers(in bytes: [UInt8]) -> [(entry: Int, range: Range<Int>, tier: Tier)] {
    let chars = decode(bytes)
    return matches(in: bytes).map { m in
      let tier =
        boundaryControl == .review && !survivesBoundaryRule(m.range, in: chars)
        ? .review : wordlist.entries[m.entry].tier
      return (m.entry, m.range, tier)
    }
  }

  func matches(in bytes: [UInt8]) -> [(entry: Int, range: Range<Int>)] {
    let chars = decode(bytes)
    let charAt = Dictionary(uniqueKeysWithValues: chars.enumerated().map { ($1.start, $0) })
    let charEndingAt = Dictionary(uniqueKeysWithValues: chars.enumerated().map { ($1.end, $0) })
    var terms: [(entry: Int, range: Range<Int>)] = []
    var allows: [Range<Int>] = []
    for (e, entry) in wordlist.entries.enumerated() {
      let term = Alphabet.foldTerm(entry.text, normalization: normalization, folds: .standard)
      for r in occurrences(of: term, in: chars) {
        if normalization.wordBoundaries {
          if Alphabet.isWordCharacter(term.first!),
            isWord(charEndingAt[r.lowerBound].map { chars[$0] })
          {
            continue
          }
          if Alphabet.isWordCharacter(term.last!), isWord(charAt[r.upperBound].map { chars[$0] }) {
            continue
          }
        }
        if entry.kind == .allow { allows.append(r) } else { terms.append((e, r)) }
      }
    }
    if boundaryControl == .drop {
      terms.removeAll { !survivesBoundaryRule($0.range, in: chars) }
    }
    terms.removeAll { t in allows.contains { $0.lowerBound <= t.range.lowerBound && t.range.upperBound <= $0.upperBound } }
    terms.sort {
      ($0.range.lowerBound, -$0.range.upperBound, $0.entry)
        < ($1.range.lowerBound, -$1.range.upperBound, $1.entry)
    }
    if semantics == .all { return terms }
    var chosen: [(entry: Int, range: Range<Int>)] = []
    for t in terms where chosen.last.map({ t.range.lowerBound >= $0.range.upperBound }) ?? true {
      chosen.append(t)
    }
    return chosen
  }
}

// kwfilter — KeywordFilter: deciding whether a Chinese match cuts through a word (segmentation).

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Decides whether a match of a Chinese term cuts through a common word of its context
/// (see ``BoundaryControl``), by max-probability segmentation of a small window, as jieba does
/// (a DAG of dictionary words, dynamic programming over word costs `-ln p`).
///
/// The window is the match with up to ``contextCharacters`` Han characters on each side (the
/// context stops at anything that is not a Han character: punctuation, a space, Latin, a line
/// break). The match **survives** when
///
///     cost(best segmentation keeping the match whole) ≤ cost(best segmentation) + margin
///
/// where "keeping the match whole" means the match is one word of its own — costed as a
/// dictionary word if it is one, and never worse than a word of frequency ``termFrequency``
/// (the list says it is a word) — or lies inside one longer dictionary word (`法轮` in
/// `法轮功`). So only words that *straddle* the match's start or end can cut it: in
/// `路口交通` the best segmentation 路口 · 交通 costs 20.6, while 路 · 口交 · 通 costs 29.7,
/// more than ``margin`` (4) above. Noise inside the match (`口，交`) is a hard break: no word of
/// the segmentation spans it, but the match token does.
///
/// Only matches made of Han characters (noise aside) are checked; a match with no Han
/// character next to it is never cut, and a cheap test (is there any dictionary word across
/// the start or the end at all?) settles most matches before any segmentation.
enum BoundaryRule {
  /// Han characters of context taken on each side.
  static let contextCharacters = 6
  /// Input bytes that hold ``contextCharacters`` characters (4 bytes at most each, UTF-8 and
  /// GB18030 alike): how far the scanner looks ahead of a match, and extra history it keeps.
  static let contextBytes = 4 * contextCharacters + 4
  /// How much less likely (in natural log) the whole-match segmentation may be: e⁴ ≈ 55×.
  /// Chosen on the 55 MB Chinese UGC bench corpus with the shipped lists: at 4 the cut matches
  /// are mostly false positives (为我操心, 学术性交流); at 3 true ones join them (速转 in
  /// 请火速转给, 降头 in 善于下降头), at 2 many more (什么叫做爱, 强制性交罪).
  static let margin: Float = 4
  /// The least frequency a term is credited with (about that of a common two-character word
  /// such as 彩票 (249) or 毒品 (566) in jieba's dictionary of 60 million).
  static let termFrequency: Float = 100
  /// A hard break inside the match (noise), in a window.
  static let separator: UInt32 = 0

  /// Whether the match survives. `before` and `after` are the Han context characters (in text
  /// order), `match` the match's folded characters with ``separator`` for noise runs.
  ///
  /// Every segmentation cost is one forward dynamic program: the best costs of all the
  /// window's prefixes come from one pass, and each suffix the rule needs (a few: they start
  /// between the match's end and four characters past its start) from one short pass of its
  /// own, so the sums are made in the same order as a separate `bestCost` of each piece.
  static func survives(
    before: [UInt32], match: [UInt32], after: [UInt32], words: WordFrequencies
  ) -> Bool {
    if before.isEmpty && after.isEmpty { return true }
    let window = before + match + after
    let s = before.count
    let e = s + match.count
    if !hasStraddlingWord(window, s, e, words) { return true }
    let n = window.count
    return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * (n + 1)) { space in
      let prefix = UnsafeMutableBufferPointer(rebasing: space[0...n])
      let scratch = UnsafeMutableBufferPointer(rebasing: space[(n + 1)...])
      bestCosts(window[...], words, into: prefix)
      /// The best cost of `window[b...]`.
      func suffix(_ b: Int) -> Float {
        bestCosts(window[b...], words, into: scratch)
        return scratch[n - b]
      }
      let best = prefix[n]
      let termChars = match.filter { $0 != separator }
      let floorCost = words.unknownCost - Float(log(Double(termFrequency)))
      let termCost = min(words.cost(termChars[...]) ?? floorCost, floorCost)
      var whole = prefix[s] + termCost + suffix(e)
      // The match inside one longer dictionary word (at most 4 characters, so e - s < 4).
      if e - s < 4 {
        for a in max(0, e - 4)...s {
          for b in e...min(n, a + 4) where (a, b) != (s, e) {
            if let c = words.cost(window[a..<b]) {
              whole = min(whole, prefix[a] + c + suffix(b))
            }
          }
        }
      }
      return whole <= best + margin
    }
  }

  /// Whether some dictionary word of two or more characters begins before `s` and ends inside
  /// the match, or begins inside it and ends after `e`.
  static func hasStraddlingWord(
    _ w: [UInt32], _ s: Int, _ e: Int, _ words: WordFrequencies
  ) -> Bool {
    for a in max(0, s - 3)..<s {
      for b in (s + 1)..<min(e, a + 4) + 1 where b < e {
        if words.cost(w[a..<b]) != nil { return true }
      }
    }
    if e < w.count {
      for a in max(s + 1, e - 3)..<e {
        for b in (e + 1)...min(w.count, a + 4) where b > e {
          if words.cost(w[a..<b]) != nil { return true }
        }
      }
    }
    return false
  }

  /// The cost of the best segmentation of `w` into dictionary words (an unknown character is a
  /// word of frequency 1; a separator costs nothing and joins no word).
  static func bestCost(_ w: ArraySlice<UInt32>, _ words: WordFrequencies) -> Float {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: w.count + 1) { best in
      bestCosts(w, words, into: best)
      return best[w.count]
    }
  }

  /// The best segmentation cost of every prefix of `w`: `best[i]` for `w`'s first `i`
  /// characters (`best` holds at least `w.count + 1`).
  static func bestCosts(
    _ w: ArraySlice<UInt32>, _ words: WordFrequencies, into best: UnsafeMutableBufferPointer<Float>
  ) {
    best[0] = 0
    let o = w.startIndex
    for i in stride(from: 1, through: w.count, by: 1) {
      if w[o + i - 1] == separator {
        best[i] = best[i - 1]
        continue
      }
      best[i] = best[i - 1] + (words.cost(w[(o + i - 1)..<(o + i)]) ?? words.unknownCost)
      for length in 2...4 where length <= i {
        if let c = words.cost(w[(o + i - length)..<(o + i)]) {
          best[i] = min(best[i], best[i - length] + c)
        }
      }
    }
  }
}

// kwfilter — tests: the boundary rule as first written (one segmentation per piece), the
// reference the fast rule (BoundaryRule, one prefix pass) is checked against.

import Foundation

@testable import KeywordFilter

/// ``BoundaryRule`` in its plainest form: every piece of the window segmented on its own.
enum ReferenceBoundaryRule {
  /// Whether the match survives. `before` and `after` are the Han context characters (in text
  /// order), `match` the match's folded characters with ``BoundaryRule.separator`` for noise runs.
  static func survives(
    before: [UInt32], match: [UInt32], after: [UInt32], words: WordFrequencies
  ) -> Bool {
    if before.isEmpty && after.isEmpty { return true }
    let window = before + match + after
    let s = before.count
    let e = s + match.count
    // The shortcut is the production one: only the segmentations changed.
    if !BoundaryRule.hasStraddlingWord(window, s, e, words) { return true }
    let best = bestCost(window[...], words)
    let termChars = match.filter { $0 != BoundaryRule.separator }
    let floorCost = words.unknownCost - Float(log(Double(BoundaryRule.termFrequency)))
    let termCost = min(words.cost(termChars[...]) ?? floorCost, floorCost)
    var whole = bestCost(window[..<s], words) + termCost + bestCost(window[e...], words)
    // The match inside one longer dictionary word (at most 4 characters, so e - s < 4).
    if e - s < 4 {
      for a in max(0, e - 4)...s {
        for b in e...min(window.count, a + 4) where (a, b) != (s, e) {
          if let c = words.cost(window[a..<b]) {
            whole = min(whole, bestCost(window[..<a], words) + c + bestCost(window[b...], words))
          }
        }
      }
    }
    return whole <= best + BoundaryRule.margin
  }

  /// The cost of the best segmentation of `w` into dictionary words (an unknown character is a
  /// word of frequency 1; a BoundaryRule.separator costs nothing and joins no word).
  static func bestCost(_ w: ArraySlice<UInt32>, _ words: WordFrequencies) -> Float {
    if w.isEmpty { return 0 }
    let chars = Array(w)
    var best = [Float](repeating: .infinity, count: chars.count + 1)
    best[0] = 0
    for i in 1...chars.count {
      if chars[i - 1] == BoundaryRule.separator {
        best[i] = best[i - 1]
        continue
      }
      best[i] = best[i - 1] + (words.cost(chars[(i - 1)..<i]) ?? words.unknownCost)
      for length in 2...4 where length <= i {
        if let c = words.cost(chars[(i - length)..<i]) {
          best[i] = min(best[i], best[i - length] + c)
        }
      }
    }
    return best[chars.count]
  }
}

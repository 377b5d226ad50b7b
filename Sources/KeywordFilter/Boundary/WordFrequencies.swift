// kwfilter — KeywordFilter: the word-frequency dictionary the boundary rule segments with.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Costs of Chinese words (1–4 Han characters), from ``WordFrequencyData``: the cost of a word
/// is `-ln(frequency / total)`, as in jieba's segmenter, so the cost of a segmentation is the
/// negative log-probability of its words.
///
/// Loaded once, on the first boundary check (never when ``BoundaryControl/off``): the words
/// are folded with the standard fold table (traditional → simplified), exactly like scanned
/// text, and keyed by their folded characters packed 16 bits each. A word that folds to
/// anything but 1–4 BMP Han characters is left out; two words that fold alike keep the lower
/// cost.
struct WordFrequencies: Sendable {
  /// Cost per word, keyed by ``key(_:)``, in an open-addressing table (linear probing, key 0 =
  /// empty; keys are never 0): lookups run for almost every Chinese match, and a `Dictionary`'s
  /// hashing cost more than the segmentation around them.
  private let keys: [UInt64]
  private let values: [Float]
  private let mask: Int
  /// Number of words.
  let count: Int
  /// A one-hash Bloom filter of the pairs of adjacent characters in the words of two or more
  /// characters (2^20 bits): a word can straddle a match boundary only if the pair of characters
  /// across that boundary is in it, so a clear bit settles most matches with two loads.
  private let pairBits: [UInt64]
  /// The cost of a character the dictionary does not know (frequency 1, as jieba).
  let unknownCost: Float

  /// The shared dictionary, built on first use.
  static let shared = WordFrequencies(
    chunks: WordFrequencyData.chunks, totalFrequency: WordFrequencyData.totalFrequency,
    folds: FoldTable.standard)

  /// Parses `LENGTH Q WORDS` lines (see `Scripts/generate-word-frequencies.py`), byte by byte:
  /// this runs at the first check of a process, so it should take a few milliseconds at most.
  init(chunks: [String], totalFrequency: Int, folds: FoldTable) {
    let logTotal = Float(log(Double(totalFrequency)))
    unknownCost = logTotal
    var capacity = 1
    while capacity < 2 * WordFrequencyData.wordCount { capacity <<= 1 }
    var keys = [UInt64](repeating: 0, count: capacity)
    var values = [Float](repeating: 0, count: capacity)
    var count = 0
    let mask = capacity - 1
    func insert(_ key: UInt64, _ cost: Float) {
      var slot = WordFrequencies.slot(key, mask)
      while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
      if keys[slot] == key {
        values[slot] = min(values[slot], cost)
      } else {
        keys[slot] = key
        values[slot] = cost
        count += 1
      }
    }
    for var chunk in chunks {
      chunk.withUTF8 { p in
        var i = 0
        func number() -> Int {
          var n = 0
          while i < p.count, p[i] >= 0x30, p[i] <= 0x39 {
            n = n * 10 + Int(p[i] - 0x30)
            i += 1
          }
          i += 1  // the space after it
          return n
        }
        while i < p.count {
          let length = number()
          // frequency = 2^(q/2), so ln(frequency) = q/2 · ln 2.
          let cost = logTotal - Float(number()) / 2 * Float(0.693_147_18)
          var key: UInt64 = 0
          var valid = true
          var count = 0
          while i < p.count, p[i] != 0x0A {
            // Han characters are three UTF-8 bytes; anything else spoils the word.
            var cp: UInt32 = 0xFFFF_FFFF
            if p[i] & 0xF0 == 0xE0, i + 2 < p.count {
              cp = UInt32(p[i] & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6
                | UInt32(p[i + 2] & 0x3F)
              i += 3
            } else {
              i += 1
              while i < p.count, p[i] & 0xC0 == 0x80 { i += 1 }
            }
            if case .single(let f) = folds.fold(cp), WordFrequencies.isHan(f) {
              key = key << 16 | UInt64(f)
            } else {
              valid = false
            }
            count += 1
            if count == length {
              if valid && key != 0 { insert(key, cost) }
              key = 0
              valid = true
              count = 0
            }
          }
          i += 1  // the line feed
        }
      }
    }
    self.keys = keys
    self.values = values
    self.mask = mask
    self.count = count
    var bits = [UInt64](repeating: 0, count: WordFrequencies.pairBitCount / 64)
    for key in keys where key > 0xFFFF {
      var k = key
      while k > 0xFFFF {
        let h = WordFrequencies.pairHash(UInt32(truncatingIfNeeded: (k >> 16) & 0xFFFF), UInt32(k & 0xFFFF))
        bits[h >> 6] |= 1 << UInt64(h & 63)
        k >>= 16
      }
    }
    self.pairBits = bits
  }

  static let pairBitCount = 1 << 20

  /// The Bloom filter's bit for the characters `a` then `b`.
  static func pairHash(_ a: UInt32, _ b: UInt32) -> Int {
    let x = (UInt64(a) << 16 | UInt64(b)) &* 0x9E37_79B9_7F4A_7C15
    return Int(truncatingIfNeeded: x >> 44)
  }

  /// Whether some dictionary word may contain `a` immediately followed by `b` (false: surely
  /// none does).
  func mayContainPair(_ a: UInt32, _ b: UInt32) -> Bool {
    let h = WordFrequencies.pairHash(a, b)
    return pairBits[h >> 6] & (1 << UInt64(h & 63)) != 0
  }

  /// The cost of a word of 1–4 folded characters, or nil if it is not in the dictionary.
  func cost(_ word: ArraySlice<UInt32>) -> Float? {
    guard let k = WordFrequencies.key(word) else { return nil }
    var slot = WordFrequencies.slot(k, mask)
    while true {
      let found = keys[slot]
      if found == k { return values[slot] }
      if found == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }

  /// Number of words held.
  /// The first slot to probe for `key`.
  static func slot(_ key: UInt64, _ mask: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
  }

  /// The characters packed 16 bits each, or nil unless they are 1–4 BMP Han characters.
  static func key(_ word: ArraySlice<UInt32>) -> UInt64? {
    guard (1...4).contains(word.count) else { return nil }
    var k: UInt64 = 0
    for c in word {
      guard isHan(c) else { return nil }
      k = k << 16 | UInt64(c)
    }
    return k
  }

  /// Whether a folded character is a BMP Han ideograph (CJK Unified Ideographs and Extension A).
  static func isHan(_ c: UInt32) -> Bool {
    (0x4E00...0x9FFF).contains(c) || (0x3400...0x4DBF).contains(c)
  }
}

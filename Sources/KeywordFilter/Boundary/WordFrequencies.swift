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
/// Loaded once, on the first boundary check (never when ``BoundaryControl/off``). The words are
/// keyed by their characters folded with the standard fold table (traditional → simplified),
/// exactly like scanned text, packed 16 bits each; a word that folds to anything but 1–4 BMP
/// Han characters is left out, and two words that fold alike keep the lower cost. The table
/// does not depend on a filter's normalization options, so the generator folds the words and
/// lays the table out ahead of time (`Scripts/generate-word-frequencies.py`): loading it is one
/// sequential pass over the data, where folding and hashing 46,636 words at run time cost
/// about 3 ms of every process that matched Chinese text.
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
    slots: WordFrequencyData.chunks, slotCount: WordFrequencyData.slotCount,
    totalFrequency: WordFrequencyData.totalFrequency)

  /// Decodes the table from `SKIP Q WORD` records in slot order (the format is described in
  /// `Scripts/generate-word-frequencies.py`), writing the slots front to back.
  ///
  /// - Parameters:
  ///   - slots: the records; bytes below `0x30` (line breaks) are ignored.
  ///   - slotCount: the table's size, a power of two.
  ///   - totalFrequency: the dictionary's total frequency (costs are relative to it).
  init(slots chunks: [String], slotCount: Int, totalFrequency: Int) {
    precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0, "slot count not a power of two")
    let logTotal = Float(log(Double(totalFrequency)))
    unknownCost = logTotal
    // The cost of each quantized frequency: frequency = 2^(q/2), so ln(frequency) = q/2 · ln 2
    // (the same Float expression the table always used, so costs are bit for bit the same).
    var costOfQ = [Float](repeating: 0, count: 74)
    for q in costOfQ.indices { costOfQ[q] = logTotal - Float(q) / 2 * Float(0.693_147_18) }
    // Zero-filled up front (a memset) so that empty slots are only skipped over.
    var keys = [UInt64](repeating: 0, count: slotCount)
    var values = [Float](repeating: 0, count: slotCount)
    var bits = [UInt64](repeating: 0, count: WordFrequencies.pairBitCount / 64)
    var count = 0
    keys.withUnsafeMutableBufferPointer { keys in
      values.withUnsafeMutableBufferPointer { values in
        bits.withUnsafeMutableBufferPointer { bits in
          var slot = 0
          for var chunk in chunks {
            chunk.withUTF8 { p in
              var i = 0
              while i < p.count {
                let b = p[i]
                i += 1
                if b < 0x30 { continue }  // a line break
                // SKIP: empty slots first; 74 of them and no word at all for `z`.
                slot += Int(b) - 0x30
                if b == 0x30 + 74 { continue }
                let q = i < p.count ? Int(p[i]) - 0x30 : -1
                precondition(slot < slotCount && (0..<74).contains(q), "bad word-frequency data")
                i += 1
                // The word: Han characters, three UTF-8 bytes each, up to the next ASCII byte.
                var key: UInt64 = 0
                while i + 2 < p.count, p[i] >= 0xE0 {
                  let c = UInt64(p[i] & 0x0F) << 12 | UInt64(p[i + 1] & 0x3F) << 6
                    | UInt64(p[i + 2] & 0x3F)
                  if key != 0 {
                    let h = WordFrequencies.pairHash(UInt32(key & 0xFFFF), UInt32(c))
                    bits[h >> 6] |= 1 << UInt64(h & 63)
                  }
                  key = key << 16 | c
                  i += 3
                }
                keys[slot] = key
                values[slot] = costOfQ[q]
                slot += 1
                count += 1
              }
            }
          }
        }
      }
    }
    self.keys = keys
    self.values = values
    self.mask = slotCount - 1
    self.count = count
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
    // Most candidate words of a window are no words: one pair of adjacent characters missing
    // from the pair filter (128 KiB, cached) says so without a probe of the table (1.5 MB,
    // a cache miss per probe).
    var i = word.startIndex
    while i + 1 < word.endIndex {
      if !mayContainPair(word[i], word[i + 1]) { return nil }
      i += 1
    }
    var slot = WordFrequencies.slot(k, mask)
    while true {
      let found = keys[slot]
      if found == k { return values[slot] }
      if found == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }

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

// kwfilter — KeywordFilter: a filter's word-list entries, in memory or in a compiled rule file.

import AhoCorasick
import Synchronization

/// The entries of a filter. Built filters hold them as an array; filters loaded from a compiled
/// rule file decode one entry when a match needs it (start-up does not pay for 100,000 strings),
/// and the whole array only if ``all`` is asked for.
final class EntryStore: Sendable {
  private let array: [WordlistEntry]?
  /// Compiled form: record offsets into the blob (one more than the count).
  private let offsets: FlatArray<UInt64>?
  private let blob: FlatArray<UInt8>?
  private let decoded = Mutex<[WordlistEntry]?>(nil)

  init(_ entries: [WordlistEntry]) {
    array = entries
    offsets = nil
    blob = nil
  }

  init(offsets: FlatArray<UInt64>, blob: FlatArray<UInt8>) {
    array = nil
    self.offsets = offsets
    self.blob = blob
  }

  var count: Int { array?.count ?? max(0, (offsets?.count ?? 1) - 1) }

  subscript(index: Int) -> WordlistEntry {
    if let array { return array[index] }
    return EntryStore.decode(blob!, from: Int(offsets![index]), to: Int(offsets![index + 1]))
  }

  var all: [WordlistEntry] {
    if let array { return array }
    return decoded.withLock { cache in
      if let cache { return cache }
      let entries = (0..<count).map { self[$0] }
      cache = entries
      return entries
    }
  }

  // Record: kind u8, tier u8, isRegex u8, pad u8, variants u32, then text, category, source as
  // (u32 length, UTF-8 bytes).

  /// Appends the records of `entries` to `blob`; returns the record offsets (count + 1).
  static func encode(_ entries: some Sequence<WordlistEntry>, into blob: inout [UInt8]) -> [UInt64] {
    var offsets: [UInt64] = []
    for e in entries {
      offsets.append(UInt64(blob.count))
      blob.append(e.kind == .allow ? 1 : 0)
      blob.append(e.tier == .review ? 1 : 0)
      blob.append(e.isRegex ? 1 : 0)
      blob.append(0)
      withUnsafeBytes(of: e.variants.rawValue.littleEndian) { blob.append(contentsOf: $0) }
      for text in [e.text, e.category.rawValue, e.source] {
        withUnsafeBytes(of: UInt32(text.utf8.count).littleEndian) { blob.append(contentsOf: $0) }
        blob.append(contentsOf: text.utf8)
      }
    }
    offsets.append(UInt64(blob.count))
    return offsets
  }

  private static func decode(_ blob: FlatArray<UInt8>, from start: Int, to end: Int) -> WordlistEntry {
    blob.withUnsafeBufferPointer { all in
      let r = UnsafeBufferPointer(rebasing: all[start..<end])
      func u32(_ at: Int) -> Int {
        Int(UInt32(r[at]) | UInt32(r[at + 1]) << 8 | UInt32(r[at + 2]) << 16 | UInt32(r[at + 3]) << 24)
      }
      var at = 8
      var strings: [String] = []
      for _ in 0..<3 {
        let n = u32(at)
        strings.append(String(decoding: UnsafeBufferPointer(rebasing: r[(at + 4)..<(at + 4 + n)]), as: UTF8.self))
        at += 4 + n
      }
      var entry = WordlistEntry(
        text: strings[0], kind: r[0] == 1 ? .allow : .term, category: Category(rawValue: strings[1]),
        tier: r[1] == 1 ? .review : .block, isRegex: r[2] == 1, source: strings[2])
      entry.variants = VariantOptions(rawValue: UInt32(u32(4)))
      return entry
    }
  }
}

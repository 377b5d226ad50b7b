// kwfilter — KeywordFilter: the per-code-point fold, decoded from the generated FoldingData.

/// What one code point becomes after folding.
enum Folded: Equatable {
  /// The character is noise (skipped between term characters; never starts or ends a match).
  case noise
  /// The character folds to one code point (often itself).
  case single(UInt32)
  /// The character folds to several code points (`ß` → `ss`, `ﬁ` → `fi`).
  case multiple([UInt32])
}

/// The standard fold for every code point: NFKC + case folding + traditional → simplified +
/// Latin accent stripping, with noise characters marked. Built once per process from
/// ``FoldingData`` (about a millisecond) and shared by every filter.
struct FoldTable: Sendable {
  /// Encoded fold of U+0000…U+FFFF: a code point, ``noiseMark``, or ``multipleMark`` | index.
  let bmp: [UInt32]
  /// Encoded folds of the code points above U+FFFF that do not fold to themselves.
  let astral: [UInt32: UInt32]
  /// Noise ranges above U+FFFF, sorted, inclusive.
  let astralNoise: [ClosedRange<UInt32>]
  /// Expansions referenced by ``multipleMark`` entries.
  let expansions: [[UInt32]]

  static let noiseMark: UInt32 = 0xFFFF_FFFF
  static let multipleMark: UInt32 = 0x8000_0000

  /// The process-wide table.
  static let standard = FoldTable(
    mappingChunks: FoldingData.mappingChunks, noiseRanges: FoldingData.noiseRanges)

  /// The standard table plus one-code-point look-alikes (`LookalikeData`: enclosed digits and
  /// letters, Cyrillic/Greek letters that look Latin, CJK radicals that look like characters),
  /// for filters with ``VariantOptions/lookalikes``. None of its sources is in `FoldingData`, and
  /// its mappings override noise (`⻢` → `马`).
  static let withLookalikes = FoldTable(
    mappingChunks: FoldingData.mappingChunks
      + [LookalikeData.enclosed, LookalikeData.latin, LookalikeData.han],
    noiseRanges: FoldingData.noiseRanges)

  init(mappingChunks: [String], noiseRanges: String) {
    var bmp = [UInt32](unsafeUninitializedCapacity: 0x10000) { buffer, count in
      for i in 0..<0x10000 { buffer[i] = UInt32(i) }
      count = 0x10000
    }
    var astral: [UInt32: UInt32] = [:]
    var astralNoise: [ClosedRange<UInt32>] = []
    var expansions: [[UInt32]] = []

    // Parsed byte by byte, without allocating per line: this runs at every process start.
    FoldTable.forEachLine(noiseRanges) { line in
      guard let dash = line.firstIndex(of: UInt8(ascii: "-")) else {
        if let cp = FoldTable.hex(line) {
          if cp < 0x10000 { bmp[Int(cp)] = FoldTable.noiseMark } else { astralNoise.append(cp...cp) }
        }
        return
      }
      guard let lo = FoldTable.hex(UnsafeBufferPointer(rebasing: line[..<dash])),
        let hi = FoldTable.hex(UnsafeBufferPointer(rebasing: line[(dash + 1)...]))
      else { return }
      if lo < 0x10000 {
        for cp in lo...min(hi, 0xFFFF) { bmp[Int(cp)] = FoldTable.noiseMark }
      }
      if hi >= 0x10000 { astralNoise.append(max(lo, 0x10000)...hi) }
    }
    for chunk in mappingChunks {
      FoldTable.forEachLine(chunk) { line in
        guard let eq = line.firstIndex(of: UInt8(ascii: "=")),
          let source = FoldTable.hex(UnsafeBufferPointer(rebasing: line[..<eq]))
        else { return }
        // The first target in a local, an array only for a second one: most lines have one.
        var firstTarget: UInt32 = 0
        var targetCount = 0
        var targets: [UInt32] = []
        var start = eq + 1
        while start < line.count {
          var space = start
          while space < line.count && line[space] != UInt8(ascii: " ") { space += 1 }
          if let t = FoldTable.hex(UnsafeBufferPointer(rebasing: line[start..<space])) {
            if targetCount == 0 {
              firstTarget = t
            } else {
              if targetCount == 1 { targets.append(firstTarget) }
              targets.append(t)
            }
            targetCount += 1
          }
          start = space + 1
        }
        let encoded: UInt32
        switch targetCount {
        case 0: encoded = FoldTable.noiseMark
        case 1: encoded = firstTarget
        default:
          encoded = FoldTable.multipleMark | UInt32(expansions.count)
          expansions.append(targets)
        }
        if source < 0x10000 { bmp[Int(source)] = encoded } else { astral[source] = encoded }
      }
    }
    self.bmp = bmp
    self.astral = astral
    self.astralNoise = astralNoise
    self.expansions = expansions
  }

  /// The fold of one code point.
  func fold(_ cp: UInt32) -> Folded {
    let encoded: UInt32
    if cp < 0x10000 {
      encoded = bmp[Int(cp)]
    } else if let e = astral[cp] {
      encoded = e
    } else if isAstralNoise(cp) {
      return .noise
    } else {
      return .single(cp)
    }
    if encoded == FoldTable.noiseMark { return .noise }
    if encoded & FoldTable.multipleMark != 0 {
      return .multiple(expansions[Int(encoded & ~FoldTable.multipleMark)])
    }
    return .single(encoded)
  }

  private func isAstralNoise(_ cp: UInt32) -> Bool {
    var lo = 0
    var hi = astralNoise.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if astralNoise[mid].upperBound < cp { lo = mid + 1 } else { hi = mid }
    }
    return lo < astralNoise.count && astralNoise[lo].contains(cp)
  }

  /// Calls `body` with each line of `text` (as a buffer over its UTF-8).
  private static func forEachLine(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
    var text = text
    text.withUTF8 { all in
      var start = 0
      while start < all.count {
        let end = all[start...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
        if end > start { body(UnsafeBufferPointer(rebasing: all[start..<end])) }
        start = end + 1
      }
    }
  }

  private static func hex(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
    var value: UInt32 = 0
    var any = false
    for b in bytes {
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      default: return nil
      }
      value = value << 4 | d
      any = true
    }
    return any ? value : nil
  }
}

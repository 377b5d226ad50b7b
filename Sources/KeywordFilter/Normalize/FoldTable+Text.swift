// kwfilter — KeywordFilter: the fold table from the readable `SRC=DST` lines of FoldingData.

extension FoldTable {
  /// Parses the readable form of the fold (``FoldingData``'s literals): every code point folds
  /// to itself, then the noise ranges are marked, then the mapping lines are applied in order.
  ///
  /// ``standard`` loads the same data laid out ahead of time (``FoldTableData``); this parser
  /// stays for the look-alike merge (``applying(mappingChunks:)``) and for the tests that check
  /// the two agree slot for slot.
  init(mappingChunks: [String], noiseRanges: String) {
    var bmp = [UInt32](unsafeUninitializedCapacity: 0x10000) { buffer, count in
      for i in 0..<0x10000 { buffer[i] = UInt32(i) }
      count = 0x10000
    }
    var astral: [UInt32: UInt32] = [:]
    var astralNoise: [ClosedRange<UInt32>] = []
    var expansions: [[UInt32]] = []

    // Parsed byte by byte, without allocating per line.
    FoldTable.forEachLine(noiseRanges) { line in
      guard let dash = line.firstIndex(of: UInt8(ascii: "-")) else {
        if let cp = FoldTable.hex(line) {
          if cp < 0x10000 {
            bmp[Int(cp)] = FoldTable.noiseMark
          } else {
            astralNoise.append(cp...cp)
          }
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
      FoldTable.apply(chunk, bmp: &bmp, astral: &astral, expansions: &expansions)
    }
    self.init(bmp: bmp, astral: astral, astralNoise: astralNoise, expansions: expansions)
  }

  /// This table with the `SRC=DST[ DST…]` lines of `mappingChunks` applied over it, in order
  /// (a line overrides the fold of its source, noise included).
  func applying(mappingChunks: [String]) -> FoldTable {
    var bmp = self.bmp
    var astral = self.astral
    var expansions = self.expansions
    for chunk in mappingChunks {
      FoldTable.apply(chunk, bmp: &bmp, astral: &astral, expansions: &expansions)
    }
    return FoldTable(bmp: bmp, astral: astral, astralNoise: astralNoise, expansions: expansions)
  }

  /// Applies the `SRC=DST[ DST…]` lines of `chunk` (upper-case hex) to the table's parts.
  private static func apply(
    _ chunk: String, bmp: inout [UInt32], astral: inout [UInt32: UInt32],
    expansions: inout [[UInt32]]
  ) {
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

  /// The value of upper- or lower-case hex digits, or nil if `bytes` is empty or not hex.
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

// kwfilter — KeywordFilter: the per-code-point fold, loaded from the generated FoldTableData.

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
/// Latin accent stripping, with noise characters marked. Loaded once per process from
/// ``FoldTableData`` (the same data as ``FoldingData``, laid out ahead of time by
/// `Scripts/generate-folding-data.py`) and shared by every filter.
struct FoldTable: Sendable {
  /// Encoded fold of U+0000…U+FFFF: a code point, ``noiseMark``, or ``multipleMark`` | index.
  let bmp: [UInt32]
  /// Encoded folds of the code points above U+FFFF that do not fold to themselves.
  let astral: [UInt32: UInt32]
  /// Noise ranges above U+FFFF, sorted, inclusive.
  let astralNoise: [ClosedRange<UInt32>]
  /// Expansions referenced by ``multipleMark`` entries.
  let expansions: [[UInt32]]

  /// The encoded fold of a noise character.
  static let noiseMark: UInt32 = 0xFFFF_FFFF
  /// Set in the encoded fold of a character that folds to several code points; the low bits
  /// index ``expansions``.
  static let multipleMark: UInt32 = 0x8000_0000

  /// The process-wide table, loaded from the laid-out ``FoldTableData`` in one sequential pass
  /// (parsing the readable ``FoldingData`` lines cost about 5.7 M instructions at every start).
  static let standard = FoldTable(
    records: FoldTableData.records, astralCount: FoldTableData.astralCount,
    expansionCount: FoldTableData.expansionCount)

  /// The standard table plus one-code-point look-alikes (`LookalikeData`: enclosed digits and
  /// letters, Cyrillic/Greek letters that look Latin, CJK radicals that look like characters),
  /// for filters with ``VariantOptions/lookalikes``. None of its sources is in `FoldingData`, and
  /// its mappings override noise (`⻢` → `马`).
  static let withLookalikes = standard.applying(
    mappingChunks: [LookalikeData.enclosed, LookalikeData.latin, LookalikeData.han])

  /// A table from its parts.
  init(
    bmp: [UInt32], astral: [UInt32: UInt32], astralNoise: [ClosedRange<UInt32>],
    expansions: [[UInt32]]
  ) {
    self.bmp = bmp
    self.astral = astral
    self.astralNoise = astralNoise
    self.expansions = expansions
  }

  /// Decodes the laid-out records of ``FoldTableData`` (the format is described in
  /// `Scripts/generate-folding-data.py`), writing every BMP slot once, front to back.
  ///
  /// - Parameters:
  ///   - chunks: the records; bytes below `0x21` (line breaks) are ignored.
  ///   - astralCount: number of mappings above U+FFFF (reserved up front).
  ///   - expansionCount: number of several-code-point folds (checked).
  /// - Complexity: O(*n*) in the size of the data, plus the 65,536 BMP slots.
  init(records chunks: [String], astralCount: Int, expansionCount: Int) {
    var astral: [UInt32: UInt32] = [:]
    astral.reserveCapacity(astralCount)
    var astralNoise: [ClosedRange<UInt32>] = []
    var expansions: [[UInt32]] = []
    expansions.reserveCapacity(expansionCount)
    let bmp = [UInt32](unsafeUninitializedCapacity: 0x10000) { bmp, count in
      // The next code point to decode; every BMP slot below it has been written.
      var cp: UInt32 = 0
      /// Writes the identity fold for the BMP part of `cp..<end`.
      func identity(to end: UInt32) {
        var c = cp
        while c < min(end, 0x10000) {
          bmp[Int(c)] = c
          c += 1
        }
      }
      for var chunk in chunks {
        chunk.withUTF8 { p in
          var i = 0
          while i < p.count {
            let tag = p[i]
            i += 1
            if tag < 0x21 { continue }  // a line break or indentation
            let skip = FoldTable.number(p, &i)
            identity(to: cp + skip)
            cp += skip
            let encoded: UInt32
            switch tag {
            case UInt8(ascii: "="):
              encoded = FoldTable.number(p, &i)
            case UInt8(ascii: "-"):
              let end = cp + FoldTable.number(p, &i)
              precondition(end <= 0x11_0000, "bad fold-table data")
              while cp < min(end, 0x10000) {
                bmp[Int(cp)] = FoldTable.noiseMark
                cp += 1
              }
              if end > cp { astralNoise.append(cp...(end - 1)) }
              cp = end
              continue
            case UInt8(ascii: "+"):
              let n = Int(FoldTable.number(p, &i))
              let targets = [UInt32](unsafeUninitializedCapacity: n) { targets, count in
                for k in 0..<n { targets[k] = FoldTable.number(p, &i) }
                count = n
              }
              encoded = FoldTable.multipleMark | UInt32(expansions.count)
              expansions.append(targets)
            default:
              preconditionFailure("bad fold-table data")
            }
            if cp < 0x10000 { bmp[Int(cp)] = encoded } else { astral[cp] = encoded }
            cp += 1
          }
        }
      }
      identity(to: 0x10000)
      count = 0x10000
    }
    precondition(expansions.count == expansionCount, "bad fold-table data")
    self.init(bmp: bmp, astral: astral, astralNoise: astralNoise, expansions: expansions)
  }

  /// Reads one number of the laid-out records at `i`: hex nibbles, `0x40 + nibble` for all but
  /// the last, `0x60 + nibble` for the last. A record never straddles a line or a chunk.
  @inline(__always)
  private static func number(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
    var value: UInt32 = 0
    while true {
      precondition(i < p.count, "bad fold-table data")
      let b = p[i]
      i += 1
      value = value << 4 | UInt32(b & 0x0F)
      if b >= 0x60 { return value }
    }
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
}

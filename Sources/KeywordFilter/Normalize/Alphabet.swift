// kwfilter — KeywordFilter: code points → the automaton's symbols (character classes).

import AhoCorasick

/// Maps every input code point straight to the symbol the automaton reads, with the fold
/// already applied: one table lookup per character in the scan loop.
///
/// Symbols: `0` for a character that folds to nothing any term contains (it breaks a match),
/// `1..<size` for the folded characters that occur in terms, and two markers right after them:
/// ``noise`` (`size`: skipped) and ``multiple`` (`size + 1`: folds to several characters;
/// handled off the fast path). The automaton's DFA accepts both markers as symbols (they lead
/// to the root), so the scan loop can step unconditionally and discard the result.
struct Alphabet: Sendable {
  /// Most distinct term characters one filter can hold.
  static let capacity = 0xFFFC
  /// The noise marker (= ``size``).
  let noise: UInt16
  /// The several-code-points marker (= ``size`` + 1).
  let multiple: UInt16

  /// Symbol of each BMP code point (surrogates map to 0).
  let bmp: FlatArray<UInt16>
  /// Symbol of each folded code point that occurs in a term.
  let symbolOfFolded: [UInt32: UInt16]
  /// Number of symbols including 0: the automaton's alphabet size.
  let size: Int
  /// The normalization this alphabet applies.
  let normalization: Normalization
  /// Whether the fold includes the look-alike table (``FoldTable/withLookalikes``).
  let lookalikes: Bool
  /// The class fold applied after the fold (a class-fold pass's alphabet), or nil.
  let classFold: ClassFold?
  /// The fold (a process-wide table, built at first use), held here because the slow paths
  /// fold a match's characters one by one: fetching the shared table each time cost more than
  /// the folding.
  let folds: FoldTable

  /// An alphabet from loaded parts (a compiled rule file).
  init(
    bmp: FlatArray<UInt16>, symbolOfFolded: [UInt32: UInt16], size: Int,
    normalization: Normalization, lookalikes: Bool
  ) {
    self.bmp = bmp
    self.symbolOfFolded = symbolOfFolded
    self.size = size
    self.noise = UInt16(size)
    self.multiple = UInt16(size + 1)
    self.normalization = normalization
    self.lookalikes = lookalikes
    self.classFold = nil
    self.folds = FoldTable.table(lookalikes: lookalikes, classFold: nil)
  }

  /// Builds the alphabet for the given normalized terms (keyed terms when `classFold` is set).
  init(
    foldedTerms: [[UInt32]], normalization: Normalization, lookalikes: Bool,
    classFold: ClassFold? = nil
  ) throws(FilterError) {
    try self.init(
      foldedTerms: FoldedTerms(foldedTerms), normalization: normalization, lookalikes: lookalikes,
      classFold: classFold)
  }

  /// Builds the alphabet for the given normalized terms (keyed terms when `classFold` is set).
  init(
    foldedTerms terms: FoldedTerms, normalization: Normalization, lookalikes: Bool,
    classFold: ClassFold? = nil
  ) throws(FilterError) {
    let folds = FoldTable.table(lookalikes: lookalikes, classFold: classFold)
    // Characters counted in a flat table (BMP) and a dictionary (the rest): hashing every
    // character of every term cost more than the rest of this initializer.
    var bmpCounts = [Int32](repeating: 0, count: 0x10000)
    var astralCounts: [UInt32: Int] = [:]
    bmpCounts.withUnsafeMutableBufferPointer { bmpCounts in
      for cp in terms.codes[..<terms.pendingStart] {
        if cp < 0x10000 { bmpCounts[Int(cp)] += 1 } else { astralCounts[cp, default: 0] += 1 }
      }
    }
    // (character, count) pairs; the order below makes their order here irrelevant.
    var ordered: [(key: UInt32, value: Int)] = []
    ordered.reserveCapacity(astralCounts.count + 1024)
    for cp in 0..<0x10000 where bmpCounts[cp] != 0 { ordered.append((UInt32(cp), Int(bmpCounts[cp]))) }
    for (cp, n) in astralCounts { ordered.append((cp, n)) }
    if ordered.count > Alphabet.capacity {
      throw FilterError(
        reason: "the lists use \(ordered.count) distinct characters; at most \(Alphabet.capacity)")
    }
    // Frequent characters get small symbols (keeps hot double-array slots together).
    ordered.sort { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    var symbolOfFolded: [UInt32: UInt16] = [:]
    symbolOfFolded.reserveCapacity(ordered.count)
    var flat = [UInt16](repeating: 0, count: 0x10000)
    for (i, entry) in ordered.enumerated() {
      let symbol = UInt16(i + 1)
      symbolOfFolded[entry.key] = symbol
      if entry.key < 0x10000 { flat[Int(entry.key)] = symbol }
    }
    let noise = UInt16(ordered.count + 1)
    let multiple = noise + 1
    // The symbol of every BMP code point: `Alphabet.fold` read straight off the encoded fold
    // table (a test checks the two agree on every code point).
    var bmp = [UInt16](repeating: 0, count: 0x10000)
    let foldCharacters = normalization.foldCharacters
    let skipNoise = normalization.skipNoise
    folds.bmp.withUnsafeBufferPointer { encoded in
      bmp.withUnsafeMutableBufferPointer { out in
        flat.withUnsafeBufferPointer { flat in
          for cp in 0..<0x10000 where cp < 0xD800 || cp >= 0xE000 {
            let e = encoded[cp]
            if Alphabet.isBreak(UInt32(cp)) || !foldCharacters && e != FoldTable.noiseMark {
              out[cp] = flat[cp]
            } else if e == FoldTable.noiseMark {
              out[cp] = skipNoise ? noise : flat[cp]
            } else if e & FoldTable.multipleMark != 0 {
              out[cp] = multiple
            } else {
              out[cp] = e < 0x10000 ? flat[Int(e)] : (symbolOfFolded[e] ?? 0)
            }
          }
        }
      }
    }
    self.noise = noise
    self.multiple = multiple
    let bmpTable = FlatArray(bmp)
    self.bmp = bmpTable
    self.symbolOfFolded = symbolOfFolded
    self.size = ordered.count + 1
    self.normalization = normalization
    self.lookalikes = lookalikes
    self.classFold = classFold
    self.folds = folds
  }

  /// Where the UTF-8 scan loop finds the symbol of an ASCII byte `b`: `asciiOffset + b`.
  static let asciiOffset = 0x10000

  /// The UTF-8 scan loop's class table, indexed by what its branch-free decoder computes from
  /// four input bytes: `asciiOffset + b0` for an ASCII byte, and for any lead byte `E0…EF`
  /// followed by two continuation bytes the 16 payload bits, whether or not they form a valid
  /// character. Indices that are not a valid three-byte character — overlong forms (below
  /// U+0800) and surrogates — hold `multiple`, which sends the character to the general
  /// decoder; every other index holds the code point's symbol. One lookup then both classifies
  /// and validates.
  static func utf8Classes(bmp: FlatArray<UInt16>, multiple: UInt16) -> [UInt16] {
    var table = [UInt16](repeating: multiple, count: asciiOffset + 0x80)
    table.withUnsafeMutableBufferPointer { table in
      bmp.withUnsafeBufferPointer { bmp in
        for cp in 0x800..<0xD800 { table[cp] = bmp[cp] }
        for cp in 0xE000..<0x10000 { table[cp] = bmp[cp] }
        for b in 0..<0x80 { table[asciiOffset + b] = bmp[b] }
      }
    }
    return table
  }

  /// The fold of `cp` under a normalization (identity when folding is off; noise only when
  /// noise skipping is on).
  static func fold(_ cp: UInt32, normalization: Normalization, folds: FoldTable) -> Folded {
    // Line breaks separate posts, lines and records, and control characters (NUL …) mark
    // binary data: a term never spans one (they are not noise).
    if isBreak(cp) { return .single(cp) }
    if !normalization.foldCharacters {
      if normalization.skipNoise, folds.fold(cp) == .noise { return .noise }
      return .single(cp)
    }
    let f = folds.fold(cp)
    if f == .noise && !normalization.skipNoise { return .single(cp) }
    return f
  }

  /// The fold of `cp` under this alphabet's normalization.
  func fold(_ cp: UInt32) -> Folded { Alphabet.fold(cp, normalization: normalization, folds: folds) }

  /// The symbol of any code point (slow path for astral characters).
  func symbol(of cp: UInt32) -> UInt16 {
    if cp < 0x10000 { return bmp[Int(cp)] }
    switch fold(cp) {
    case .noise: return noise
    case .single(let f): return symbolOfFolded[f] ?? 0
    case .multiple: return multiple
    }
  }

  /// The symbols of the non-empty terms of `terms` written end to end, and where each ends:
  /// the patterns for ``Automaton/init(symbols:patternEnds:alphabetSize:)`` (0 for a character
  /// no term contains).
  func flatSymbols(of terms: FoldedTerms) -> (symbols: [UInt32], ends: [Int]) {
    var flat = [UInt16](repeating: 0, count: 0x10000)
    for (f, symbol) in symbolOfFolded where f < 0x10000 { flat[Int(f)] = symbol }
    let total = terms.pendingStart
    // Empty terms add no symbols: the symbols are those of all the codes.
    let symbols = [UInt32](unsafeUninitializedCapacity: total) { out, count in
      flat.withUnsafeBufferPointer { flat in
        terms.codes.withUnsafeBufferPointer { codes in
          for k in 0..<total {
            let f = codes[k]
            out[k] = UInt32(f < 0x10000 ? flat[Int(f)] : symbol(ofFolded: f))
          }
        }
      }
      count = total
    }
    var ends: [Int] = []
    ends.reserveCapacity(terms.count)
    var previous = 0
    for end in terms.ends where end != previous {
      ends.append(end)
      previous = end
    }
    return (symbols, ends)
  }

  /// The symbols of already folded terms (0 for a character no term contains).
  func symbols(ofFolded terms: [[UInt32]]) -> [[UInt32]] {
    var flat = [UInt16](repeating: 0, count: 0x10000)
    for (f, symbol) in symbolOfFolded where f < 0x10000 { flat[Int(f)] = symbol }
    return flat.withUnsafeBufferPointer { flat in
      terms.map { term in
        term.map { f in UInt32(f < 0x10000 ? flat[Int(f)] : symbol(ofFolded: f)) }
      }
    }
  }

  /// The symbol of an already folded code point (0 if no term contains it).
  func symbol(ofFolded f: UInt32) -> UInt16 { symbolOfFolded[f] ?? 0 }

  /// The folded, noise-free code points of a term, as the automaton's patterns see them.
  static func foldTerm(_ text: String, normalization: Normalization, folds: FoldTable) -> [UInt32]
  {
    var result: [UInt32] = []
    result.reserveCapacity(text.utf8.count)
    appendFolded(text.unicodeScalars, normalization: normalization, folds: folds, to: &result)
    return result
  }

  /// Appends the folded, noise-free code points of `scalars` to `result` (see ``foldTerm``).
  ///
  /// List compilation folds every term (and every variant) this way, so BMP code points read the
  /// encoded fold table directly instead of going through ``fold(_:normalization:folds:)`` and
  /// its ``Folded`` value; the two agree by construction (the branches mirror that function).
  static func appendFolded<S: Sequence>(
    _ scalars: S, normalization: Normalization, folds: FoldTable, to result: inout [UInt32]
  ) where S.Element == Unicode.Scalar {
    folds.bmp.withUnsafeBufferPointer { encoded in
      for scalar in scalars {
        appendFolded(scalar.value, encoded, normalization, folds, to: &result)
      }
    }
  }

  /// ``appendFolded(_:normalization:folds:to:)`` over code points: values that are not Unicode
  /// scalars (surrogates, beyond U+10FFFF) are skipped. Variants arrive as code points, and
  /// a lazy conversion to scalars cost more than their folding.
  static func appendFolded(
    codePoints values: [UInt32], normalization: Normalization, folds: FoldTable,
    to result: inout [UInt32]
  ) {
    folds.bmp.withUnsafeBufferPointer { encoded in
      for cp in values where cp < 0xD800 || (cp >= 0xE000 && cp <= 0x10FFFF) {
        appendFolded(cp, encoded, normalization, folds, to: &result)
      }
    }
  }

  /// Appends the fold of the scalar `cp` (`encoded` is `folds.bmp`).
  @inline(__always)
  private static func appendFolded(
    _ cp: UInt32, _ encoded: UnsafeBufferPointer<UInt32>, _ normalization: Normalization,
    _ folds: FoldTable, to result: inout [UInt32]
  ) {
    if cp < 0x10000 && !isBreak(cp) {
      let e = encoded[Int(cp)]
      if e == FoldTable.noiseMark {
        if !normalization.skipNoise { result.append(cp) }
      } else if !normalization.foldCharacters {
        result.append(cp)
      } else if e & FoldTable.multipleMark != 0 {
        result.append(contentsOf: folds.expansions[Int(e & ~FoldTable.multipleMark)])
      } else {
        result.append(e)
      }
      return
    }
    switch fold(cp, normalization: normalization, folds: folds) {
    case .noise: return
    case .single(let f): result.append(f)
    case .multiple(let fs): result.append(contentsOf: fs)
    }
  }

  /// Line breaks (LF, VT, FF, CR, NEL, U+2028, U+2029) and the other C0/C1 control characters
  /// except TAB: never noise.
  static func isBreak(_ cp: UInt32) -> Bool {
    (cp < 0x20 && cp != 0x09) || (0x7F...0x9F).contains(cp) || cp == 0x2028 || cp == 0x2029
  }

  /// Whether a folded code point is a "word" character for the Latin boundary rule: a digit,
  /// or a letter of the Latin, Greek or Cyrillic scripts.
  static func isWordCharacter(_ f: UInt32) -> Bool {
    if f < 0x80 {
      return (0x30...0x39).contains(f) || (0x61...0x7A).contains(f) || (0x41...0x5A).contains(f)
    }
    guard f < 0x530 || (0x1E00..<0x2000).contains(f), let scalar = Unicode.Scalar(f) else {
      return false
    }
    return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
  }
}

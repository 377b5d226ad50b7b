// kwfilter — KeywordFilter: equivalence keys of Chinese characters for the class-fold passes.

/// A way of folding Chinese characters into classes, for a second "class-fold" matching pass:
/// in that pass every Chinese character of the text, and of the terms that opt in, is replaced
/// by its class's *key*, so that one pattern per term matches every substitution within the
/// classes (`百人办既` for `白人班级`) — no list of variant strings, no cut-off.
///
/// The keys are real characters, applied after the standard fold (so `級` keys like `级`); a
/// character without a key stands for itself.
enum ClassFold: Int, CaseIterable, Sendable {
  /// Same customary toneless reading: the key is the most frequent character with that reading
  /// (``VariantExpander/homophoneKey(_:)``: `白`, `百`, `败` → `百`; `班`, `办`, `般` → `办`).
  case homophones
  /// Same last component in the preferred kfcd/chaizi decomposition (``ShapeKeyData``): the key
  /// is that component (`级` = 纟及 and `汲` = 氵及 → `及`). A term character also accepts a few
  /// alternative keys (``ShapeKeyData/alternatives``): itself when it is some character's key
  /// (`嘿` = 口黑 → `黑` matches `黑`), the last components of its other decompositions (`分` =
  /// 八刀 matches `方` = 亠勹 or 亠刀), two same-sound keys (`楠` = 木南 matches `男`, read like
  /// `南`), and the key of the most frequent character with its key as another decomposition's
  /// last component (`方` matches `分`). At most two characters of a match use an alternative,
  /// one of them as itself (``patterns(of:)``).
  case lookalikes

  /// The variant option that turns this fold on.
  var option: VariantOptions { self == .homophones ? .homophones : .lookalikes }

  /// The key of an already folded character, or nil when it has none.
  func key(_ c: UInt32) -> UInt32? {
    switch self {
    case .homophones: ClassFold.homophoneKeys[c]
    case .lookalikes: ClassFold.shapeKeys[c]
    }
  }

  /// The keyed characters a term character accepts in the text (first: its key, then the
  /// alternative keys of a look-alike fold). Every alternative is some character's key, so each
  /// can match.
  func termAlternatives(_ c: UInt32) -> [UInt32] {
    let k = key(c) ?? c
    guard self == .lookalikes, let more = ClassFold.alternativeKeys[c] else { return [k] }
    return [k] + more
  }

  /// Most patterns one term adds to a look-alike pass.
  static let maxPatternsPerTerm = 40

  /// Longest term (in folded characters) whose patterns include pairs of alternatives.
  static let maxPairedTermLength = 4

  /// The keyed patterns of a folded term, at most ``maxPatternsPerTerm``, in this order:
  ///
  /// 1. every character as its key;
  /// 2. one character as one of its alternatives (position by position, alternatives in order);
  /// 3. in a term of at most ``maxPairedTermLength`` characters, two characters as alternatives,
  ///    at least one of them as the character itself (a text character whose key is the term's
  ///    character: `嘿` for `黑`) — in a two-character term both (`嘿汝` for `黑女`). Pairs of
  ///    positions left to right, so the last pairs may be cut.
  ///
  /// So a match uses at most two alternative keys, and at most one that is not the character
  /// itself. A three-character term with four alternatives per character has 34 patterns, all
  /// kept. Pairs grow with the square of the term's length: on the 10,000-term bench list
  /// (mostly 4–8 characters) they made 265,000 patterns with pairs in every term and 32 per
  /// term, 188,000 as here, 172,000 with 24 per term, 160,000 with no pairs; on CNTP's
  /// look-alike set (2–4 characters, Python model of the pass) 4,531, 4,529, 4,523 and 4,475 of
  /// 4,800 instances found. Any two alternatives (not one as itself) in terms of three or more
  /// characters found 4 more instances than (3) with twice its patterns.
  func patterns(of term: [UInt32]) -> [[UInt32]] {
    let alternatives = term.map(termAlternatives)
    let keyed = alternatives.map { $0[0] }
    var result = [keyed]
    let cap = ClassFold.maxPatternsPerTerm
    for i in alternatives.indices {
      for a in alternatives[i].dropFirst() {
        if result.count >= cap { return result }
        var p = keyed
        p[i] = a
        result.append(p)
      }
    }
    guard term.count <= ClassFold.maxPairedTermLength else { return result }
    let canBeItself = term.indices.map { alternatives[$0].dropFirst().contains(term[$0]) }
    for i in term.indices {
      for j in term.indices where j > i && (canBeItself[i] || canBeItself[j]) {
        // (itself, any alternative), then (any other alternative, itself).
        var pairs: [(UInt32, UInt32)] = []
        if canBeItself[i] {
          for b in alternatives[j].dropFirst() where term.count > 2 || b == term[j] {
            pairs.append((term[i], b))
          }
        }
        if canBeItself[j] && term.count > 2 {
          for a in alternatives[i].dropFirst() where a != term[i] { pairs.append((a, term[j])) }
        }
        for (a, b) in pairs {
          if result.count >= cap { return result }
          var p = keyed
          p[i] = a
          p[j] = b
          result.append(p)
        }
      }
    }
    return result
  }

  /// Whether a folded code point is a CJK unified ideograph (any block) or compatibility
  /// ideograph: the characters the class-fold passes count when deciding if a term takes part.
  static func isHan(_ c: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(c) || (0x4E00...0x9FFF).contains(c)
      || (0xF900...0xFAFF).contains(c) || (0x20000...0x323AF).contains(c)
  }

  /// Homophone key of every character with reading data.
  static let homophoneKeys: [UInt32: UInt32] = {
    let tables = VariantTables.shared
    var keys: [UInt32: UInt32] = [:]
    for (c, syllables) in tables.readings {
      if let s = syllables.first, let k = tables.homophones[s].first { keys[c] = k }
    }
    return keys
  }()

  /// Alternative look-alike keys of term characters, in order (``ShapeKeyData/alternatives``,
  /// `CHAR=KEYS` lines).
  static let alternativeKeys: [UInt32: [UInt32]] = {
    var alternatives: [UInt32: [UInt32]] = [:]
    for line in ShapeKeyData.alternatives.split(separator: "\n") {
      let scalars = Array(line.unicodeScalars.drop { $0 == " " })
      guard scalars.count > 2, scalars[1] == "=" else { continue }
      alternatives[scalars[0].value] = scalars[2...].map(\.value)
    }
    return alternatives
  }()

  /// Shape key of every character in ``ShapeKeyData`` (`KEY=CHARS` lines).
  static let shapeKeys: [UInt32: UInt32] = {
    var keys: [UInt32: UInt32] = [:]
    for line in ShapeKeyData.lastComponent.split(separator: "\n") {
      let scalars = Array(line.unicodeScalars.drop { $0 == " " })
      guard scalars.count > 2, scalars[1] == "=" else { continue }
      for c in scalars[2...] { keys[c.value] = scalars[0].value }
    }
    return keys
  }()
}

extension FoldTable {
  /// `base` followed by `classFold`'s keys: every code point that `base` folds to one character
  /// with a key folds to the key instead. Noise, multi-character folds and keyless characters
  /// are as in `base`.
  init(keying base: FoldTable, by classFold: ClassFold) {
    var bmp = base.bmp
    for cp in 0..<0x10000 {
      let encoded = bmp[cp]
      if encoded == FoldTable.noiseMark || encoded & FoldTable.multipleMark != 0 { continue }
      if let k = classFold.key(encoded) { bmp[cp] = k }
    }
    var astral = base.astral
    for (cp, encoded) in astral
    where encoded != FoldTable.noiseMark && encoded & FoldTable.multipleMark == 0 {
      if let k = classFold.key(encoded) { astral[cp] = k }
    }
    // Astral characters that fold to themselves and have a key (`𨈓` → `小`).
    let keys = classFold == .homophones ? ClassFold.homophoneKeys : ClassFold.shapeKeys
    for (c, k) in keys where c >= 0x10000 && base.fold(c) == .single(c) { astral[c] = k }
    self.bmp = bmp
    self.astral = astral
    self.astralNoise = base.astralNoise
    self.expansions = base.expansions
  }

  /// The fold of a filter's alphabet: standard or with look-alikes, then a class fold's keys.
  static func table(lookalikes: Bool, classFold: ClassFold?) -> FoldTable {
    switch (classFold, lookalikes) {
    case (nil, false): standard
    case (nil, true): withLookalikes
    case (.homophones, false): homophonesKeyed
    case (.homophones, true): homophonesKeyedWithLookalikes
    case (.lookalikes, false): shapesKeyed
    case (.lookalikes, true): shapesKeyedWithLookalikes
    }
  }

  private static let homophonesKeyed = FoldTable(keying: standard, by: .homophones)
  private static let homophonesKeyedWithLookalikes = FoldTable(keying: withLookalikes, by: .homophones)
  private static let shapesKeyed = FoldTable(keying: standard, by: .lookalikes)
  private static let shapesKeyedWithLookalikes = FoldTable(keying: withLookalikes, by: .lookalikes)
}

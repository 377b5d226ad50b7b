// kwfilter — KeywordFilter: a word-list term → its variants (pinyin, homophones, splits, …).

/// Turns a word-list term into the other ways posters write it, as extra patterns for the
/// same entry.
///
/// ```swift
/// VariantExpander.variants(of: "赌博", options: [.pinyinFull, .pinyinInitials], limit: 8)
/// // ["dubo", "db"]
/// VariantExpander.variants(of: "婊", options: .splitCharacters, limit: 8)
/// // ["女表"]
/// ```
///
/// The term is first folded like every term (NFKC, case, traditional → simplified, noise
/// dropped), so `賭博` gives the same variants as `赌博`, and every variant is already folded.
/// The result never contains the term itself and has no duplicates. Each option produces its
/// candidates best first; the options then take turns (digit styles, full pinyin, initials,
/// splits, look-alikes, homophones), so a small `limit` still gets the best candidate of each.
///
/// The data covers the 8,105 characters of the Table of General Standard Chinese Characters
/// (readings from Unihan, splits from the kfcd/chaizi dictionary; see `VariantData.swift`).
/// Terms with other characters get no pinyin variants, and those characters are never replaced.
///
/// `Scripts/evaluate-variants.py` mirrors this type in Python (keep the two in step) to
/// measure recall on labelled data.
public enum VariantExpander {
  /// Homophone candidates tried per character (the most frequent ones), by default.
  public static let defaultHomophonesPerCharacter = 4
  /// Look-alike candidates tried per character (the most frequent ones).
  static let lookalikesPerCharacter = 3
  /// Reading combinations tried for pinyin (the customary readings, then one or more second
  /// readings).
  static let pinyinCombinations = 4
  /// Only the first this many replaceable characters of a term are ever replaced.
  static let maxSubstitutedPositions = 8

  /// The variants of a term.
  ///
  /// - Parameters:
  ///   - term: a word-list term, as written in the list.
  ///   - options: the kinds of variant to generate.
  ///   - limit: the most variants to return, over all options together.
  ///   - homophonesPerCharacter: how many of each character's homophones are tried.
  /// - Returns: at most `limit` distinct folded strings, none equal to the folded term.
  /// - Complexity: about O(`limit` × term length) for short terms; the homophone, split and
  ///   look-alike combinations are enumerated lazily, cheapest first, and stop at `2 × limit`.
  public static func variants(
    of term: String, options: VariantOptions, limit: Int,
    homophonesPerCharacter: Int = defaultHomophonesPerCharacter
  ) -> [String] {
    let t = folded(term)
    guard !t.isEmpty, limit > 0 else { return [] }
    let cap = 2 * limit
    var lists: [[[UInt32]]] = []
    if options.contains(.digitStyles) { lists.append(digitStyles(t, cap: cap)) }
    // The tables take ~10 ms to decode: only touch them when an option needs them.
    if !options.isDisjoint(with: optionsUsingTables) {
      lists += expansions(t, options, VariantTables.shared, homophonesPerCharacter, cap: cap)
    }
    return merge(lists, folded: t, term: term, limit: limit)
  }

  /// The options whose variants come from ``VariantTables``.
  static let optionsUsingTables: VariantOptions = [
    .pinyinFull, .pinyinInitials, .splitCharacters, .lookalikes, .homophones,
  ]

  /// Each table-based option's candidates, best first, in turn order.
  private static func expansions(
    _ t: [UInt32], _ options: VariantOptions, _ tables: VariantTables,
    _ homophonesPerCharacter: Int, cap: Int
  ) -> [[[UInt32]]] {
    var lists: [[[UInt32]]] = []
    if options.contains(.pinyinFull) { lists.append(pinyinFull(t, tables, cap: cap)) }
    if options.contains(.pinyinInitials) { lists.append(pinyinInitials(t, tables, cap: cap)) }
    if options.contains(.splitCharacters) { lists.append(splits(t, tables, cap: cap)) }
    if options.contains(.lookalikes) { lists.append(lookalikes(t, tables, cap: cap)) }
    if options.contains(.homophones) {
      lists.append(homophones(t, tables, perCharacter: homophonesPerCharacter, cap: cap))
    }
    return lists
  }

  /// The options take turns, each giving its next candidate that is new, until `limit`.
  private static func merge(
    _ lists: [[[UInt32]]], folded t: [UInt32], term: String, limit: Int
  ) -> [String] {
    var seen: Set<[UInt32]> = [t, term.unicodeScalars.map(\.value)]
    var result: [String] = []
    var cursors = [Int](repeating: 0, count: lists.count)
    var progress = true
    while result.count < limit && progress {
      progress = false
      for i in lists.indices {
        while cursors[i] < lists[i].count {
          let candidate = lists[i][cursors[i]]
          cursors[i] += 1
          if seen.insert(candidate).inserted {
            result.append(string(candidate))
            progress = true
            break
          }
        }
        if result.count >= limit { break }
      }
    }
    return result
  }

  /// The homophone key of a folded character: the most frequent character with the same
  /// customary toneless reading (`赌`, `堵`, `睹` → `度`), or `nil` for a character without
  /// reading data.
  ///
  /// The filter matches ``VariantOptions/homophones`` with these keys (``ClassFold/homophones``:
  /// a second pass over text whose characters are read as their keys), not with the expansion
  /// above, which stays for callers who want variant strings.
  static func homophoneKey(_ scalar: UInt32) -> UInt32? {
    let tables = VariantTables.shared
    guard let syllable = tables.readings[scalar]?.first else { return nil }
    return tables.homophones[syllable].first
  }

  // MARK: - Folding

  /// The term folded like every term: standard fold per code point, noise dropped.
  static func folded(_ term: String) -> [UInt32] {
    var out: [UInt32] = []
    out.reserveCapacity(term.utf8.count)
    let table = FoldTable.standard
    // BMP code points read the encoded table directly (as ``FoldTable/fold(_:)`` does): list
    // compilation folds every term with a numeral this way.
    table.bmp.withUnsafeBufferPointer { encoded in
      for scalar in term.unicodeScalars {
        let cp = scalar.value
        if cp < 0x10000 {
          let e = encoded[Int(cp)]
          if e == FoldTable.noiseMark { continue }
          if e & FoldTable.multipleMark != 0 {
            out.append(contentsOf: table.expansions[Int(e & ~FoldTable.multipleMark)])
          } else {
            out.append(e)
          }
          continue
        }
        switch table.fold(cp) {
        case .noise: continue
        case .single(let c): out.append(c)
        case .multiple(let cs): out.append(contentsOf: cs)
        }
      }
    }
    return out
  }

  private static func string(_ scalars: [UInt32]) -> String {
    var s = String.UnicodeScalarView()
    for v in scalars { if let u = Unicode.Scalar(v) { s.append(u) } }
    return String(s)
  }

  private static func isASCIIAlphanumeric(_ c: UInt32) -> Bool {
    (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c)
  }

  // MARK: - Digit styles

  private static let digits: [UInt32] = Array("0123456789".unicodeScalars.map(\.value))
  private static let lowerNumerals: [UInt32] = Array("〇一二三四五六七八九".unicodeScalars.map(\.value))
  private static let financialNumerals: [UInt32] = Array("零壹贰叁肆伍陆柒捌玖".unicodeScalars.map(\.value))

  /// The value of a digit or Chinese numeral (``digits``, ``lowerNumerals``,
  /// ``financialNumerals``), nil for any other character. A switch: list compilation asks this
  /// of every character of every term.
  static func numeralValue(_ c: UInt32) -> Int? {
    switch c {
    case 0x30...0x39: return Int(c - 0x30)
    case 0x3007, 0x96F6: return 0  // 〇 零
    case 0x4E00, 0x58F9: return 1  // 一 壹
    case 0x4E8C, 0x8D30: return 2  // 二 贰
    case 0x4E09, 0x53C1: return 3  // 三 叁
    case 0x56DB, 0x8086: return 4  // 四 肆
    case 0x4E94, 0x4F0D: return 5  // 五 伍
    case 0x516D, 0x9646: return 6  // 六 陆
    case 0x4E03, 0x67D2: return 7  // 七 柒
    case 0x516B, 0x634C: return 8  // 八 捌
    case 0x4E5D, 0x7396: return 9  // 九 玖
    default: return nil
    }
  }

  static func digitStyles(_ t: [UInt32], cap: Int) -> [[UInt32]] {
    guard t.count >= 2, t.contains(where: { numeralValue($0) != nil }) else { return [] }
    let out = [digits, lowerNumerals, financialNumerals].map { table in
      t.map { c in numeralValue(c).map { table[$0] } ?? c }
    }
    return Array(out.prefix(cap))
  }

  // MARK: - Pinyin

  /// Reading combinations for the term, best first: per position a syllable number (Han) or
  /// nil (an ASCII letter or digit, kept). `nil` when a character is neither.
  private static func pinyinCombinations(_ t: [UInt32], _ tables: VariantTables) -> [[Int?]]? {
    var base: [Int?] = []
    var alternatives: [[Int]] = []
    var han = 0
    for c in t {
      if let r = tables.readings[c] {
        base.append(r[0])
        alternatives.append(Array(r.dropFirst()))
        han += 1
      } else if isASCIIAlphanumeric(c) {
        base.append(nil)
        alternatives.append([])
      } else {
        return nil
      }
    }
    guard han > 0 else { return nil }
    var combinations = [base]
    for vector in choiceVectors(alternatives.map(\.count), cap: pinyinCombinations - 1) {
      combinations.append(
        vector.indices.map { i in vector[i] == 0 ? base[i] : alternatives[i][vector[i] - 1] })
    }
    return combinations
  }

  static func pinyinFull(_ t: [UInt32], _ tables: VariantTables, cap: Int) -> [[UInt32]] {
    guard let combinations = pinyinCombinations(t, tables) else { return [] }
    let v = Unicode.Scalar("v").value
    let u = Unicode.Scalar("u").value
    var out: [[UInt32]] = []
    for combination in combinations {
      var spelled: [UInt32] = []
      var hasV = false
      for (c, syllable) in zip(t, combination) {
        if let s = syllable {
          let letters = tables.syllables[s].map(\.value)
          hasV = hasV || letters.contains(v)
          spelled.append(contentsOf: letters)
        } else {
          spelled.append(c)
        }
      }
      out.append(spelled)
      if hasV {
        var withU: [UInt32] = []
        for (c, syllable) in zip(t, combination) {
          if let s = syllable {
            withU.append(contentsOf: tables.syllables[s].map { $0.value == v ? u : $0.value })
          } else {
            withU.append(c)
          }
        }
        out.append(withU)
      }
    }
    return Array(out.prefix(cap))
  }

  static func pinyinInitials(_ t: [UInt32], _ tables: VariantTables, cap: Int) -> [[UInt32]] {
    guard t.count(where: { tables.readings[$0] != nil }) >= 2,
      let combinations = pinyinCombinations(t, tables)
    else { return [] }
    var out: [[UInt32]] = []
    for combination in combinations {
      let initials = zip(t, combination).map { c, syllable in
        syllable.map { tables.syllables[$0][0].value } ?? c
      }
      if !out.contains(initials) { out.append(initials) }
    }
    return Array(out.prefix(cap))
  }

  // MARK: - Substitutions: splits, look-alikes, homophones

  static func splits(_ t: [UInt32], _ tables: VariantTables, cap: Int) -> [[UInt32]] {
    let alternatives: [[[UInt32]]] = t.map { c in
      (tables.splits[c] ?? []).compactMap { split in
        split.spellsWord && t.count == 1 ? nil : [split.first, split.second]
      }
    }
    return substitutions(t, alternatives, cap: cap)
  }

  static func homophones(
    _ t: [UInt32], _ tables: VariantTables, perCharacter: Int, cap: Int
  ) -> [[UInt32]] {
    guard t.count(where: { tables.readings[$0] != nil }) >= 2 else { return [] }
    let alternatives: [[[UInt32]]] = t.map { c in
      guard let syllable = tables.readings[c]?.first else { return [] }
      return tables.homophones[syllable].lazy.filter { $0 != c }.prefix(max(0, perCharacter))
        .map { [$0] }
    }
    return substitutions(t, alternatives, cap: cap)
  }

  static func lookalikes(_ t: [UInt32], _ tables: VariantTables, cap: Int) -> [[UInt32]] {
    guard t.count(where: { tables.readings[$0] != nil }) >= 2 else { return [] }
    let alternatives: [[[UInt32]]] = t.map { lookalikeCandidates($0, tables).map { [$0] } }
    return substitutions(t, alternatives, cap: cap)
  }

  /// Characters sharing the preferred split's second component under another first component,
  /// and characters that contain `c` as a component; the most frequent first.
  static func lookalikeCandidates(_ c: UInt32, _ tables: VariantTables) -> [UInt32] {
    var candidates = Set<UInt32>()
    if let preferred = tables.splits[c]?.first {
      for x in tables.bySecondComponent[preferred.second] ?? []
      where x != c && tables.splits[x]?.first?.first != preferred.first {
        candidates.insert(x)
      }
    }
    for x in tables.byComponent[c] ?? [] where x != c { candidates.insert(x) }
    let unranked = Int.max
    return candidates.sorted {
      let (a, b) = (tables.rank[$0] ?? unranked, tables.rank[$1] ?? unranked)
      return a != b ? a < b : $0 < $1
    }.prefix(lookalikesPerCharacter).map { $0 }
  }

  /// `t` with some positions replaced by one of their alternatives, in ``choiceVectors(_:cap:)``
  /// order.
  static func substitutions(
    _ t: [UInt32], _ alternatives: [[[UInt32]]], cap: Int
  ) -> [[UInt32]] {
    choiceVectors(alternatives.map(\.count), cap: cap).map { vector in
      var out: [UInt32] = []
      for i in t.indices {
        if vector[i] == 0 {
          out.append(t[i])
        } else {
          out.append(contentsOf: alternatives[i][vector[i] - 1])
        }
      }
      return out
    }
  }
}

extension VariantExpander {
  /// Whether ``digitStyles`` can give `term` any variant: it has two or more characters and one
  /// of them folds to a digit or Chinese numeral. A cheap test that lets list compilation skip
  /// the expansion for the many terms without one.
  static func mayHaveDigitStyles(_ term: String) -> Bool {
    // Counted off the encoded fold table (as ``folded(_:)`` folds), without building the term.
    let table = FoldTable.standard
    var count = 0
    var numeral = false
    table.bmp.withUnsafeBufferPointer { encoded in
      for scalar in term.unicodeScalars {
        let cp = scalar.value
        let e = cp < 0x10000 ? encoded[Int(cp)] : 0
        if cp < 0x10000 && e != FoldTable.noiseMark && e & FoldTable.multipleMark == 0 {
          count += 1
          numeral = numeral || numeralValue(e) != nil
          continue
        }
        switch table.fold(cp) {
        case .noise: continue
        case .single(let c):
          count += 1
          numeral = numeral || numeralValue(c) != nil
        case .multiple(let cs):
          count += cs.count
          numeral = numeral || cs.contains { numeralValue($0) != nil }
        }
      }
    }
    return count >= 2 && numeral
  }

  /// The ``VariantOptions/digitStyles`` variants of `term` as code points: the candidates
  /// `variants(of: term, options: .digitStyles, limit: n)` returns for any `n ≥ 3`, in the same
  /// order, before they are made strings (list compilation folds them again; going through
  /// `String` cost more than the rest of the term's compilation).
  ///
  /// - Parameter known: ``folded(_:)`` of `term` when the caller has it already.
  static func digitStyleCandidates(of term: String, folded known: ArraySlice<UInt32>? = nil)
    -> [[UInt32]]
  {
    let t: [UInt32]
    if let known {
      // Made an array only past this test, which most terms fail.
      guard known.count >= 2, known.contains(where: { numeralValue($0) != nil }) else { return [] }
      t = Array(known)
    } else {
      guard mayHaveDigitStyles(term) else { return [] }
      t = folded(term)
    }
    let raw = term.unicodeScalars.map { $0.value }
    var result: [[UInt32]] = []
    // ``digitStyles(_:cap:)``, with the numeral tables read once.
    for table in [digits, lowerNumerals, financialNumerals] {
      var candidate = t
      for i in candidate.indices {
        if let v = numeralValue(candidate[i]) { candidate[i] = table[v] }
      }
      if candidate != t && candidate != raw && !result.contains(candidate) {
        result.append(candidate)
      }
    }
    return result
  }
}

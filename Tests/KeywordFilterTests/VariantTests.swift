// kwfilter — tests: term variants (pinyin, initials, homophones, splits, digit styles) and the
// generated variant and look-alike data.

import Testing

@testable import KeywordFilter

private func variants(_ term: String, _ options: VariantOptions, limit: Int = 64) -> [String] {
  VariantExpander.variants(of: term, options: options, limit: limit)
}

private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

// MARK: - Pinyin

@Test(arguments: [
  ("赌博", ["dubo"]), ("賭博", ["dubo"]), ("婊", ["biao"]), ("法轮功", ["falungong"]),
  ("女优", ["nvyou", "nuyou"]),  // ü both ways
  ("AV女优", ["avnvyou", "avnuyou"]),  // ASCII letters are kept
  ("赌 博！", ["dubo"]),  // noise in the term is dropped first
])
func fullPinyin(term: String, expected: [String]) {
  #expect(variants(term, .pinyinFull) == expected)
}

@Test func fullPinyinTriesSecondReadings() {
  let v = variants("行长", .pinyinFull)
  #expect(v.first == "xingzhang")
  #expect(v.contains("hangzhang"))
  #expect(v.count <= 2 * VariantExpander.pinyinCombinations)
}

@Test func noPinyinForCharactersWithoutReadings() {
  #expect(variants("ABC", .pinyinFull).isEmpty)  // nothing to spell
  #expect(variants("赌ア", .pinyinFull).isEmpty)  // kana: no reading
}

@Test(arguments: [("赌博", ["db"]), ("法轮功", ["flg"]), ("婊子", ["bz"]), ("非洲", ["fz"])])
func initials(term: String, expected: [String]) {
  #expect(variants(term, .pinyinInitials) == expected)
}

@Test func initialsNeedTwoChineseCharacters() {
  #expect(variants("婊", .pinyinInitials).isEmpty)
  #expect(variants("K粉", .pinyinInitials).isEmpty)
}

// MARK: - Homophones

@Test func homophonesAreCappedByLimit() {
  for limit in [1, 3, 5, 10] {
    #expect(variants("赌博", .homophones, limit: limit).count == limit)
  }
}

@Test func homophonesPerCharacterBoundsTheCombinations() {
  // Two characters, k candidates each: at most (k + 1)² − 1 combinations.
  for k in [1, 2, 4] {
    let v = VariantExpander.variants(
      of: "赌博", options: .homophones, limit: 1000, homophonesPerCharacter: k)
    #expect(v.count <= (k + 1) * (k + 1) - 1)
    #expect(v.count > 0)
  }
}

@Test func homophonesHaveTheSameToneLessPinyin() {
  let v = variants("赌博", .homophones, limit: 20)
  #expect(!v.isEmpty)
  for h in v {
    #expect(h.unicodeScalars.count == 2)
    #expect(variants(h, .pinyinFull).contains("dubo"), "\(h)")
  }
}

@Test func homophonesNeedTwoChineseCharacters() {
  #expect(variants("赌", .homophones).isEmpty)
}

@Test func homophoneKeysAgree() {
  let key = VariantExpander.homophoneKey
  #expect(key(scalars("赌")[0]) != nil)
  #expect(key(scalars("赌")[0]) == key(scalars("堵")[0]))
  #expect(key(scalars("博")[0]) != key(scalars("赌")[0]))
  #expect(key(scalars("a")[0]) == nil)
}

// MARK: - Splits

@Test func splitCharacters() {
  #expect(variants("婊", .splitCharacters) == ["女表"])
  let v = variants("婊子", .splitCharacters)
  #expect(v.first == "女表了一")  // every character split first
  #expect(v.contains("女表子"))
  #expect(variants("法", .splitCharacters).contains("氵去"))
}

@Test func splitsThatSpellAWordAreNotUsedForOneCharacterTerms() {
  #expect(variants("好", .splitCharacters).isEmpty)  // 女子 is a word
  #expect(variants("好人", .splitCharacters).contains("女子人"))
}

// MARK: - Digit styles

@Test(arguments: [
  ("64", ["六四", "陆肆"]), ("六四", ["64", "陆肆"]), ("一夜情", ["1夜情", "壹夜情"]),
  ("①②", ["一二", "壹贰"]),  // NFKC folds ① to 1 first
  ("8090后", ["八〇九〇后", "捌零玖零后"]),
])
func digitStyles(term: String, expected: [String]) {
  #expect(variants(term, .digitStyles) == expected)
}

@Test func digitStylesNeedTwoCharacters() {
  #expect(variants("一", .digitStyles).isEmpty)
  #expect(variants("赌博", .digitStyles).isEmpty)
}

// MARK: - Look-alikes and repeats

@Test func componentLookalikes() {
  #expect(VariantExpander.lookalikeCandidates(scalars("黑")[0], .shared).contains(scalars("嘿")[0]))
  #expect(VariantExpander.lookalikeCandidates(scalars("级")[0], .shared).contains(scalars("极")[0]))
  #expect(variants("黑人", .lookalikes).contains("嘿人"))
}

@Test func repeatsAreTheScannersJob() {
  #expect(variants("fuck", .repeats).isEmpty)
}

// MARK: - The whole expansion

@Test(arguments: ["赌博", "賭博", "婊子", "法轮功", "六四", "AV女优", "一夜情", "好", "ABC", "😀"])
func variantsAreDistinctBoundedAndNeverTheTerm(term: String) {
  for limit in [0, 1, 5, 32] {
    let v = variants(term, .all, limit: limit)
    #expect(v.count <= limit)
    #expect(Set(v).count == v.count)
    #expect(!v.contains(term))
    #expect(!v.contains("赌博") || term != "賭博")  // the folded term is not a variant either
    #expect(!v.contains(""))
  }
}

@Test func optionsTakeTurns() {
  // A small limit still gets each option's best candidate.
  #expect(variants("赌博", .all, limit: 4) == ["dubo", "db", "贝者十尃", "著傅"])
}

// The Python mirror in Scripts/evaluate-variants.py must give the same lists; these were
// printed by it (`Expander.variants`) and pin the order as well as the content.
private let pythonMirrorCases: [(String, VariantOptions, Int, [String])] = [
  ("赌博", .all, 12,
   ["dubo", "db", "贝者十尃", "著傅", "度玻", "赌十尃", "赌傅", "赌玻", "贝者博", "著博", "度博", "著膊"]),
  ("法轮功", .all, 10,
   ["falungong", "flg", "氵去车仑工力", "罢论动", "发论工", "法车仑工力", "法论动", "法论工", "氵去轮工力", "罢轮动"]),
  ("六四", .all, 8, ["64", "liusi", "ls", "亠八囗儿", "只党", "流思", "陆肆", "六囗儿"]),
  ("賭博", .homophones, 6, ["度玻", "赌玻", "度博", "度剥", "读玻", "赌剥"]),
  ("行长", [.pinyinFull, .pinyinInitials], 10,
   ["xingzhang", "xz", "hangchang", "hc", "xingchang", "xc", "hangzhang", "hz"]),
  ("婊", .all, 8, ["biao", "女表"]),
]

@Test(arguments: pythonMirrorCases)
func matchesThePythonMirror(term: String, options: VariantOptions, limit: Int, expected: [String]) {
  #expect(variants(term, options, limit: limit) == expected)
}

// MARK: - Generated data

@Test func variantDataIsFolded() {
  let tables = VariantTables.shared
  #expect(tables.readings.count > 8000)
  #expect(tables.rank.count == tables.readings.count)
  for c in tables.readings.keys {
    #expect(FoldTable.standard.fold(c) == .single(c), "U+\(String(c, radix: 16))")
  }
  for list in tables.homophones {
    for c in list { #expect(tables.readings[c] != nil) }
  }
}

/// The standard fold with the look-alike tables merged, as the filter should build it.
private let mergedFold = FoldTable(
  mappingChunks: FoldingData.mappingChunks
    + [LookalikeData.enclosed, LookalikeData.latin, LookalikeData.han],
  noiseRanges: FoldingData.noiseRanges)

@Test(arguments: [
  ("❶", "1"), ("➀", "1"), ("⓫", "11"), ("🅐", "a"), ("🅰", "a"),  // enclosed
  ("а", "a"), ("ο", "o"), ("Ꭺ", "a"),  // Cyrillic, Greek, Cherokee
  ("⻢", "马"), ("ロ", "口"), ("囗", "口"),  // Han look-alikes
])
func lookalikeFolds(source: String, expected: String) {
  let cp = scalars(source)[0]
  let want = scalars(expected)
  #expect(mergedFold.fold(cp) == (want.count == 1 ? .single(want[0]) : .multiple(want)))
}

@Test func lookalikeFoldsLeaveTheStandardFoldAlone() {
  for literal in [LookalikeData.enclosed, LookalikeData.latin, LookalikeData.han] {
    for line in literal.split(separator: "\n") {
      let parts = line.split(separator: "=")
      guard let src = UInt32(parts[0], radix: 16) else {
        Issue.record("bad line \(line)")
        continue
      }
      let standard = FoldTable.standard.fold(src)
      #expect(standard == .single(src) || standard == .noise, "\(line)")
      for dst in parts[1].split(separator: " ").compactMap({ UInt32($0, radix: 16) }) {
        #expect(FoldTable.standard.fold(dst) == .single(dst), "\(line)")
      }
    }
  }
  // Punctuation and symbols that imitate 一 stay noise.
  for dash in ["—", "─", "－"] { #expect(mergedFold.fold(scalars(dash)[0]) == .noise) }
}

/// `numeralValue` is a hand-written switch; it must agree with the three numeral styles the
/// digit-style variants use, and know nothing else.
@Test func numeralValuesMatchTheThreeStyles() {
  for style in ["0123456789", "〇一二三四五六七八九", "零壹贰叁肆伍陆柒捌玖"] {
    for (value, scalar) in style.unicodeScalars.enumerated() {
      #expect(VariantExpander.numeralValue(scalar.value) == value, "\(scalar)")
    }
  }
  for other in "十百a两兩１" .unicodeScalars {
    #expect(VariantExpander.numeralValue(other.value) == nil, "\(other)")
  }
}

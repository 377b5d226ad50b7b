// kwfilter — tests: the class-fold passes (homophones, look-alikes) and their merge with the
// main pass — against a brute-force reference, in every chunking, GB18030, masking, rule files.

import Foundation
import KeywordFilterTestSupport
import Testing

@testable import KeywordFilter

private let category = Category(rawValue: "t")

private func filter(
  _ terms: [String], _ variants: VariantOptions, semantics: MatchSemantics = .leftmostLongest
) throws -> Filter {
  let entries = terms.map { t in
    t.hasPrefix("!")
      ? WordlistEntry(text: String(t.dropFirst()), kind: .allow, category: category)
      : WordlistEntry(text: t, category: category)
  }
  return try Filter(
    wordlist: Wordlist(entries: entries),
    configuration: Filter.Configuration(semantics: semantics, variants: variants))
}

private func found(_ f: Filter, _ text: String) -> [String] {
  f.matches(in: text).map { "\($0.term)@\($0.range)=\($0.text):\($0.tier)" }
}

// MARK: - What each fold finds

@Test func homophoneFoldFindsSameSoundSubstitutions() throws {
  let on = try filter(["白人班级", "婊子"], [.homophones])
  // 百人办既: every character replaced by one with the same toneless reading.
  #expect(found(on, "好百人办既了") == ["白人班级@3..<15=百人办既:review"])
  #expect(found(on, "那是标自") == ["婊子@6..<12=标自:review"])
  #expect(found(on, "白人班级") == ["白人班级@0..<12=白人班级:block"])  // the main pass wins
  let off = try filter(["白人班级", "婊子"], [])
  #expect(off.matches(in: "好百人办既了").isEmpty)
  #expect(off.foldPasses.isEmpty)
  // Look-alikes alone do not match sound-alikes.
  #expect(try filter(["白人班级"], [.lookalikes]).matches(in: "百人办既").isEmpty)
}

@Test func lookalikeFoldFindsSharedComponents() throws {
  let on = try filter(["白人班级", "婊子", "黑人"], [.lookalikes])
  // 级 = 纟及 and 汲 = 氵及 share their last component; 人 (丿乀) and 刄 (刀乀) too.
  #expect(found(on, "白刄班汲") == ["白人班级@0..<12=白刄班汲:review"])
  #expect(found(on, "婊纻") == ["婊子@0..<6=婊纻:review"])
  // 嘿 = 口黑: its key is the term's own character.
  #expect(found(on, "嘿人") == ["黑人@0..<6=嘿人:review"])
  #expect(try filter(["白人班级"], []).matches(in: "白刄班汲").isEmpty)
}

@Test func lookalikeFoldAcceptsAlternativeKeys() throws {
  let f = try filter(["男人", "方便", "男方", "男方人", "黑女", "分手"], [.lookalikes])
  // 楠 = 木南: a same-sound character (南 is read like 男) with a radical added.
  #expect(found(f, "个楠人") == ["男人@3..<9=楠人:review"])
  // 分 = 八刀 and 方's second decomposition 亠刀 share their last component.
  #expect(found(f, "分便") == ["方便@0..<6=分便:review"])
  // And the other way round: 方 keys to 勹 (亠勹), the key of the most frequent character whose
  // other decomposition ends in 分's key 刀.
  #expect(found(f, "方手") == ["分手@0..<6=方手:review"])
  // Two alternatives in one match only when one is the character itself (从 = 人人 for 人,
  // 嘿 = 口黑 for 黑), and in a two-character term only when both are.
  #expect(found(f, "楠分") == [])
  #expect(found(f, "楠分人") == [])
  #expect(found(f, "楠方从") == ["男方人@0..<9=楠方从:review"])
  #expect(found(f, "男分从") == ["男方人@0..<9=男分从:review"])
  #expect(found(f, "楠分从") == [])  // three
  #expect(found(f, "嘿汝") == ["黑女@0..<6=嘿汝:review"])
  // The homophones pass has no alternatives (方 fāng, 分 fēn).
  #expect(try filter(["方便"], [.homophones]).matches(in: "分便").isEmpty)
}

@Test func lookalikePatternsAreBounded() throws {
  let fold = ClassFold.lookalikes
  let two = Array("男方".unicodeScalars.map(\.value))
  // Keyed, then one character at a time as each of its alternatives (4 each; both characters
  // also accept themselves), then both as themselves.
  #expect(two.map { fold.termAlternatives($0).count - 1 } == [4, 4])
  #expect(two.map { fold.termAlternatives($0).contains($0) } == [true, true])
  let patterns2 = fold.patterns(of: two)
  #expect(patterns2.count == 1 + 4 + 4 + 1)
  #expect(patterns2[0] == two.map { fold.key($0) ?? $0 })
  #expect(patterns2.last == two)
  // Singles come before pairs, and the patterns stop at the cap.
  let four = Array("男方男方".unicodeScalars.map(\.value))
  let patterns = fold.patterns(of: four)
  #expect(patterns.count == ClassFold.maxPatternsPerTerm)
  #expect(Set(patterns).count == patterns.count)
  let changed = patterns.map { p in zip(p, patterns[0]).count { $0 != $1 } }
  #expect(changed[0] == 0)
  #expect(changed[1...16].allSatisfy { $0 == 1 } && changed[17...].allSatisfy { $0 == 2 })
  // A three-character term keeps all its pairs: (男, any), (any, 方), (男, any), (any, 人), …
  let three = Array("男方人".unicodeScalars.map(\.value))
  #expect(fold.patterns(of: three).count == 1 + 3 * 4 + 3 * (4 + 3))
  // A term of five characters or more has no pairs: its singles, up to the cap.
  let five = Array("男方男方男".unicodeScalars.map(\.value))
  let patterns5 = fold.patterns(of: five)
  #expect(patterns5.count == 1 + 5 * 4)
  #expect(patterns5.allSatisfy { p in zip(p, patterns5[0]).count { $0 != $1 } <= 1 })
}

@Test func astralCharactersHaveKeys() throws {
  // 𨈓 (U+28213, 身小) is four bytes of UTF-8; its key 小 is its last component.
  let f = try filter(["大小姐"], [.lookalikes])
  #expect(ClassFold.lookalikes.key(0x28213) == 0x5C0F)
  #expect(found(f, "a大𨈓姐") == ["大小姐@1..<11=大𨈓姐:review"])
}

@Test func foldNeedsTwoChineseCharactersAndCharacterFolding() throws {
  #expect(try filter(["赌"], [.homophones]).foldPasses.isEmpty)
  #expect(try filter(["K粉"], [.homophones]).foldPasses.isEmpty)
  let exact = try Filter(
    wordlist: Wordlist(terms: ["白人班级"]),
    configuration: Filter.Configuration(normalization: .exact, variants: [.homophones]))
  #expect(exact.foldPasses.isEmpty)
}

@Test func entriesOptInThroughTheirListHeader() throws {
  var list = try Wordlist(parsing: "# category: t\n# variants: homophones\n白人班级\n", name: "a.txt")
  list.append(contentsOf: try Wordlist(parsing: "# category: u\n赌博网站\n", name: "b.txt"))
  let f = try Filter(wordlist: list)
  #expect(f.foldPasses.count == 1)
  #expect(f.matches(in: "百人办既").map(\.term) == ["白人班级"])
  #expect(f.matches(in: "堵博网站").isEmpty)  // b.txt did not opt in
}

// MARK: - Merge with the main pass

@Test func mainPassWinsOnOverlap() throws {
  // 白人 (main) and 白人办既 (fold, for 白人班级) overlap: leftmost-longest keeps the main match.
  let terms = ["白人", "白人班级"]
  #expect(found(try filter(terms, [.homophones]), "白人办既") == ["白人@0..<6=白人:block"])
  // A fold match that starts before a main match and overlaps it yields too.
  #expect(found(try filter(["人班", "白人班级"], [.homophones]), "百人班既") == ["人班@3..<9=人班:block"])
  // --all: matches of other entries are kept; the fold's repeat of the same entry is not.
  let all = try filter(terms, [.homophones], semantics: .all)
  #expect(found(all, "白人办既") == ["白人@0..<6=白人:block", "白人班级@0..<12=白人办既:review"])
  #expect(found(all, "白人班级") == ["白人班级@0..<12=白人班级:block", "白人@0..<6=白人:block"])
}

@Test func allowListPhrasesCoverFoldMatches() throws {
  let f = try filter(["白人班级", "!白人班级好"], [.homophones])
  #expect(f.matches(in: "百人办既好").isEmpty)  // inside the (keyed) allow-list phrase
  #expect(f.matches(in: "白人班级好").isEmpty)
  #expect(found(f, "百人办既\n好") == ["白人班级@0..<12=百人办既:review"])
}

@Test func defaultOptionsBuildNoFoldPass() throws {
  let f = try Filter(wordlist: Wordlist(terms: ["白人班级", "赌博"]))
  #expect(f.foldPasses.isEmpty)
  #expect(f.makeScanner().merger == nil)
}

// MARK: - Streaming, encodings, masking, rule files

@Test(arguments: [1, 2, 3, 7])
func streamingAgreesWithOneBuffer(chunkSize: Int) throws {
  let f = try filter(["白人班级", "婊子", "黑人", "!黑人好", "男方人"], [.homophones, .lookalikes])
  let text = Array("百人办既了，白刄班汲，婊-纻\u{200B}嘿人好 嘿人 标自白人班级 楠分-从 楠-方从".utf8)
    + [0xFF, 0xE8] + Array("百人办既".utf8)
  let whole = f.matches(in: text)
  #expect(whole.count == 8)
  #expect(streamed(f, Chunking.fixed(text, size: chunkSize)) == whole)
  #expect(whole.map(\.range.lowerBound) == whole.map(\.range.lowerBound).sorted())
}

@Test func gb18030InputHasExactRanges() throws {
  let f = try filter(["白人班级", "婊子"], [.homophones, .lookalikes])
  let bytes = gb("好百人办既了，婊纻")
  let matches = f.matches(in: bytes, encoding: .gb18030)
  #expect(matches.map(\.range) == [2..<10, 14..<18])
  #expect(matches.map(\.text) == ["百人办既", "婊纻"])
  for size in [1, 3] {
    var scanner = f.makeScanner(encoding: .gb18030)
    var got: [Match] = []
    for chunk in Chunking.fixed(bytes, size: size) { chunk.withUnsafeBytes { scanner.scan($0) { got.append($0) } } }
    scanner.finish { got.append($0) }
    #expect(got == matches)
  }
}

@Test func maskingKeepsEveryUnmaskedByte() throws {
  let f = try filter(["白人班级", "婊子"], [.homophones, .lookalikes])
  #expect(f.masking("好百人办既了，婊-纻！") == "好****了，***！")  // noise inside is masked
  // Streamed in small chunks, invalid bytes included: only the matched characters change.
  let input = Array("a百人办既\n".utf8) + [0xFF] + Array("婊纻".utf8)
  for size in [1, 2, 5] {
    var masker = StreamMasker(filter: f, mask: "#")
    var out: [UInt8] = []
    for chunk in Chunking.fixed(input, size: size) {
      chunk.withUnsafeBytes { masker.process($0) { out.append(contentsOf: $0) } }
    }
    masker.finish { out.append(contentsOf: $0) }
    #expect(out == Array("a####\n".utf8) + [0xFF] + Array("##".utf8), "chunk size \(size)")
  }
}

@Test func compiledRulesKeepTheFoldPasses() throws {
  for variants: VariantOptions in [[.homophones], [.lookalikes], [.homophones, .lookalikes]] {
    var list = try Wordlist(parsing: "# category: t\n白人班级\n婊子\n!白人班级好\n", name: "t.txt")
    list.append(contentsOf: try Wordlist(parsing: "# category: u\n# variants: homophones\n黑人\n", name: "u.txt"))
    let built = try Filter(wordlist: list, configuration: Filter.Configuration(variants: variants))
    let path = temporaryPath("fold.kwf")
    defer { unlink(path) }
    try built.writeCompiledRules(to: path)
    let loaded = try Filter(compiledRulesAt: path)
    #expect(loaded.foldPasses.count == built.foldPasses.count)
    for text in ["百人办既 白刄班汲 婊纻 标自 嘿人 黑仁 百人办既好", "白人班级"] {
      #expect(loaded.matches(in: text) == built.matches(in: text), "\(variants) \(text)")
    }
    #expect(!built.matches(in: "黑仁").isEmpty)  // u.txt's header opts 黑人 in, whatever `variants`
  }
}

@Test func invalidInputNeverCrashes() throws {
  let f = try filter(["白人班级", "婊子"], [.homophones, .lookalikes])
  var rng = SeededRandom(seed: 77)
  for _ in 0..<50 {
    let bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
    #expect(streamed(f, Chunking.random(bytes, using: &rng)) == f.matches(in: bytes))
  }
}

// MARK: - Differential: the filter against brute force over keyed text

/// Characters the random terms and texts are made of: groups of homophones and of look-alikes.
private let hanPieces = Array("白百败人仁刄班办般级既汲及吸赌堵度博伯婊标表子自纻黑嘿乐色男楠南难方分房")
private let otherPieces = ["-", " ", "\u{200B}", "a", "\n", "，"]

/// The keyed character sequences a term matches in a fold pass, as the documentation of
/// ``ClassFold/patterns(of:)`` states them: every character as its key; one character as one
/// of its alternative keys (look-alikes, ``ShapeKeyData/alternatives``); in a term of at most
/// ``ClassFold/maxPairedTermLength`` characters two such characters, at least one as the
/// character itself (both in a two-character term); the first ``ClassFold/maxPatternsPerTerm``
/// of these, in order.
private func referencePatterns(
  _ term: [UInt32], _ fold: ClassFold, key: (UInt32) -> UInt32
) -> Set<[UInt32]> {
  let choices = term.map { c in
    [key(c)] + (fold == .lookalikes ? ClassFold.alternativeKeys[c] ?? [] : [])
  }
  let keyed = choices.map { $0[0] }
  var all = [keyed]
  for i in term.indices {
    for a in choices[i].dropFirst() {
      var p = keyed
      p[i] = a
      all.append(p)
    }
  }
  for i in term.indices where term.count <= ClassFold.maxPairedTermLength {
    for j in term.indices where j > i {
      var pairs: [(UInt32, UInt32)] = []
      for a in choices[i].dropFirst() {
        for b in choices[j].dropFirst() {
          let selves = (a == term[i] ? 1 : 0) + (b == term[j] ? 1 : 0)
          if selves == 2 || (selves == 1 && term.count > 2) { pairs.append((a, b)) }
        }
      }
      // The documented order: pairs with the first character as itself come first.
      pairs.sort { ($0.0 == term[i] ? 0 : 1) < ($1.0 == term[i] ? 0 : 1) }
      for (a, b) in pairs {
        var p = keyed
        p[i] = a
        p[j] = b
        all.append(p)
      }
    }
  }
  return Set(all.prefix(ClassFold.maxPatternsPerTerm))
}

/// The reference: the main pass by ``ReferenceMatcher``; each fold by brute force over the
/// decoded text (the keys of the text characters a term spans must form one of
/// ``referencePatterns(_:_:key:)``), allow-lists and leftmost-longest within the pass; then a
/// fold match is kept when it overlaps no match of an earlier pass (of the same entry, with
/// `.all`).
private func reference(
  _ list: Wordlist, _ variants: VariantOptions, _ semantics: MatchSemantics, _ maxNoise: Int,
  _ bytes: [UInt8]
) -> [(entry: Int, range: Range<Int>)] {
  let normalization = Normalization(maxNoise: maxNoise)
  let main = ReferenceMatcher(wordlist: list, normalization: normalization, semantics: semantics)
  var passes = [main.matches(in: bytes)]
  let chars = main.decode(bytes)
  for fold in ClassFold.allCases where variants.contains(fold.option) {
    let key = { (c: UInt32) in
      fold == .homophones ? (VariantExpander.homophoneKey(c) ?? c) : (ClassFold.shapeKeys[c] ?? c)
    }
    var terms: [(entry: Int, range: Range<Int>)] = []
    var allows: [Range<Int>] = []
    for (e, entry) in list.entries.enumerated() {
      let term = Alphabet.foldTerm(entry.text, normalization: normalization, folds: .standard)
      if entry.kind == .term && term.count(where: ClassFold.isHan) < 2 { continue }
      let accepted = referencePatterns(term, fold, key: key)
      for i in chars.indices {
        var ci = i
        var ok = true
        var keyed: [UInt32] = []
        for k in term.indices {
          guard ci < chars.count, let f = chars[ci].folded, f.count == 1 else {
            ok = false
            break
          }
          keyed.append(key(f[0]))
          if k == term.count - 1 { break }
          var noise = 0
          ci += 1
          while ci < chars.count, chars[ci].folded == [] {
            noise += 1
            ci += 1
          }
          if noise > maxNoise {
            ok = false
            break
          }
        }
        ok = ok && accepted.contains(keyed)
        guard ok else { continue }
        let r = chars[i].start..<chars[ci].end
        if entry.kind == .allow { allows.append(r) } else { terms.append((e, r)) }
      }
    }
    terms.removeAll { t in allows.contains { $0.lowerBound <= t.range.lowerBound && t.range.upperBound <= $0.upperBound } }
    terms.sort { ($0.range.lowerBound, -$0.range.upperBound, $0.entry) < ($1.range.lowerBound, -$1.range.upperBound, $1.entry) }
    var chosen: [(entry: Int, range: Range<Int>)] = []
    for t in terms where semantics == .all || (chosen.last.map { t.range.lowerBound >= $0.range.upperBound } ?? true) {
      chosen.append(t)
    }
    let earlier = passes.flatMap { $0 }
    passes.append(
      chosen.filter { m in
        !earlier.contains { x in x.range.overlaps(m.range) && (semantics == .leftmostLongest || x.entry == m.entry) }
      })
  }
  return passes.flatMap { $0 }
}

@Test(arguments: 0..<120)
func foldPassesAgreeWithReference(seed: Int) throws {
  var rng = SeededRandom(seed: UInt64(8800 + seed))
  var entries: [WordlistEntry] = []
  for i in 0..<Int.random(in: 1...5, using: &rng) {
    let n = Int.random(in: 1...5, using: &rng)
    let text = String((0..<n).map { _ in hanPieces.randomElement(using: &rng)! })
    let allow = Int.random(in: 0..<5, using: &rng) == 0
    entries.append(WordlistEntry(text: text, kind: allow ? .allow : .term, category: category, source: "gen:\(i)"))
  }
  let list = Wordlist(entries: entries)
  let variants: VariantOptions = [[.homophones], [.lookalikes], [.homophones, .lookalikes]][seed % 3]
  let semantics: MatchSemantics = seed % 4 == 3 ? .all : .leftmostLongest
  let maxNoise = Int.random(in: 0...2, using: &rng)
  let f = try Filter(
    wordlist: list,
    configuration: Filter.Configuration(
      normalization: Normalization(maxNoise: maxNoise), semantics: semantics, variants: variants))
  var text: [UInt8] = []
  for _ in 0..<60 {
    text += Int.random(in: 0..<4, using: &rng) == 0
      ? Array(otherPieces.randomElement(using: &rng)!.utf8)
      : Array(String(hanPieces.randomElement(using: &rng)!).utf8)
  }
  if seed % 5 == 0 { text.insert(0xFF, at: Int.random(in: 0...text.count, using: &rng)) }
  let expected = pairs(reference(list, variants, semantics, maxNoise, text)).sorted()
  let whole = f.matches(in: text)
  #expect(pairs(whole).sorted() == expected, "seed \(seed)")
  #expect(whole.map(\.range.lowerBound) == whole.map(\.range.lowerBound).sorted(), "seed \(seed)")
  for size in [1, 2, 3, 7] {
    #expect(streamed(f, Chunking.fixed(text, size: size)) == whole, "seed \(seed) @\(size)")
  }
}

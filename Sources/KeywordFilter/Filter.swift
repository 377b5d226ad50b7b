// kwfilter — KeywordFilter: word lists compiled into a searchable filter.

import AhoCorasick

/// A compiled keyword filter: word lists, normalized and built into one Aho-Corasick automaton.
///
/// Build it once and share it: a `Filter` is immutable and `Sendable`, so any number of threads
/// can scan with it at once (each with its own ``StreamScanner``).
///
/// ```swift
/// let list = try Wordlist(parsing: "# category: gambling\n赌博\n!打击赌博\n", name: "demo.txt")
/// let filter = try Filter(wordlist: list)
/// filter.matches(in: "网上賭-博，打击赌博")   // one match: 賭-博 at bytes 6..<13
/// filter.masking("网上賭-博")                  // "网上***"
/// ```
public final class Filter: Sendable {
  /// The entries the filter was built from (terms and allow-list phrases), in list order.
  /// (For a filter loaded from a compiled rule file they are decoded on first access.)
  public var entries: [WordlistEntry] { entryStore.all }
  /// Where the entries live: an array, or the compiled rule file.
  let entryStore: EntryStore
  /// The configuration it was built with.
  public let configuration: Configuration

  let automaton: Automaton
  /// Whether the automaton has repeat loops (``VariantOptions/repeats``): matches may then hold
  /// skipped repeated characters, and their starts are found along the pattern's symbols.
  let repeatLoops: Bool
  let alphabet: Alphabet
  /// The `re:` entries.
  let regexRules: RegexRules

  // Rules: every way an entry can match — the entry itself, and each of its variants (pinyin,
  // split characters, …). Occurrences, allow-lists and boundaries work per rule; a match
  // reports the rule's entry.

  /// Rule of each automaton pattern.
  let ruleOfPattern: FlatArray<Int>
  /// Per rule: its entry.
  let ruleEntry: FlatArray<Int>
  /// Per rule: the tier its matches report (variants that cost precision report `review`).
  let ruleTier: FlatArray<Tier>
  /// Per rule: folded length in symbols (0 for regex rules).
  let patternLength: FlatArray<Int>
  /// Per rule: whether it is an allow-list rule.
  let isAllow: FlatArray<Bool>
  /// Per rule: the Latin boundary rule applies at its start / end.
  let needsBoundaryBefore: FlatArray<Bool>
  let needsBoundaryAfter: FlatArray<Bool>
  /// Per rule: whether it is a full-pinyin variant, whose Latin boundaries may be glued pinyin
  /// (see ``GluedPinyin``).
  let isPinyinRule: FlatArray<Bool>
  /// How far past a match the scanner reads before deciding it, and how much more history it
  /// keeps before one: the context of the boundary rule and of glued pinyin (0 for neither).
  let lookAroundBytes: Int
  /// The UTF-8 scan kernel's lookup block: classes and root transitions (see
  /// `FastKernel.lookup`).
  let kernelLookup: [UInt16]
  /// Upper bound on the original-byte length of any occurrence (≥ 4 per character plus the
  /// noise allowed between characters).
  let maxSpan: Int
  /// The class-fold passes (homophones, then look-alikes; see ``ClassFold``): filters over the
  /// same entries whose alphabets map characters to class keys. Empty unless an entry opts in.
  let foldPasses: [Filter]

  /// How a filter normalizes, matches and reads its input.
  public struct Configuration: Sendable, Hashable {
    /// Normalization of lists and text. Default ``Normalization/standard``.
    public var normalization: Normalization
    /// Which matches are reported. Default ``MatchSemantics/leftmostLongest``.
    public var semantics: MatchSemantics
    /// Variants generated for every literal term (a list file may add more with a
    /// `# variants:` line). Default ``VariantOptions/digitStyles``: cheap and precise.
    /// ``VariantOptions/homophones`` and ``VariantOptions/lookalikes`` add class-fold passes
    /// (``ClassFold``; matches at ``Tier/review``) instead of variant patterns;
    /// ``VariantOptions/lookalikes`` also folds one-code-point look-alikes (`а`, `🅰`, `⻢`) in
    /// text and lists alike.
    public var variants: VariantOptions = [.digitStyles]
    /// What to do with a match of a Chinese term that cuts through a common word around it
    /// (`口交` in `路口交通`). Default ``BoundaryControl/review``: such matches are reported
    /// with tier ``Tier/review``. See ``BoundaryControl`` for how the cut is decided.
    public var boundaryControl: BoundaryControl = .review
    /// Regions at least this long are scanned as two interleaved lanes (tests lower it so
    /// that small inputs take that path too).
    var laneThreshold = 4096

    /// Creates a configuration.
    public init(
      normalization: Normalization = .standard, semantics: MatchSemantics = .leftmostLongest,
      variants: VariantOptions = [.digitStyles], boundaryControl: BoundaryControl = .review
    ) {
      self.normalization = normalization
      self.semantics = semantics
      self.variants = variants
      self.boundaryControl = boundaryControl
    }
  }

  /// Compiles a word list.
  ///
  /// - Throws: ``FilterError`` when an entry has no character that is not noise, or the lists
  ///   are too large for the automaton.
  /// - Complexity: linear in the total length of the entries, plus a fixed ~1 ms for the
  ///   character tables.
  public init(wordlist: Wordlist, configuration: Configuration = Configuration()) throws(FilterError)
  {
    // Repeat loops are a property of the automaton: any list asking for them turns them on.
    var configuration = configuration
    if wordlist.entries.contains(where: { $0.variants.contains(.repeats) }) {
      configuration.variants.insert(.repeats)
    }
    let repeatLoops = configuration.variants.contains(.repeats)
    let normalization = configuration.normalization
    let lookalikes =
      configuration.variants.contains(.lookalikes)
      || wordlist.entries.contains { $0.variants.contains(.lookalikes) }
    let folds = lookalikes ? FoldTable.withLookalikes : FoldTable.standard
    let standardFold = !lookalikes && normalization.foldCharacters && normalization.skipNoise
    var ruleEntry: [Int] = []
    var ruleTier: [Tier] = []
    // Each rule's folded term (regex rules: empty), end to end; the regex rules' triggers are
    // appended after the rules.
    var folded = FoldedTerms()
    var rulePinyin: [Bool] = []
    var regexRuleIndices: [Int] = []
    ruleEntry.reserveCapacity(wordlist.entries.count)
    // Exact duplicates (same text, kind, category and tier — lists merged from several sources
    // repeat terms) share one rule: they would report the same match, and each copy would
    // otherwise add an occurrence at every position where the term matches.
    // Keyed by the folded term (hashing a String normalizes it, which costs more than the rest
    // of the entry's compilation); equal folds with different texts are told apart by text.
    struct DuplicateKey: Hashable {
      let folded: [UInt32]
      let kind: WordlistEntry.Kind
      let category: Category
      let tier: Tier
    }
    struct DuplicateText: Hashable {
      let key: DuplicateKey
      let text: String
    }
    // The first entry of each key, as the index of its rule, in an open-addressing table over a
    // multiplicative hash of the folded term: a `Dictionary` (SipHash, the category's string)
    // cost more than folding the terms.
    let tableSize = max(16, 1 << (Int.bitWidth - (2 * wordlist.entries.count).leadingZeroBitCount))
    var firstRuleOfKey = [Int32](repeating: -1, count: tableSize)
    var hashOfSlot = [UInt64](repeating: 0, count: tableSize)
    var textsOfSharedKeys: Set<DuplicateText> = []
    for (index, entry) in wordlist.entries.enumerated() {
      if entry.isRegex {
        regexRuleIndices.append(ruleEntry.count)
        ruleEntry.append(index)
        ruleTier.append(entry.tier)
        folded.commitPending()
        rulePinyin.append(false)
        continue
      }
      // Folded as the pending term: kept as this entry's rule, or dropped as a duplicate.
      folded.appendFolded(entry.text.unicodeScalars, normalization: normalization, folds: folds)
      // Slices of `folded` are only ever temporaries: one held while `folded` grows would make
      // it copy its whole buffer.
      let f = folded.pendingStart..<folded.codes.count
      if f.isEmpty {
        throw FilterError(
          source: entry.source,
          reason: "'\(entry.text)' has no characters other than noise (spaces, punctuation,"
            + " symbols), so it could never match")
      }
      let hash = Filter.duplicateHash(folded.codes[f])
      var slot = Int(truncatingIfNeeded: hash) & (tableSize - 1)
      var firstEntry: Int? = nil
      while firstRuleOfKey[slot] >= 0 {
        let r = Int(firstRuleOfKey[slot])
        if hashOfSlot[slot] == hash && folded[r] == folded.codes[f] {
          let e = ruleEntry[r]
          let first = wordlist.entries[e]
          if first.kind == entry.kind && first.tier == entry.tier
            && first.category == entry.category
          {
            firstEntry = e
            break
          }
        }
        slot = (slot + 1) & (tableSize - 1)
      }
      if let first = firstEntry {
        let firstText = wordlist.entries[first].text
        if firstText == entry.text {
          folded.discardPending()
          continue
        }
        let key = DuplicateKey(
          folded: Array(folded.codes[f]), kind: entry.kind, category: entry.category, tier: entry.tier)
        textsOfSharedKeys.insert(DuplicateText(key: key, text: firstText))
        if !textsOfSharedKeys.insert(DuplicateText(key: key, text: entry.text)).inserted {
          folded.discardPending()
          continue
        }
      } else {
        firstRuleOfKey[slot] = Int32(ruleEntry.count)
        hashOfSlot[slot] = hash
      }
      ruleEntry.append(index)
      ruleTier.append(entry.tier)
      folded.commitPending()
      let rule = folded.count - 1
      rulePinyin.append(false)
      let options = configuration.variants.union(entry.variants)
      guard entry.kind == .term, !options.isDisjoint(with: Filter.expandedVariants) else { continue }
      // The expander folds with the standard table and normalization, and keeps no line break
      // or control character as is: when those are this filter's and the term has none, its
      // fold is `f` (else it folds the term itself).
      let expanderFold = standardFold && !folded.codes[f].contains(where: Alphabet.isBreak)
      // The folds seen for this entry: its rules (from `rule` on), and the digits-only ones
      // skipped below (rare: an array only when there is one).
      var seenDigitsOnly: [[UInt32]] = []
      for kind in Filter.expandedVariantKinds where options.contains(kind) {
        let limit = 12
        // Each variant as code points: digit styles straight from the expander (the same
        // candidates, without a round trip through `String`), the others from their strings.
        let candidates =
          kind == .digitStyles
          ? VariantExpander.digitStyleCandidates(
            of: entry.text, folded: expanderFold ? folded[rule] : nil)
          : VariantExpander.variants(of: entry.text, options: kind, limit: limit).map {
            $0.unicodeScalars.map { $0.value }
          }
        for v in candidates {
          folded.appendFolded(codePoints: v, normalization: normalization, folds: folds)
          let vf = folded.pendingStart..<folded.codes.count
          if vf.isEmpty || (rule..<folded.count).contains(where: { folded[$0] == folded.codes[vf] })
            || seenDigitsOnly.contains(where: { $0[...] == folded.codes[vf] })
          {
            folded.discardPending()
            continue
          }
          // A digits-only variant (`六四` → `64`) would match every such number.
          if kind == .digitStyles && folded.codes[vf].allSatisfy({ (0x30...0x39).contains($0) }) {
            seenDigitsOnly.append(Array(folded.codes[vf]))
            folded.discardPending()
            continue
          }
          folded.commitPending()
          ruleEntry.append(index)
          ruleTier.append(entry.tier)
          // Glued pinyin only for terms spelled wholly in pinyin (see GluedPinyin).
          rulePinyin.append(
            kind == .pinyinFull && !folded[rule].contains(where: Alphabet.isWordCharacter))
        }
      }
    }
    // The duplicate tables are dead now; freed before the automaton is built (the build's
    // high-water mark of memory).
    firstRuleOfKey = []
    hashOfSlot = []
    textsOfSharedKeys = []
    // Literal triggers of the regex rules join the automaton: pattern → rule -1 - k for rule k.
    let regexTexts = regexRuleIndices.map { wordlist.entries[ruleEntry[$0]].text }
    let triggers = RegexTriggers.folded(regexTexts, normalization: normalization, folds: folds)
    let triggerPatterns = triggers.enumerated().flatMap { k, t in (t ?? []).map { (k, $0) } }
    let ruleCount = folded.count
    let literal = (0..<ruleCount).filter { folded.length($0) != 0 }
    for (_, term) in triggerPatterns { folded.append(term) }
    let alphabet = try Alphabet(
      foldedTerms: folded, normalization: normalization, lookalikes: lookalikes)
    // The patterns end to end (the literal rules', then the triggers'): no array per pattern.
    let (symbols, patternEnds) = alphabet.flatSymbols(of: folded)
    // What the rules need from their folds, taken now so that the folds are freed before the
    // automaton is built (the build's high-water mark of memory).
    let rules = 0..<ruleCount
    let patternLength = FlatArray(rules.map { folded.length($0) })
    let boundaries = normalization.wordBoundaries
    let needsBoundaryBefore = FlatArray(rules.map {
      let r = folded.range($0)
      return boundaries && !r.isEmpty && Alphabet.isWordCharacter(folded.codes[r.lowerBound])
    })
    let needsBoundaryAfter = FlatArray(rules.map {
      let r = folded.range($0)
      return boundaries && !r.isEmpty && Alphabet.isWordCharacter(folded.codes[r.upperBound - 1])
    })
    let longest = rules.reduce(0) { max($0, folded.length($1)) }
    folded = FoldedTerms()
    do {
      // Moved, not shared: the builder frees them once its trie is built.
      automaton = try Automaton(
        symbols: consume symbols, patternEnds: consume patternEnds, alphabetSize: alphabet.size,
        repeatLoops: repeatLoops)
    } catch {
      throw FilterError(
        // A pattern past the literal ones is a regex rule's trigger: no single entry to name.
        source: error.patternIndex.flatMap {
          $0 < literal.count ? wordlist.entries[ruleEntry[literal[$0]]].source : nil
        },
        reason: error.description)
    }
    self.ruleOfPattern = FlatArray(literal + triggerPatterns.map { -1 - $0.0 })
    self.ruleEntry = FlatArray(ruleEntry)
    self.ruleTier = FlatArray(ruleTier)
    self.regexRules = try RegexRules(
      entries: EntryStore(wordlist.entries), rules: regexRuleIndices, ruleEntry: ruleEntry,
      triggers: triggers.map { $0 == nil ? nil : regexTexts.isEmpty ? nil : [] })
    let store = EntryStore(wordlist.entries)
    self.entryStore = store
    self.configuration = configuration
    self.alphabet = alphabet
    self.patternLength = patternLength
    self.isAllow = FlatArray(ruleEntry.map { wordlist.entries[$0].kind == .allow })
    self.needsBoundaryBefore = needsBoundaryBefore
    self.needsBoundaryAfter = needsBoundaryAfter
    // Skipped characters between two term characters: noise, and repeats (which share the
    // noise run's limit even when noise skipping is off).
    let noise = normalization.skipNoise || repeatLoops ? normalization.maxNoise : 0
    self.maxSpan = 4 * longest + 4 * noise * max(0, longest - 1)
    self.repeatLoops = repeatLoops
    self.foldPasses = try Filter.classFoldPasses(
      entries: wordlist.entries, store: store, configuration: configuration,
      lookalikes: lookalikes)
    self.isPinyinRule = FlatArray(rulePinyin)
    self.lookAroundBytes = Filter.lookAround(configuration, isPinyinRule: isPinyinRule)
    self.kernelLookup = FastKernel.lookup(automaton, alphabet: alphabet)
  }

  /// A hash of a folded term for the duplicate table in ``init(wordlist:configuration:)``
  /// (multiply-xorshift; not seeded: the table's order never shows).
  static func duplicateHash(_ folded: ArraySlice<UInt32>) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(folded.count &+ 1)
    for c in folded {
      h = (h ^ UInt64(c)) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
    }
    h = (h ^ (h >> 33)) &* 0xC4CE_B9FE_1A85_EC53
    return h ^ (h >> 33)
  }

  /// See ``lookAroundBytes``.
  static func lookAround(_ configuration: Configuration, isPinyinRule: FlatArray<Bool>) -> Int {
    let pinyin = isPinyinRule.contains(true) ? GluedPinyin.contextBytes : 0
    let boundary = configuration.boundaryControl == .off ? 0 : BoundaryRule.contextBytes
    // Repeats of a match's last character are skipped before the Latin word-boundary test.
    let repeats =
      configuration.variants.contains(.repeats) ? 4 * (configuration.normalization.maxNoise + 1) : 0
    return max(pinyin, boundary, repeats)
  }

  /// Assembles a filter from loaded parts (see ``init(compiledRulesAt:)``).
  init(
    entryStore: EntryStore, configuration: Configuration, automaton: Automaton,
    alphabet: Alphabet, regexRules: RegexRules, ruleOfPattern: FlatArray<Int>,
    ruleEntry: FlatArray<Int>, ruleTier: FlatArray<Tier>, patternLength: FlatArray<Int>,
    isAllow: FlatArray<Bool>, needsBoundaryBefore: FlatArray<Bool>,
    needsBoundaryAfter: FlatArray<Bool>, isPinyinRule: FlatArray<Bool>, maxSpan: Int,
    foldPasses: [Filter] = [], repeatLoops: Bool? = nil
  ) {
    self.repeatLoops = repeatLoops ?? configuration.variants.contains(.repeats)
    self.entryStore = entryStore
    self.configuration = configuration
    self.automaton = automaton
    self.alphabet = alphabet
    self.regexRules = regexRules
    self.ruleOfPattern = ruleOfPattern
    self.ruleEntry = ruleEntry
    self.ruleTier = ruleTier
    self.patternLength = patternLength
    self.isAllow = isAllow
    self.needsBoundaryBefore = needsBoundaryBefore
    self.needsBoundaryAfter = needsBoundaryAfter
    self.isPinyinRule = isPinyinRule
    self.maxSpan = maxSpan
    self.lookAroundBytes = Filter.lookAround(configuration, isPinyinRule: isPinyinRule)
    self.kernelLookup = FastKernel.lookup(automaton, alphabet: alphabet)
    self.foldPasses = foldPasses
  }

  /// The options that add patterns, in the order their variants are generated.
  /// (``VariantOptions/homophones`` and ``VariantOptions/lookalikes`` are class-fold passes
  /// instead: see ``ClassFold``.)
  static let expandedVariantKinds: [VariantOptions] = [
    .digitStyles, .pinyinFull, .pinyinInitials, .splitCharacters,
  ]
  static let expandedVariants = VariantOptions(expandedVariantKinds)

  /// Whether the filter has `re:` rules (their matches are reported once the line is complete).
  public var hasRegexRules: Bool { !regexRules.isEmpty }

  /// Number of terms (not counting allow-list phrases).
  public var termCount: Int { isAllow.count { !$0 } }

  /// Bytes held by the automaton and character tables (the class-fold passes' included).
  public var memoryFootprint: Int {
    automaton.memoryFootprint + alphabet.bmp.count * 2 + foldPasses.reduce(0) { $0 + $1.memoryFootprint }
  }

  /// A one-line summary of the compiled filter: entries, alphabet, automaton layout and size.
  public var statistics: String {
    let dfa = "\(automaton.dfa.transitionCount) DFA transitions, \(automaton.dfa.incompleteCount) incomplete states"
    return "\(entryStore.count) entries (\(regexRules.rules.count) regex), "
      + "\(alphabet.size - 1) distinct characters, \(automaton.patternCount) literal patterns, "
      + "\(dfa), \(memoryFootprint / 1024) KiB"
      + foldPasses.map { ", \($0.alphabet.classFold.map { "\($0)" } ?? "class") fold pass: \($0.automaton.patternCount) patterns" }.joined()
  }

  /// A new scanner for one input stream in the given encoding (UTF-8 unless said otherwise;
  /// see ``InputEncoding/detect(prefix:)`` for deciding from the input).
  public func makeScanner(encoding: InputEncoding = .utf8) -> StreamScanner {
    StreamScanner(filter: self, encoding: encoding)
  }

  /// Every match in a complete input, in order of position (ranges are byte offsets into
  /// `bytes`, whatever its encoding; ``Match/text`` is UTF-8).
  public func matches(in bytes: UnsafeRawBufferPointer, encoding: InputEncoding = .utf8) -> [Match]
  {
    var scanner = makeScanner(encoding: encoding)
    var result: [Match] = []
    scanner.scan(bytes) { result.append($0) }
    scanner.finish { result.append($0) }
    return result
  }

  /// Every match in a byte array, in order of position.
  public func matches(in bytes: [UInt8], encoding: InputEncoding = .utf8) -> [Match] {
    bytes.withUnsafeBytes { matches(in: $0, encoding: encoding) }
  }

  /// Every match in a string (ranges are UTF-8 byte offsets), in order of position.
  public func matches(in text: String) -> [Match] {
    var text = text
    return text.withUTF8 { matches(in: UnsafeRawBufferPointer($0)) }
  }

  /// The number of matches in a complete input.
  public func countMatches(in bytes: UnsafeRawBufferPointer) -> Int {
    var scanner = makeScanner()
    var count = 0
    scanner.scan(bytes) { _ in count += 1 }
    scanner.finish { _ in count += 1 }
    return count
  }

  /// The text with every matched character replaced by `mask`.
  public func masking(_ text: String, with mask: String = "*") -> String {
    var masker = StreamMasker(filter: self, mask: mask)
    var output: [UInt8] = []
    var text = text
    text.withUTF8 { buffer in
      masker.process(UnsafeRawBufferPointer(buffer)) { output.append(contentsOf: $0) }
    }
    masker.finish { output.append(contentsOf: $0) }
    return String(decoding: output, as: UTF8.self)
  }

  /// The match reported for rule `r` at `range`.
  func makeMatch(rule r: Int, range: Range<Int>, text: String) -> Match {
    let index = ruleEntry[r]
    let e = entryStore[index]
    return Match(
      range: range, entryIndex: index, term: e.text, category: e.category, tier: ruleTier[r],
      text: text)
  }
}

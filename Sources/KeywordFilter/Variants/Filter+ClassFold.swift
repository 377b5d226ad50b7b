// kwfilter — KeywordFilter: building the class-fold passes (homophones, look-alikes).

import AhoCorasick

extension Filter {
  /// Builds one class-fold pass per ``ClassFold`` that some term opts into (through the
  /// configuration's or its list's ``VariantOptions``): a filter over the same entries whose
  /// alphabet maps every character to its class key, with the keyed patterns of those terms
  /// and of every literal allow-list phrase.
  ///
  /// A term takes part when it has at least two Chinese characters after folding (one keyed
  /// character alone matches far too much ordinary text). Its matches report the entry at
  /// ``Tier/review``. The passes need character folding: with
  /// ``Normalization/foldCharacters`` off (`--exact`) there are none.
  ///
  /// - Complexity: linear in the total length of the entries (up to
  ///   ``ClassFold/maxPatternsPerTerm`` patterns per look-alike term), plus the key tables once
  ///   per process (release build: about 27 ms for homophones, 8 ms for look-alikes plus about
  ///   2.5 ms for their alternative keys).
  static func classFoldPasses(
    entries: [WordlistEntry], store: EntryStore, configuration: Configuration, lookalikes: Bool
  ) throws(FilterError) -> [Filter] {
    let normalization = configuration.normalization
    guard normalization.foldCharacters else { return [] }
    // Every option any term could have, read once: most lists opt into no class fold, and
    // testing each entry per fold cost as much as a small list's whole compilation.
    var anyOptions = configuration.variants
    for i in entries.indices where entries[i].kind == .term {
      anyOptions.formUnion(entries[i].variants)
    }
    var passes: [Filter] = []
    for kind in ClassFold.allCases where anyOptions.contains(kind.option) {
      let optedIn = { (e: WordlistEntry) in
        e.kind == .term && !e.isRegex && configuration.variants.union(e.variants).contains(kind.option)
      }
      guard entries.contains(where: optedIn) else { continue }
      let base = FoldTable.table(lookalikes: lookalikes, classFold: nil)
      var ruleEntry: [Int] = []
      var ruleTier: [Tier] = []
      var patterns: [[UInt32]] = []
      var isAllow: [Bool] = []
      // Exact duplicates share one rule, as in the main pass.
      var seen: Set<String> = []
      for (index, entry) in entries.enumerated() {
        guard entry.kind == .allow ? !entry.isRegex : optedIn(entry) else { continue }
        let folded = Alphabet.foldTerm(entry.text, normalization: normalization, folds: base)
        if folded.isEmpty || (entry.kind == .term && folded.count(where: ClassFold.isHan) < 2) {
          continue
        }
        let key = "\(entry.kind)\u{0}\(entry.tier)\u{0}\(entry.category.rawValue)\u{0}\(entry.text)"
        if !seen.insert(key).inserted { continue }
        for p in kind.patterns(of: folded) {
          ruleEntry.append(index)
          ruleTier.append(entry.kind == .term ? .review : entry.tier)
          patterns.append(p)
          isAllow.append(entry.kind == .allow)
        }
      }
      guard isAllow.contains(false) else { continue }
      let alphabet = try Alphabet(
        foldedTerms: patterns, normalization: normalization, lookalikes: lookalikes,
        classFold: kind)
      let automaton: Automaton
      do {
        automaton = try Automaton(
          patterns: patterns.map { $0.map { UInt32(alphabet.symbol(ofFolded: $0)) } },
          alphabetSize: alphabet.size)
      } catch {
        throw FilterError(
          source: error.patternIndex.map { entries[ruleEntry[$0]].source }, reason: error.description)
      }
      let boundaries = normalization.wordBoundaries
      let longest = patterns.map(\.count).max() ?? 0
      let noise = normalization.skipNoise ? normalization.maxNoise : 0
      let before: [Bool] = patterns.map { boundaries && Alphabet.isWordCharacter($0[0]) }
      let after: [Bool] = patterns.map { boundaries && Alphabet.isWordCharacter($0[$0.count - 1]) }
      let regexRules = try RegexRules(entries: store, rules: [], ruleEntry: ruleEntry, triggers: [])
      let maxSpan = 4 * longest + 4 * noise * max(0, longest - 1)
      let pass = Filter(
        entryStore: store, configuration: configuration, automaton: automaton,
        alphabet: alphabet, regexRules: regexRules,
        ruleOfPattern: FlatArray(Array(patterns.indices)), ruleEntry: FlatArray(ruleEntry),
        ruleTier: FlatArray(ruleTier), patternLength: FlatArray(patterns.map(\.count)),
        isAllow: FlatArray(isAllow), needsBoundaryBefore: FlatArray(before),
        needsBoundaryAfter: FlatArray(after),
        isPinyinRule: FlatArray([Bool](repeating: false, count: patterns.count)),
        maxSpan: maxSpan, repeatLoops: false)
      passes.append(pass)
    }
    return passes
  }

  /// Which ``ClassFold`` passes a filter has, as a bit set (bit `k` = `ClassFold(rawValue: k)`),
  /// for compiled rule files.
  var classFoldMask: Int64 {
    foldPasses.reduce(0) { mask, pass in mask | (1 << Int64(pass.alphabet.classFold?.rawValue ?? 0)) }
  }
}

// kwfilter — KeywordFilter: literal triggers of regex rules, found by the automaton for free.

/// The literal strings one of which every match of a rule must contain — its *triggers* — for
/// the simple patterns word lists use: sequences of literals, small character classes,
/// alternations of such, optional or repeated items and look-arounds. The scanner adds the
/// triggers to the automaton that already reads every character, and a rule with triggers
/// runs only on lines where one occurred. A pattern this analysis does not understand has no
/// triggers and runs on every line, so the analysis can only save work, never lose a match.
enum RegexTriggers {
  /// The triggers of each rule as the filter uses them: folded like terms; nil for a rule with
  /// none, or with one that folds to nothing. Build and load both call this, so they agree.
  static func folded(
    _ texts: [String], normalization: Normalization, folds: FoldTable
  ) -> [[[UInt32]]?] {
    texts.map { text in
      guard let strings = triggers(for: text) else { return nil }
      let f = strings.map { Alphabet.foldTerm($0, normalization: normalization, folds: folds) }
      return f.contains(where: \.isEmpty) ? nil : f
    }
  }

  /// Most strings a factor may expand to.
  static let limit = 64

  /// The best trigger set of `pattern` (fewest, longest strings), or nil when none is sure.
  static func triggers(for pattern: String) -> [String]? {
    var parser = Parser(Array(pattern.unicodeScalars))
    guard let items = parser.sequence(), parser.atEnd else { return nil }
    return best(factors(items))
  }

  /// One element of a pattern, as far as triggers are concerned.
  enum Item {
    /// Matches one of these strings (a literal, a small class, an alternation of literal runs).
    case strings([String])
    /// Consumes something, but no finite string set describes it (`\d`, `.`, `[a-z]`, `x*`).
    case unknown
    /// Consumes nothing (look-arounds, anchors).
    case empty
    /// Starts with one of these strings, then something unknown follows.
    case prefix([String])
  }

  /// Maximal runs of required string sets, each expanded to its strings.
  static func factors(_ items: [Item]) -> [[String]] {
    var result: [[String]] = []
    var run: [String]? = nil
    for item in items {
      switch item {
      case .empty: continue
      case .unknown:
        if let r = run { result.append(r) }
        run = nil
      case .prefix(let s):
        let extended = run.map { r in r.flatMap { a in s.map { a + $0 } } } ?? s
        result.append(extended.count > limit ? s : extended)
        run = nil
      case .strings(let s):
        if let r = run {
          let product = r.flatMap { a in s.map { a + $0 } }
          if product.count > limit {
            result.append(r)
            run = s
          } else {
            run = product
          }
        } else {
          run = s
        }
      }
    }
    if let r = run { result.append(r) }
    return result
  }

  /// The factor whose shortest string is longest (then with fewest strings); strings of only
  /// noise (punctuation) are useless to the automaton, so a factor holding one is skipped.
  static func best(_ factors: [[String]]) -> [String]? {
    let usable = factors.filter { f in
      !f.isEmpty && f.allSatisfy { s in s.unicodeScalars.contains { isTriggerCharacter($0) } }
    }
    return usable.max { a, b in
      let la = a.map(weight).min() ?? 0
      let lb = b.map(weight).min() ?? 0
      return la != lb ? la < lb : a.count > b.count
    }
  }

  /// Letters, digits and CJK count; punctuation and symbols are noise to the automaton.
  static func isTriggerCharacter(_ s: Unicode.Scalar) -> Bool {
    s.properties.isAlphabetic || s.properties.numericType != nil
  }

  static func weight(_ s: String) -> Int { s.unicodeScalars.filter(isTriggerCharacter).count }

  /// A recursive-descent reader of the PCRE2 subset above.
  struct Parser {
    let p: [Unicode.Scalar]
    var i = 0
    init(_ p: [Unicode.Scalar]) { self.p = p }
    var atEnd: Bool { i >= p.count }

    /// alternative ('|' alternative)* — as one item.
    mutating func alternation() -> Item? {
      var options: [String] = []
      var exact = true  // every alternative is exactly one of its strings
      var known = true  // every alternative at least starts with one of its strings
      repeat {
        guard let seq = sequence() else { return nil }
        let consuming = seq.filter { if case .empty = $0 { return false } else { return true } }
        var run: [String] = [""]
        var k = 0
        while k < consuming.count, case .strings(let s) = consuming[k] {
          run = run.flatMap { a in s.map { a + $0 } }
          if run.count > RegexTriggers.limit { return .unknown }
          k += 1
        }
        if k < consuming.count {
          exact = false
          if k == 0 {
            if case .prefix(let s) = consuming[0] { run = s } else { known = false }
          }
        }
        options += run
        if i < p.count && p[i] == "|" { i += 1 } else { break }
      } while true
      if !known || options.count > RegexTriggers.limit || options.contains("") { return .unknown }
      return exact ? .strings(options) : .prefix(options)
    }

    /// A sequence up to ')' or '|' or the end.
    mutating func sequence() -> [Item]? {
      var items: [Item] = []
      while i < p.count && p[i] != "|" && p[i] != ")" {
        guard var item = atom() else { return nil }
        // Quantifiers.
        if i < p.count {
          switch p[i] {
          case "?", "*":
            i += 1
            item = .unknown
          case "+":
            i += 1
            if case .strings(let s) = item { item = .prefix(s) } else if case .prefix = item {} else { item = .unknown }
          case "{":
            guard let (lo, _) = braces() else { return nil }
            if lo >= 1, case .strings(let s) = item { item = .prefix(s) } else if lo >= 1, case .prefix = item {} else { item = .unknown }
          default: break
          }
          if i < p.count && (p[i] == "?" || p[i] == "+") { i += 1 }  // lazy/possessive
        }
        items.append(item)
      }
      return items
    }

    mutating func braces() -> (Int, Int?)? {
      var j = i + 1
      var lo = 0
      var sawDigit = false
      while j < p.count, let d = Int(String(p[j])) {
        // Only `lo ≥ 1` matters here; saturate so that a huge count cannot overflow (PCRE2
        // itself rejects counts above 65535 when the rule is compiled).
        lo = min(lo * 10 + d, 1 << 20)
        sawDigit = true
        j += 1
      }
      guard sawDigit else { return nil }
      while j < p.count && p[j] != "}" { j += 1 }
      guard j < p.count else { return nil }
      i = j + 1
      return (lo, nil)
    }

    mutating func atom() -> Item? {
      let c = p[i]
      switch c {
      case "(":
        i += 1
        var lookaround = false
        if i < p.count && p[i] == "?" {
          i += 1
          guard i < p.count else { return nil }
          if p[i] == ":" {
            i += 1
          } else if p[i] == "=" || p[i] == "!" {
            lookaround = true
            i += 1
          } else if p[i] == "<" && i + 1 < p.count && (p[i + 1] == "=" || p[i + 1] == "!") {
            lookaround = true
            i += 2
          } else {
            return nil  // inline options, named groups, …: not analysed
          }
        } else if i < p.count && p[i] == "*" {
          return nil
        }
        guard let inner = alternation(), i < p.count, p[i] == ")" else { return nil }
        i += 1
        return lookaround ? .empty : inner
      case "[":
        return characterClass()
      case "\\":
        guard i + 1 < p.count else { return nil }
        let e = p[i + 1]
        i += 2
        if "dDwWsShHvVRNXpPbBAzZGQEKkgx0123456789".unicodeScalars.contains(e) {
          if "bBAzZG".unicodeScalars.contains(e) { return .empty }
          if e == "p" || e == "P" || e == "x" || e == "g" || e == "k" { return nil }
          return .unknown
        }
        if e.properties.isAlphabetic { return nil }  // \t, \n, … : not analysed
        return .strings([String(e)])
      case ".":
        i += 1
        return .unknown
      case "^", "$":
        i += 1
        return .empty
      case "*", "+", "?", "{", ")", "|":
        return nil
      default:
        i += 1
        return .strings([String(c)])
      }
    }

    /// `[…]`: a finite set when it holds a few literal characters or small ranges.
    mutating func characterClass() -> Item? {
      i += 1
      if i < p.count && p[i] == "^" { return skipClass() }
      var chars: [Unicode.Scalar] = []
      var first = true
      while i < p.count && (p[i] != "]" || first) {
        first = false
        var c = p[i]
        if c == "\\" {
          guard i + 1 < p.count else { return nil }
          let e = p[i + 1]
          if e.properties.isAlphabetic || e.properties.numericType != nil { return skipClass() }
          c = e
          i += 1
        } else if c == "[" {
          return skipClass()
        }
        i += 1
        if i + 1 < p.count && p[i] == "-" && p[i + 1] != "]" {
          let hi = p[i + 1]
          i += 2
          guard c.value <= hi.value, hi.value - c.value < 16 else { return skipClass() }
          for v in c.value...hi.value { if let s = Unicode.Scalar(v) { chars.append(s) } }
        } else {
          chars.append(c)
        }
      }
      guard i < p.count else { return nil }
      i += 1
      return chars.count <= 16 ? .strings(chars.map { String($0) }) : .unknown
    }

    mutating func skipClass() -> Item? {
      while i < p.count && p[i] != "]" {
        if p[i] == "\\" { i += 1 }
        i += 1
      }
      guard i < p.count else { return nil }
      i += 1
      return .unknown
    }
  }
}

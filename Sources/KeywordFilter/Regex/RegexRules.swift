// kwfilter — KeywordFilter: the word lists' `re:` entries, compiled with PCRE2.

import PCRE2

/// The regular-expression entries of a filter, compiled once.
///
/// Each `re:` entry is a PCRE2 pattern in UTF mode with Unicode properties, case-insensitive
/// unless the pattern says `(?-i)`, with match, depth and heap limits. All entries are also
/// joined into one alternation that serves as a prefilter: most lines contain no candidate at
/// all, and one JIT-compiled pass over a block of lines tells so.
struct RegexRules: Sendable {
  /// Filter rule index of each regex (see ``Filter``: rule → entry).
  let rules: [Int]
  /// The compiled rules, parallel to ``entries``.
  let regexes: [Regex]
  /// `(?:r1)|(?:r2)|…` over the *block-safe* rules, compiled multi-line, or nil when there are
  /// none or they cannot be joined (e.g. numbered back-references).
  let prefilter: Regex?
  /// Per rule: whether the prefilter covers it. A rule is left out when its meaning on a lone
  /// line can differ from its meaning inside a block of lines (see ``isBlockSafe(_:)``); such
  /// rules are run on every line.
  let prefiltered: [Bool]
  /// Per rule: its literal triggers (``RegexTriggers``), or nil — a rule with triggers runs only
  /// on lines where the automaton found one (UTF-8 input).
  let triggers: [[String]?]
  /// The prefilter over block-safe rules *without* triggers, and which rules it covers, for
  /// input where triggers are used.
  let untriggeredPrefilter: Regex?
  let untriggeredPrefiltered: [Bool]
  /// Longest line (in bytes) a match may lie in; longer lines are cut into windows this long.
  static let window = 1 << 16

  var isEmpty: Bool { rules.isEmpty }

  /// Compiles the `re:` entries.
  ///
  /// - Throws: ``FilterError`` naming the entry's `file:line`, with PCRE2's message and offset.
  init(
    entries all: EntryStore, rules: [Int], ruleEntry: some RandomAccessCollection<Int>,
    triggers: [[String]?]
  ) throws(FilterError) {
    var regexes: [Regex] = []
    for rule in rules {
      let entry = all[ruleEntry[ruleEntry.index(ruleEntry.startIndex, offsetBy: rule)]]
      do {
        regexes.append(try Regex(entry.text))
      } catch {
        throw FilterError(
          source: entry.source,
          reason: "invalid regular expression '\(entry.text)': \(error.message)"
            + (error.offset.map { " at offset \($0)" } ?? ""))
      }
    }
    self.rules = rules
    self.regexes = regexes
    let texts = rules.map { all[ruleEntry[ruleEntry.index(ruleEntry.startIndex, offsetBy: $0)]].text }
    let safe = texts.map { RegexRules.isBlockSafe($0) }
    let joined = zip(texts, safe).filter(\.1).map { "(?:\($0.0))" }
    let prefilter = joined.isEmpty
      ? nil : try? Regex(joined.joined(separator: "|"), options: .init(multiline: true))
    self.prefilter = prefilter
    self.prefiltered = prefilter == nil ? safe.map { _ in false } : safe
    self.triggers = triggers
    let untriggeredSafe = zip(safe, triggers).map { $0 && $1 == nil }
    let rest = zip(texts, untriggeredSafe).filter(\.1).map { "(?:\($0.0))" }
    let restPrefilter = rest.isEmpty
      ? nil : try? Regex(rest.joined(separator: "|"), options: .init(multiline: true))
    self.untriggeredPrefilter = restPrefilter
    self.untriggeredPrefiltered =
      restPrefilter == nil ? untriggeredSafe.map { _ in false } : untriggeredSafe
  }

  /// Whether a rule finds, inside a block of lines searched multi-line, every match it finds on
  /// a line alone — so the joined prefilter may speak for it. Not so for `\A \z \Z \G`, and for
  /// a negative lookaround whose body might match a line break (on a lone line it sees
  /// nothing there; in a block it sees `\n`). Conservative: when unsure, not block-safe.
  static func isBlockSafe(_ pattern: String) -> Bool {
    let p = Array(pattern.unicodeScalars)
    // Inline options that turn multi-line mode off again (`(?-m)`, `(?^)`), and raw control
    // characters: not block-safe.
    if pattern.contains("(?^") || p.contains(where: { $0.value < 0x20 }) { return false }
    for k in p.indices where p[k] == "(" && k + 1 < p.count && p[k + 1] == "?" {
      var j = k + 2
      var off = false
      while j < p.count, p[j].properties.isAlphabetic || p[j] == "-" {
        if p[j] == "-" { off = true }
        if off && p[j] == "m" { return false }
        j += 1
      }
    }
    for k in p.indices where p[k] == "\\" && k + 1 < p.count {
      if "AzZG".unicodeScalars.contains(p[k + 1]) { return false }
    }
    // Negative lookarounds: (?! and (?<!, with their bodies.
    var k = 0
    while k + 2 < p.count {
      if p[k] == "\\" {
        k += 2
        continue
      }
      let negative =
        p[k] == "(" && p[k + 1] == "?"
        && (p[k + 2] == "!" || (k + 3 < p.count && p[k + 2] == "<" && p[k + 3] == "!"))
      if !negative {
        k += 1
        continue
      }
      // Walk the body to its closing parenthesis, looking for anything that can match a line
      // break: outside a class `.` and the escapes below; inside a class a negation or those
      // escapes (a `.` in a class is literal).
      var depth = 0
      var j = k
      var inClass = false
      let riskyEscapes = Set("sSDWHVRNXnvxocp0efrP".unicodeScalars)
      while j < p.count {
        let c = p[j]
        if c == "\\" && j + 1 < p.count {
          if riskyEscapes.contains(p[j + 1]) { return false }
          j += 2
          continue
        }
        if inClass {
          if c == "]" { inClass = false }
        } else if c == "[" {
          inClass = true
          if j + 1 < p.count && p[j + 1] == "^" { return false }
          if j + 1 < p.count && p[j + 1] == "[" { return false }  // POSIX classes
          if j + 1 < p.count && p[j + 1] == "]" { j += 1 }  // "[]…]": a literal ]
        } else if c == "." {
          return false
        } else if c == "(" {
          depth += 1
        } else if c == ")" {
          depth -= 1
          if depth == 0 { break }
        }
        j += 1
      }
      k = j + 1
    }
    return !pattern.contains("(?s") && !pattern.contains("(*")
  }
}

// kwfilter — KeywordFilter: the word lists' `re:` entries, compiled with PCRE2.

import PCRE2

/// The regular-expression entries of a filter, compiled once.
///
/// Each `re:` entry is a PCRE2 pattern in UTF mode with Unicode properties, case-insensitive
/// unless the pattern says `(?-i)`, with match, depth and heap limits. All entries are also
/// joined into one alternation that serves as a prefilter: most lines contain no candidate at
/// all, and one JIT-compiled pass over a block of lines tells so.
struct RegexRules: Sendable {
  /// Entry index of each rule.
  let entries: [Int]
  /// The compiled rules, parallel to ``entries``.
  let regexes: [Regex]
  /// `(?:r1)|(?:r2)|…`, or nil when the rules cannot be joined (e.g. they use numbered
  /// back-references): every line is then matched against every rule.
  let prefilter: Regex?
  /// Longest line (in bytes) a match may lie in; longer lines are cut into windows this long.
  static let window = 1 << 16

  var isEmpty: Bool { entries.isEmpty }

  /// Compiles the `re:` entries.
  ///
  /// - Throws: ``FilterError`` naming the entry's `file:line`, with PCRE2's message and offset.
  init(entries all: [WordlistEntry]) throws(FilterError) {
    var entries: [Int] = []
    var regexes: [Regex] = []
    for (index, entry) in all.enumerated() where entry.isRegex {
      do {
        regexes.append(try Regex(entry.text))
      } catch {
        throw FilterError(
          source: entry.source,
          reason: "invalid regular expression '\(entry.text)': \(error.message)"
            + (error.offset.map { " at offset \($0)" } ?? ""))
      }
      entries.append(index)
    }
    self.entries = entries
    self.regexes = regexes
    if regexes.isEmpty {
      prefilter = nil
    } else {
      let joined = all.indices.filter { all[$0].isRegex }.map { "(?:\(all[$0].text))" }
        .joined(separator: "|")
      prefilter = try? Regex(joined)
    }
  }
}

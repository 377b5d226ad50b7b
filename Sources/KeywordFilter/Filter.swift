// kwfilter — KeywordFilter: word lists compiled into a searchable filter.
import Glibc

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
  public let entries: [WordlistEntry]
  /// The configuration it was built with.
  public let configuration: Configuration

  let automaton: Automaton
  let alphabet: Alphabet
  /// The `re:` entries.
  let regexRules: RegexRules
  /// Entry index of each automaton pattern (literal entries, in order).
  let entryOfPattern: [Int]
  /// Per entry: folded length in symbols (0 for regex entries).
  let patternLength: [Int]
  /// Per entry: whether it is an allow-list phrase.
  let isAllow: [Bool]
  /// Per entry: the Latin boundary rule applies at its start / end.
  let needsBoundaryBefore: [Bool]
  let needsBoundaryAfter: [Bool]
  /// Upper bound on the original-byte length of any occurrence (≥ 4 per character plus the
  /// noise allowed between characters).
  let maxSpan: Int

  /// How a filter normalizes, matches and reads its input.
  public struct Configuration: Sendable, Hashable {
    /// Normalization of lists and text. Default ``Normalization/standard``.
    public var normalization: Normalization
    /// Which matches are reported. Default ``MatchSemantics/leftmostLongest``.
    public var semantics: MatchSemantics
    /// Regions at least this long are scanned as two interleaved lanes (tests lower it so
    /// that small inputs take that path too).
    var laneThreshold = getenv("KW_LANES").map { Int(atoi($0)) } ?? 4096

    /// Creates a configuration.
    public init(
      normalization: Normalization = .standard, semantics: MatchSemantics = .leftmostLongest
    ) {
      self.normalization = normalization
      self.semantics = semantics
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
    let normalization = configuration.normalization
    let folds = FoldTable.standard
    var folded: [[UInt32]] = []
    folded.reserveCapacity(wordlist.entries.count)
    for entry in wordlist.entries {
      if entry.isRegex {
        folded.append([])
        continue
      }
      let f = Alphabet.foldTerm(entry.text, normalization: normalization, folds: folds)
      if f.isEmpty {
        throw FilterError(
          source: entry.source,
          reason: "'\(entry.text)' has no characters other than noise (spaces, punctuation,"
            + " symbols), so it could never match")
      }
      folded.append(f)
    }
    let alphabet = try Alphabet(foldedTerms: folded, normalization: normalization, folds: folds)
    let literal = wordlist.entries.indices.filter { !wordlist.entries[$0].isRegex }
    let patterns = literal.map { folded[$0].map { UInt32(alphabet.symbol(ofFolded: $0)) } }
    do {
      automaton = try Automaton(patterns: patterns, alphabetSize: alphabet.size)
    } catch {
      throw FilterError(
        source: error.patternIndex.map { wordlist.entries[literal[$0]].source },
        reason: error.description)
    }
    self.entryOfPattern = literal
    self.regexRules = try RegexRules(entries: wordlist.entries)
    self.entries = wordlist.entries
    self.configuration = configuration
    self.alphabet = alphabet
    self.patternLength = folded.map(\.count)
    self.isAllow = wordlist.entries.map { $0.kind == .allow }
    let boundaries = normalization.wordBoundaries
    self.needsBoundaryBefore = folded.map {
      boundaries && !$0.isEmpty && Alphabet.isWordCharacter($0[0])
    }
    self.needsBoundaryAfter = folded.map {
      boundaries && !$0.isEmpty && Alphabet.isWordCharacter($0[$0.count - 1])
    }
    let longest = folded.map(\.count).max() ?? 0
    let noise = normalization.skipNoise ? normalization.maxNoise : 0
    self.maxSpan = 4 * longest + 4 * noise * max(0, longest - 1)
  }

  /// Whether the filter has `re:` rules (their matches are reported once the line is complete).
  public var hasRegexRules: Bool { !regexRules.isEmpty }

  /// Number of terms (not counting allow-list phrases).
  public var termCount: Int { isAllow.count { !$0 } }

  /// Bytes held by the automaton and character tables.
  public var memoryFootprint: Int { automaton.memoryFootprint + alphabet.bmp.count * 2 }

  /// A one-line summary of the compiled filter: entries, alphabet, automaton layout and size.
  public var statistics: String {
    let dfa = "\(automaton.dfa.transitionCount) DFA transitions, \(automaton.dfa.incompleteCount) incomplete states"
    return "\(entries.count) entries (\(regexRules.entries.count) regex), "
      + "\(alphabet.size - 1) distinct characters, \(automaton.patternCount) literal patterns, "
      + "\(dfa), \(memoryFootprint / 1024) KiB"
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

  /// The match reported for pattern `p` at `range`.
  func makeMatch(pattern p: Int, range: Range<Int>, text: String) -> Match {
    let e = entries[p]
    return Match(
      range: range, entryIndex: p, term: e.text, category: e.category, tier: e.tier, text: text)
  }
}

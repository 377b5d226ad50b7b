// kwfilter — KeywordFilter: a parsed word list.

/// One line of a word list that means something: a term to find, or an allow-list phrase.
public struct WordlistEntry: Hashable, Sendable {
  /// Whether the entry reports matches or suppresses them.
  public enum Kind: Hashable, Sendable {
    /// A term: its occurrences are reported.
    case term
    /// An allow-list phrase (`!…`): term matches lying wholly inside one of its occurrences
    /// are not reported.
    case allow
  }
  /// The text as written in the list (escapes removed, tier stripped).
  public var text: String
  /// Term or allow-list phrase.
  public var kind: Kind
  /// The entry's category.
  public var category: Category
  /// The entry's tier (`block` unless the line says `<TAB>review`).
  public var tier: Tier
  /// Whether ``text`` is a PCRE2 regular expression (a `re:` line) rather than a literal.
  public var isRegex: Bool
  /// Variants to generate for this entry beyond the filter's own (from its file's
  /// `# variants:` line).
  public var variants: VariantOptions = []
  /// Where the entry came from, as `file:line`.
  public var source: String {
    get { sourceLine == 0 ? sourceName : "\(sourceName):\(sourceLine)" }
    set {
      sourceName = newValue
      sourceLine = 0
    }
  }
  // The source is made a string only when asked for (errors, compiled rule files): parsing a
  // list of 100,000 lines would otherwise format 100,000 `file:line` strings nobody reads.
  /// The whole ``source`` when ``sourceLine`` is 0, else the file name.
  private var sourceName: String
  /// The line number in ``sourceName``, or 0.
  private var sourceLine: Int = 0

  /// Creates an entry.
  public init(
    text: String, kind: Kind = .term, category: Category, tier: Tier = .block,
    isRegex: Bool = false, source: String = "<memory>"
  ) {
    self.text = text
    self.isRegex = isRegex
    self.kind = kind
    self.category = category
    self.tier = tier
    self.sourceName = source
  }

  /// Creates an entry from line `line` (≥ 1) of the file `file` (the parser's form).
  init(
    text: String, kind: Kind, category: Category, tier: Tier, isRegex: Bool,
    variants: VariantOptions, file: String, line: Int
  ) {
    self.text = text
    self.isRegex = isRegex
    self.kind = kind
    self.category = category
    self.tier = tier
    self.variants = variants
    self.sourceName = file
    self.sourceLine = line
  }

  /// Equal when every property is, ``source`` compared as text.
  public static func == (a: WordlistEntry, b: WordlistEntry) -> Bool {
    guard
      a.text == b.text && a.kind == b.kind && a.category == b.category && a.tier == b.tier
        && a.isRegex == b.isRegex && a.variants == b.variants
    else { return false }
    // `name:line` determines name and line (a line number has no colon), so two parsed sources
    // compare without being formatted.
    if a.sourceLine != 0 && b.sourceLine != 0 {
      return a.sourceLine == b.sourceLine && a.sourceName == b.sourceName
    }
    return a.source == b.source
  }

  /// Hashes every property but ``source`` (entries equal by `==` hash alike).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(text)
    hasher.combine(kind)
    hasher.combine(category)
    hasher.combine(tier)
    hasher.combine(isRegex)
    hasher.combine(variants)
  }
}

/// An ordered collection of word-list entries from one or more files.
///
/// ```swift
/// let list = try Wordlist(parsing: "# category: gambling\n赌博\n!打击赌博\n", name: "demo.txt")
/// let filter = try Filter(wordlist: list)
/// ```
public struct Wordlist: Sendable, Hashable {
  /// The entries, in file order.
  public var entries: [WordlistEntry]

  /// Creates a list from entries.
  public init(entries: [WordlistEntry] = []) { self.entries = entries }

  /// Appends the entries of another list, keeping order.
  public mutating func append(contentsOf other: Wordlist) {
    entries.append(contentsOf: other.entries)
  }

  /// A list of terms in one category, e.g. for tests and quick scripts.
  public init(terms: [String], category: Category = Category(rawValue: "default")) {
    self.entries = terms.enumerated().map { i, t in
      WordlistEntry(text: t, category: category, source: "<terms>:\(i + 1)")
    }
  }
}

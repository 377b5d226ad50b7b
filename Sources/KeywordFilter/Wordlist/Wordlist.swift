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
  public var source: String

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
    self.source = source
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

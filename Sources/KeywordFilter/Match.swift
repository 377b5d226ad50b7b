// kwfilter — KeywordFilter: one reported match.

/// A match of a word-list term, at a byte range of the original input.
public struct Match: Hashable, Sendable {
  /// Byte offsets into the original input (end exclusive), from the first to the last matched
  /// character; noise skipped inside the match is part of the range.
  public var range: Range<Int>
  /// Index of the entry in the filter's ``Filter/entries``.
  public var entryIndex: Int
  /// The entry's text as written in its list.
  public var term: String
  /// The entry's category.
  public var category: Category
  /// The entry's tier.
  public var tier: Tier
  /// The matched text as it stood in the input (UTF-8), noise included.
  public var text: String

  /// Creates a match.
  public init(
    range: Range<Int>, entryIndex: Int, term: String, category: Category, tier: Tier,
    text: String
  ) {
    self.range = range
    self.entryIndex = entryIndex
    self.term = term
    self.category = category
    self.tier = tier
    self.text = text
  }
}

/// Which matches are reported when several overlap.
public enum MatchSemantics: Sendable, Hashable {
  /// The match that starts earliest wins, and among those the longest; reported matches do not
  /// overlap. With terms `六合彩` and `彩票`, `买六合彩票` reports `六合彩`; `赌博网站` beats `赌博`.
  case leftmostLongest
  /// Every occurrence of every term, overlapping ones included (`--all`).
  case all
}

// kwfilter — KeywordFilter: which evasions the filter sees through.

/// How text and list entries are normalized before matching. Lists and text always get the
/// same normalization, and matches are always reported at byte ranges of the original input.
///
/// The default sees through the common evasions:
/// - **Character folding**: Unicode NFKC, case folding, traditional → simplified Chinese
///   (OpenCC's character table), and accents stripped from Latin, Greek and Cyrillic letters.
///   `ＡＢＣ`, `ａｂｃ` and `ABC` all equal `abc`; `賭博` equals `赌博`.
/// - **Noise skipping**: white space, punctuation, symbols (emoji included), zero-width and other
///   format characters, combining marks and variation selectors between two characters of a
///   term are skipped, at most ``maxNoise`` in a row. Noise never begins or ends a match. Line
///   breaks and control characters (NUL, …; TAB aside) are not noise: a term never spans two
///   lines (posts, records) or binary data.
/// - **Word boundaries**: a term that begins (ends) with a Latin letter or digit matches only
///   where the text has no such letter or digit just before (after) it: `ass` does not match
///   inside `classassignment`.
///
/// ``exact`` turns all three off: plain character-for-character matching.
public struct Normalization: Sendable, Hashable {
  /// Fold characters (NFKC, case, traditional → simplified, accents). Default `true`.
  public var foldCharacters: Bool
  /// Skip noise characters inside terms. Default `true`.
  public var skipNoise: Bool
  /// Most noise characters in a row that may sit between two characters of a term. Default 3.
  public var maxNoise: Int
  /// Apply the Latin word-boundary rule. Default `true`.
  public var wordBoundaries: Bool

  /// Creates a normalization; every parameter defaults to the standard behaviour.
  public init(
    foldCharacters: Bool = true, skipNoise: Bool = true, maxNoise: Int = 3,
    wordBoundaries: Bool = true
  ) {
    self.foldCharacters = foldCharacters
    self.skipNoise = skipNoise
    self.maxNoise = max(0, maxNoise)
    self.wordBoundaries = wordBoundaries
  }

  /// The default: fold, skip up to 3 noise characters, respect Latin word boundaries.
  public static let standard = Normalization()
  /// No normalization at all: terms match exactly the characters they are written with.
  public static let exact = Normalization(
    foldCharacters: false, skipNoise: false, maxNoise: 0, wordBoundaries: false)
}

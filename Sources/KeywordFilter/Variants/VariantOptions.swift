// kwfilter — KeywordFilter: which kinds of term variant to generate.

/// The kinds of variant that ``VariantExpander`` generates for a word-list term.
///
/// Each option names one way posters write a word so that a plain list misses it. A variant is
/// an extra pattern of the same entry: a match of `dubo` reports the entry `赌博`.
///
/// How to choose: ``digitStyles`` is cheap and precise, so it suits every entry.
/// ``pinyinFull``, ``pinyinInitials`` and ``splitCharacters`` add a few patterns per term and
/// rarely match ordinary text, except pinyin of one-syllable terms and the initials of short
/// terms (`db`, `bz`), which only match as whole Latin words; turn them on per category or per
/// entry. ``homophones`` and ``lookalikes`` are not variant strings but class-fold passes (a
/// second automaton over keyed text); they cost precision (`其是` for `歧视` is also ordinary
/// text) and report ``Tier/review``: use them for entries whose matches go to review.
/// ``repeats`` skips repeated characters inside a match (`fuuuck`); it applies to the whole
/// filter.
public struct VariantOptions: OptionSet, Sendable, Hashable {
  /// The option bits.
  public let rawValue: UInt32

  /// Creates an option set from its raw bits.
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// The term's pinyin without tones, syllables run together: `赌博` → `dubo`.
  ///
  /// Noise skipping then also matches `du bo` and `Du-Bo`, and the Latin word-boundary rule
  /// keeps `dubo` from matching inside a longer Latin word. A character with a common second
  /// reading adds the other combinations (`行长` → `xingzhang`, `hangzhang`, …); `ü` is written
  /// both `v` and `u` (`女` → `nv`, `nu`).
  public static let pinyinFull = VariantOptions(rawValue: 1 << 0)

  /// The first letter of each syllable, for terms of two or more Chinese characters:
  /// `赌博` → `db`. Matches only as a whole Latin word.
  public static let pinyinInitials = VariantOptions(rawValue: 1 << 1)

  /// Characters replaced by characters with the same toneless pinyin: `白人班级` → `百人办既`,
  /// `赌博` → `堵博`, for terms of two or more Chinese characters.
  ///
  /// Matched by a *class fold*, not by listing variants: a second pass over the text reads every
  /// Chinese character as its homophone key (the most frequent character with the same customary
  /// reading), so every combination of same-sound characters matches, with one pattern per term.
  /// Matches report the entry at ``Tier/review``, and never replace or repeat a match of the
  /// exact term (see the README's "Homophones and look-alikes"). Needs character folding (not
  /// with ``Normalization/exact``).
  public static let homophones = VariantOptions(rawValue: 1 << 2)

  /// Characters written as their two components side by side: `婊子` → `女表了一`, `女表子`, …
  public static let splitCharacters = VariantOptions(rawValue: 1 << 3)

  /// Digits and Chinese numerals in each other's forms, for terms of two or more characters
  /// that contain one: `64` → `六四`, `陆肆`; `一夜情` → `1夜情`, `壹夜情`.
  ///
  /// The other digit styles need no variants: NFKC folds `①`, `⑴`, `⒈` and `㈠` (to `一`), and
  /// the look-alike fold table (`LookalikeData.enclosed`) folds `❶`, `➀`, `➊` and `⓫`.
  public static let digitStyles = VariantOptions(rawValue: 1 << 4)

  /// Characters replaced by characters that look alike because they share their last component
  /// (`级` = 纟及 → `汲` = 氵及, `人` → `刄`, `子` → `纻`) or contain the term's character as
  /// their last component (`黑` → `嘿`), for terms of two or more Chinese characters; also
  /// through another decomposition (`方` = 亠勹 or 亠刀 ↔ `分` = 八刀) and a same-sound
  /// component (`男` → `楠` = 木南).
  ///
  /// Matched by a class fold, like ``homophones``: a pass over the text reads every Chinese
  /// character as its shape key (the last component of its preferred kfcd/chaizi
  /// decomposition, `ShapeKeyData`), and a term character accepts a few alternative keys, at most
  /// two per match (`ClassFold.patterns(of:)`); matches report the entry at ``Tier/review``.
  /// Broad classes (every character ending in `一` or `口`) cost precision: use it for entries
  /// whose matches go to review.
  ///
  /// It also folds one-code-point look-alikes (Cyrillic `а`, `🅰`, `⻢`) in text and lists alike,
  /// in the main pass: see `LookalikeData`.
  public static let lookalikes = VariantOptions(rawValue: 1 << 5)

  /// Repeated characters inside a match are skipped: `fuuuck` and `FUUUCK` match `fuck`,
  /// `赌博网网站` matches `赌博网站`, and `fuckkk` ends at a word boundary.
  ///
  /// A character that repeats the last one matched is skipped where it would otherwise end
  /// the partial match — never where the term itself has the repeat (`god` does not match
  /// `good`), nor where another term starts with that character (then the scan goes on with
  /// that term, as without this option). Skipped repeats and noise share the limit on skipped
  /// characters in a row (``Normalization/maxNoise``, default 3). Every match found without
  /// this option is still found with it.
  ///
  /// A property of the automaton (repeat loops, see `DefaultTransitionDFA`), so it applies to
  /// the whole filter: a list file's `# variants: repeats` line turns it on for every entry.
  /// Off by default: one more stored transition for many states.
  public static let repeats = VariantOptions(rawValue: 1 << 6)

  /// Every option.
  public static let all: VariantOptions = [
    .pinyinFull, .pinyinInitials, .homophones, .splitCharacters, .digitStyles, .lookalikes,
    .repeats,
  ]

  /// The options that are cheap and precise enough to be on for every entry: ``digitStyles``
  /// and ``repeats``.
  public static let standard: VariantOptions = [.digitStyles, .repeats]
}

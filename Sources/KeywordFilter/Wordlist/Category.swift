// kwfilter — KeywordFilter: category labels of word-list entries.

/// The category a word-list entry belongs to, from its file's `# category:` line or name.
///
/// An open set: the nine slugs of the prohibited-content categories are predefined, and lists
/// may introduce their own (`spam`, `brand-abuse`, …).
public struct Category: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
  /// The slug, e.g. `obscenity-violence`.
  public var rawValue: String
  /// Wraps a slug.
  public init(rawValue: String) { self.rawValue = rawValue }
  /// The slug.
  public var description: String { rawValue }

  /// (1) Opposing the basic principles of the constitution.
  public static let constitution = Category(rawValue: "constitution")
  /// (2) Endangering national security, leaking state secrets, subversion, separatism.
  public static let nationalSecurity = Category(rawValue: "national-security")
  /// (3) Harming national honour and interests.
  public static let nationalHonor = Category(rawValue: "national-honor")
  /// (4) Inciting ethnic hatred or discrimination.
  public static let ethnicHatred = Category(rawValue: "ethnic-hatred")
  /// (5) Undermining religious policy, cults, feudal superstition.
  public static let religionCult = Category(rawValue: "religion-cult")
  /// (6) Rumours that disturb social order.
  public static let rumor = Category(rawValue: "rumor")
  /// (7) Obscenity, pornography, gambling, violence, murder, terrorism, instigating crime.
  public static let obscenityViolence = Category(rawValue: "obscenity-violence")
  /// (8) Insulting or defaming others.
  public static let insultDefamation = Category(rawValue: "insult-defamation")
  /// (9) Other content that laws forbid.
  public static let otherIllegal = Category(rawValue: "other-illegal")

  /// The nine categories of the prohibited-content rules, in their official order.
  public static let prohibitedContent: [Category] = [
    .constitution, .nationalSecurity, .nationalHonor, .ethnicHatred, .religionCult, .rumor,
    .obscenityViolence, .insultDefamation, .otherIllegal,
  ]
}

/// How severe a match of an entry is: block it outright, or queue it for human review.
public enum Tier: String, Sendable, Hashable, CaseIterable, BitwiseCopyable {
  /// Clear-cut: every occurrence is a real signal (the default).
  case block
  /// Ambiguous: frequent innocent uses too; a person should look.
  case review
}

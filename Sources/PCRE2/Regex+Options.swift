//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// Regex+Options.swift: the choices made when a pattern is compiled.

extension Regex {
  /// How a pattern is compiled and how hard a match may work.
  ///
  /// UTF-8 mode, Unicode properties for `\d \w \s \b` and POSIX classes (UCP), and
  /// matching in subjects with invalid UTF-8 are always on; they are not options.
  /// `\C` (match one byte) is always forbidden, so a match never ends in the middle of
  /// a character.
  public struct Options: Sendable, Equatable {
    /// Whether letters match regardless of case, using Unicode case folding.
    ///
    /// The default is `true`, because word-list rules are case-insensitive like the
    /// literal keywords beside them. A pattern can turn it off for itself, or for
    /// part of itself, with PCRE2's inline option: `(?-i)Abc` matches only `Abc`,
    /// and `a(?-i:B)c` matches `aBc` and `ABC` but not `abc`.
    public var caseless: Bool

    /// Whether to try PCRE2's JIT compiler.
    ///
    /// The default is `true`: JIT matching is about twice as fast here. When the
    /// library has no JIT support, or JIT compilation fails, the regex quietly uses the
    /// interpreter instead; ``Regex/usesJIT`` says which one it got. Results are the
    /// same either way, except where a resource limit is hit (the two engines count
    /// their work differently; see ``Regex/Limits``).
    public var jit: Bool

    /// Bounds on the work and memory of one match call.
    public var limits: Limits

    /// Whether `^` and `$` also match at the start and end of every line in the subject
    /// (PCRE2's MULTILINE). Default `false`.
    public var multiline: Bool

    /// Creates options; every parameter defaults to the value documented on its property.
    public init(
      caseless: Bool = true, jit: Bool = true, limits: Limits = .default, multiline: Bool = false
    ) {
      self.caseless = caseless
      self.jit = jit
      self.limits = limits
      self.multiline = multiline
    }

    /// Caseless, JIT if available, and ``Limits/default``.
    public static let `default` = Options()
  }
}

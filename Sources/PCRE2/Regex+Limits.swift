//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// Regex+Limits.swift: bounds on backtracking, so a hostile pattern or input cannot hang a scan.

extension Regex {
  /// Bounds on the work one match call may do, applied through a PCRE2 match context.
  ///
  /// A call that reaches a limit returns ``MatchResult/limitExceeded(_:)`` instead of
  /// running for minutes: `(a+)+$` against forty `a`s and a `b` would otherwise take
  /// about 2⁴⁰ steps. The defaults are far below PCRE2's own (10 million steps,
  /// effectively unlimited heap), and still far above what a word-list rule such as
  /// `代开.{0,3}发票` needs.
  ///
  /// How the engines count differs:
  /// - ``matchLimit`` bounds both the interpreter (steps of its main loop) and JIT code
  ///   (counted differently, but also roughly proportional to time). For an unanchored
  ///   pattern the count restarts at each starting position of the subject, so the
  ///   worst case for one call is about `matchLimit × subject length` steps.
  /// - ``depthLimit`` and ``heapLimitKiB`` bound only the interpreter. JIT code is bounded
  ///   instead by the JIT stack of the ``MatchData`` (see ``MatchData/init(jitStackKiB:)``).
  ///
  /// A pattern may lower these for itself with `(*LIMIT_MATCH=n)`, `(*LIMIT_DEPTH=n)` or
  /// `(*LIMIT_HEAP=n)`, but never raise them. Values above `UInt32.max` are clamped.
  public struct Limits: Sendable, Equatable {
    /// The most backtracking steps per starting position. Default: 1,000,000.
    public var matchLimit: Int

    /// The deepest nesting of backtracking points (interpreter only). Default: 10,000.
    ///
    /// Each repetition of a group that can backtrack adds one level, so
    /// `(?:ab)*` over a long run of `ab`s can reach this before ``matchLimit``.
    public var depthLimit: Int

    /// The most heap memory, in KiB, for backtracking frames (interpreter only).
    /// Default: 20,000 KiB.
    public var heapLimitKiB: Int

    /// Creates limits; every parameter defaults to the value documented on its property.
    public init(matchLimit: Int = 1_000_000, depthLimit: Int = 10_000, heapLimitKiB: Int = 20_000) {
      self.matchLimit = matchLimit
      self.depthLimit = depthLimit
      self.heapLimitKiB = heapLimitKiB
    }

    /// 1,000,000 steps, depth 10,000, 20,000 KiB of heap.
    public static let `default` = Limits()
  }
}

//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// MatchResult.swift: the outcome of one match call, errors included, as a value.

/// The outcome of one ``Regex/firstMatch(in:from:scratch:)-(UnsafeRawBufferPointer,_,_)`` call.
///
/// A keyword filter must not mistake "gave up" for "found nothing", so the two are
/// different cases: a scanner that gets ``limitExceeded(_:)`` should report the rule
/// (and the chunk) rather than let the text through silently.
public enum MatchResult: Equatable, Sendable {
  /// The leftmost match, as byte offsets into the whole subject (not relative to the
  /// starting offset). The range may be empty for patterns such as `a*`.
  case match(Range<Int>)

  /// No match at or after the starting offset.
  case noMatch

  /// A ``Regex/Limits`` bound (or the JIT stack of the ``MatchData``) was reached
  /// before PCRE2 could decide; whether the subject matches is unknown.
  case limitExceeded(PCRE2Error)

  /// Any other failure reported by `pcre2_match`, such as running out of memory.
  case error(PCRE2Error)
}

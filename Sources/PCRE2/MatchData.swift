//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// MatchData.swift: per-thread scratch memory for matching — match data, match context, JIT stack.

import CPCRE2

/// Reusable scratch memory for matching: one per scanning thread, never shared.
///
/// PCRE2 writes into this on every match call: the match offsets, the interpreter's
/// backtracking frames (kept and reused from one call to the next), and the JIT stack.
/// Creating one costs a few allocations, so create it once per thread or scanner and
/// pass it to every call:
///
/// ```swift
/// let scratch = MatchData()
/// for line in lines {
///   for rule in rules where rule.firstMatch(in: line, scratch: scratch) != .noMatch { … }
/// }
/// ```
///
/// One `MatchData` serves any number of ``Regex`` values, one call at a time. It is not
/// `Sendable`: a thread that needs one makes its own.
public final class MatchData {
  /// The `pcre2_match_data_8 *`. Never null; owned: freed in deinit.
  /// Invariant: holds at least one offset pair (the whole match), which is all we read.
  let matchData: OpaquePointer

  /// The `pcre2_match_context_8 *` passed to every match. Never null; owned.
  /// Invariant: its JIT stack, if any, is ``jitStack``; its limits are ``appliedLimits``.
  let context: OpaquePointer

  /// The `pcre2_jit_stack_8 *` assigned to ``context``, or `nil` when the library has no
  /// JIT. Owned: freed in deinit, after nothing can use it.
  let jitStack: OpaquePointer?

  /// The limits last written into ``context``, so that consecutive calls with the same
  /// ``Regex/Limits`` (the usual case) skip the three setter calls.
  private var appliedLimits: Regex.Limits?

  /// Creates scratch memory for any ``Regex``.
  ///
  /// - Parameter jitStackKiB: The most memory, in KiB, that JIT-compiled matching may use
  ///   for backtracking (the JIT counterpart of ``Regex/Limits/heapLimitKiB``). Matching
  ///   starts with 32 KiB and grows on demand; reaching this bound gives
  ///   ``MatchResult/limitExceeded(_:)`` with `PCRE2_ERROR_JIT_STACKLIMIT`.
  ///   Default: 1024 KiB (PCRE2 alone would use 32 KiB of the machine stack).
  public convenience init(jitStackKiB: Int = 1024) {
    // One pair: only the whole-match range is read. A pattern with capture groups
    // then returns 0 ("ovector too small"), which still means a match.
    self.init(matchData: pcre2_match_data_create_8(1, nil), jitStackKiB: jitStackKiB)
  }

  /// Creates scratch memory sized by `pcre2_match_data_create_from_pattern` for `regex`.
  ///
  /// Equivalent to ``init(jitStackKiB:)`` for everything this module reads (only the
  /// whole-match range), and usable with any other ``Regex`` too; it exists for
  /// callers who will later read capture groups.
  public convenience init(for regex: Regex, jitStackKiB: Int = 1024) {
    self.init(
      matchData: pcre2_match_data_create_from_pattern_8(regex.code, nil),
      jitStackKiB: jitStackKiB)
  }

  /// Takes ownership of `matchData` and creates the context and JIT stack around it.
  private init(matchData: OpaquePointer?, jitStackKiB: Int) {
    self.matchData = MatchData.unwrap(matchData)
    self.context = MatchData.unwrap(pcre2_match_context_create_8(nil))
    if Regex.jitAvailable {
      // Start at PCRE2's usual 32 KiB; the maximum is reserved as address space and
      // committed only as matching needs it.
      let maxSize = max(32, jitStackKiB) * 1024
      let stack = MatchData.unwrap(pcre2_jit_stack_create_8(32 * 1024, maxSize, nil))
      // With no callback, PCRE2 takes the data pointer to be the JIT stack itself.
      pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
      self.jitStack = stack
    } else {
      self.jitStack = nil
    }
  }

  deinit {
    pcre2_match_data_free_8(matchData)
    pcre2_match_context_free_8(context)
    if let jitStack { pcre2_jit_stack_free_8(jitStack) }
  }

  /// Writes `limits` into the match context unless they are already there.
  func apply(_ limits: Regex.Limits) {
    guard appliedLimits != limits else { return }
    pcre2_set_match_limit_8(context, UInt32(clamping: limits.matchLimit))
    pcre2_set_depth_limit_8(context, UInt32(clamping: limits.depthLimit))
    pcre2_set_heap_limit_8(context, UInt32(clamping: limits.heapLimitKiB))
    appliedLimits = limits
  }

  /// PCRE2's allocators return NULL only when malloc does; like Swift's own
  /// collections, treat that as fatal rather than make every init failable.
  private static func unwrap(_ pointer: OpaquePointer?) -> OpaquePointer {
    guard let pointer else { fatalError("PCRE2: out of memory") }
    return pointer
  }
}

/// Not `Sendable`: PCRE2 writes into a `MatchData` on every call, so two threads
/// must never share one.
@available(*, unavailable)
extension MatchData: Sendable {}

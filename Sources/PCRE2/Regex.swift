//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// Regex.swift: a compiled PCRE2 pattern — compile, JIT, free.

import CPCRE2

/// A compiled PCRE2 pattern: the regex rules of a word list, compiled once and shared
/// by every scanning thread.
///
/// Patterns are UTF-8 and matched against bytes; ranges are byte offsets. Matching is
/// caseless by default (see ``Options/caseless``), and a subject with invalid UTF-8 is
/// never an error: invalid bytes simply match nothing.
///
/// ```swift
/// let rule = try Regex("赌.博")
/// let scratch = MatchData()
/// rule.firstMatch(in: "我赌x博了", scratch: scratch)   // .match(3..<10)
/// ```
///
/// Each thread needs its own ``MatchData``; the `Regex` itself can be shared.
// Why @unchecked Sendable is sound: every stored property is a `let` set in init,
// and after init the compiled code (`code`, including its JIT machine code) is only
// ever passed to PCRE2 functions that read it: pcre2_match_8 and pcre2_pattern_info_8.
// PCRE2 documents that a compiled pattern "can be shared between threads" for
// matching, because all per-match state lives in the match data and match context,
// which here belong to a non-Sendable MatchData. The only write, pcre2_code_free_8,
// happens in deinit, when no other reference can exist.
public final class Regex: @unchecked Sendable {
  /// The pattern as given.
  public let pattern: String

  /// The options it was compiled with.
  public let options: Options

  /// Whether matches run JIT-compiled machine code (`false`: the interpreter).
  ///
  /// `false` when ``Options/jit`` was off, when the library has no JIT
  /// (``jitAvailable``), or when JIT compilation failed (for example, out of
  /// executable memory); matching still works, only slower.
  public let usesJIT: Bool

  /// The compiled pattern (`pcre2_code_8 *`). Never null; owned: freed in deinit.
  let code: OpaquePointer

  /// Compiles `pattern` in UTF-8 mode with Unicode properties.
  ///
  /// - Throws: ``PCRE2Error`` with PCRE2's message and the byte offset in `pattern`
  ///   where it failed, e.g. `a(b` → "missing closing parenthesis" at offset 3.
  ///   Patterns that nest too deeply (more than 250 parentheses) or are too large
  ///   fail the same way, with PCRE2's own errors.
  /// - Complexity: Compilation, and JIT compilation, are linear in the pattern's
  ///   size but not cheap: compile once, match many times.
  public init(_ pattern: String, options: Options = .default) throws(PCRE2Error) {
    // UTF is implied by MATCH_INVALID_UTF; it is spelled out for the reader.
    var flags = UInt32(PCRE2_UTF) | UInt32(PCRE2_UCP) | UInt32(PCRE2_MATCH_INVALID_UTF)
    // \C can end a match inside a character, which would break masking by character.
    flags |= UInt32(PCRE2_NEVER_BACKSLASH_C)
    if options.caseless { flags |= UInt32(PCRE2_CASELESS) }
    if options.multiline { flags |= UInt32(PCRE2_MULTILINE) }

    var errorCode: Int32 = 0
    var errorOffset = 0
    var text = pattern  // withUTF8 is mutating
    let compiled = text.withUTF8 { bytes -> OpaquePointer? in
      // An explicit length, so a NUL in the pattern is just a character;
      // PCRE2_ZERO_TERMINATED is a cast macro Swift cannot import anyway.
      // An empty String may have no base address, and PCRE2 10.42 rejects a NULL
      // pattern even with length 0 (error 116), so point at a static byte instead.
      guard let base = bytes.baseAddress, bytes.count > 0 else {
        return Regex.emptyBytes.withUnsafeBufferPointer { empty in
          pcre2_compile_8(empty.baseAddress, 0, flags, &errorCode, &errorOffset, nil)
        }
      }
      return pcre2_compile_8(base, bytes.count, flags, &errorCode, &errorOffset, nil)
    }
    guard let compiled else {
      throw PCRE2Error(code: errorCode, offset: errorOffset)
    }

    var jitted = false
    if options.jit {
      // 0 on success; a negative code (e.g. PCRE2_ERROR_JIT_BADOPTION without JIT
      // support, or PCRE2_ERROR_NOMEMORY) leaves the interpreter code intact.
      if pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0 {
        var jitSize = 0
        jitted =
          pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_JITSIZE), &jitSize) == 0
          && jitSize > 0
      }
    }

    self.pattern = pattern
    self.options = options
    self.code = compiled
    self.usesJIT = jitted
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// One byte to point at when a pattern or subject is empty and Swift has no address
  /// for it (PCRE2 10.42 rejects a NULL pattern even with length 0).
  static let emptyBytes: [UInt8] = [0]
}

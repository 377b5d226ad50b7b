//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// PCRE2Error.swift: errors from PCRE2 as values — code, pattern offset, message.

import CPCRE2

/// An error reported by PCRE2: a pattern that did not compile, or a match that failed.
///
/// Compile errors carry the byte offset in the pattern where PCRE2 gave up, so a
/// word-list parser can turn it into a column:
///
/// ```swift
/// do { _ = try Regex("a(b") } catch {
///   print(error)   // PCRE2 error 114 at pattern offset 3: missing closing parenthesis
/// }
/// ```
///
/// Match errors (negative codes) have no offset; the resource limits among them
/// are reported as ``MatchResult/limitExceeded(_:)`` rather than
/// ``MatchResult/error(_:)``.
public struct PCRE2Error: Error, CustomStringConvertible, Equatable, Sendable {
  /// PCRE2's error code: positive for compile errors, negative for match errors.
  public let code: Int32

  /// The byte offset in the pattern where compilation failed; `nil` for match errors.
  public let offset: Int?

  /// PCRE2's own message for ``code``, from `pcre2_get_error_message`.
  public let message: String

  /// A one-line summary: code, offset if any, and message.
  public var description: String {
    if let offset {
      return "PCRE2 error \(code) at pattern offset \(offset): \(message)"
    }
    return "PCRE2 error \(code): \(message)"
  }

  /// Whether this is one of the resource limits of ``Regex/Limits`` (or the JIT stack).
  public var isResourceLimit: Bool {
    switch code {
    case PCRE2_ERROR_MATCHLIMIT, PCRE2_ERROR_DEPTHLIMIT, PCRE2_ERROR_HEAPLIMIT,
      PCRE2_ERROR_JIT_STACKLIMIT:
      return true
    default:
      return false
    }
  }

  /// Wraps `code`, looking up PCRE2's message for it.
  init(code: Int32, offset: Int? = nil) {
    self.code = code
    self.offset = offset
    self.message = PCRE2Error.message(for: code)
  }

  /// Wraps `code` with a message of our own, for failures PCRE2 did not describe.
  init(code: Int32, message: String) {
    self.code = code
    self.offset = nil
    self.message = message
  }

  /// PCRE2's message for `code`, or a fallback that names the code.
  private static func message(for code: Int32) -> String {
    // The longest message in 10.42 is 91 bytes; 256 leaves room for later versions.
    let capacity = 256
    return String(unsafeUninitializedCapacity: capacity) { buffer in
      guard let base = buffer.baseAddress else { return 0 }
      // Returns the length without the terminating NUL, or a negative error code
      // (PCRE2_ERROR_BADDATA for an unknown code, PCRE2_ERROR_NOMEMORY if truncated).
      let length = pcre2_get_error_message_8(code, base, capacity)
      if length >= 0 { return Int(length) }
      let fallback = Array("unknown PCRE2 error code".utf8)
      return buffer.initialize(fromContentsOf: fallback)
    }
  }
}

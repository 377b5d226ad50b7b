//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// TestSupport.swift: the engines under test, and helpers to match over byte arrays.

import PCRE2
import Testing

/// The two ways a ``Regex`` can run; every table case is run with both.
enum Engine: String, CaseIterable, CustomTestStringConvertible, Sendable {
  case jit, interpreter

  var testDescription: String { rawValue }

  /// Options selecting this engine, other settings as given.
  func options(caseless: Bool = true, limits: Regex.Limits = .default) -> Regex.Options {
    Regex.Options(caseless: caseless, jit: self == .jit, limits: limits)
  }

  /// Whether a regex compiled for this engine must report ``Regex/usesJIT``.
  var expectsJIT: Bool { self == .jit && Regex.jitAvailable }
}

extension Regex {
  /// ``matches(in:scratch:)`` over an array of bytes (which may be invalid UTF-8).
  func matches(in bytes: [UInt8], scratch: MatchData) throws(PCRE2Error) -> [Range<Int>] {
    let result = bytes.withUnsafeBytes { raw in
      Result { () throws(PCRE2Error) in try matches(in: raw, scratch: scratch) }
    }
    return try result.get()
  }

  /// ``firstMatch(in:from:scratch:)`` over an array of bytes.
  func firstMatch(in bytes: [UInt8], from offset: Int = 0, scratch: MatchData) -> MatchResult {
    bytes.withUnsafeBytes { firstMatch(in: $0, from: offset, scratch: scratch) }
  }
}

/// The UTF-8 bytes of `text`.
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

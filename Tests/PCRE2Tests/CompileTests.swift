//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// CompileTests.swift: compile errors carry PCRE2's code, message and pattern offset.

import PCRE2
import Testing

/// A pattern that must not compile, with what PCRE2 10.42 says about it.
struct BadPattern: CustomTestStringConvertible, Sendable {
  let pattern: String
  let code: Int32
  let offset: Int
  let message: String
  var testDescription: String { pattern.count > 20 ? "\(pattern.prefix(20))…" : pattern }
}

@Suite struct CompileTests {
  static let badPatterns: [BadPattern] = [
    BadPattern(pattern: "a(b", code: 114, offset: 3, message: "missing closing parenthesis"),
    BadPattern(
      pattern: "[z-a]", code: 108, offset: 3, message: "range out of order in character class"),
    BadPattern(pattern: "abc)", code: 122, offset: 3, message: "unmatched closing parenthesis"),
    // Offsets are in bytes: 赌 is three.
    BadPattern(pattern: "赌(博", code: 114, offset: 7, message: "missing closing parenthesis"),
    BadPattern(
      pattern: "(?<=a+)b", code: 125, offset: 0, message: "lookbehind assertion is not fixed length"
    ),
    BadPattern(
      pattern: "\\p{Nope}", code: 147, offset: 8, message: "unknown property after \\P or \\p"),
    // \C could end a match inside a character; it is always refused.
    BadPattern(
      pattern: "\\C", code: 183, offset: 2, message: "using \\C is disabled by the application"),
    // Nesting sanity comes from PCRE2's own limit of 250.
    BadPattern(
      pattern: String(repeating: "(", count: 300) + "a" + String(repeating: ")", count: 300),
      code: 119, offset: 251, message: "parentheses are too deeply nested"),
  ]

  @Test(arguments: badPatterns, Engine.allCases)
  func compileErrorCarriesMessageAndOffset(_ bad: BadPattern, _ engine: Engine) {
    #expect {
      try Regex(bad.pattern, options: engine.options())
    } throws: { error in
      guard let error = error as? PCRE2Error else { return false }
      return error.code == bad.code && error.offset == bad.offset && error.message == bad.message
    }
  }

  @Test func descriptionNamesCodeOffsetAndMessage() {
    do {
      _ = try Regex("a(b")
      Issue.record("a(b compiled")
    } catch {
      #expect(
        error.description == "PCRE2 error 114 at pattern offset 3: missing closing parenthesis")
      #expect(!error.isResourceLimit)
    }
  }

  @Test(arguments: Engine.allCases)
  func jitIsUsedWhenAskedAndAvailable(_ engine: Engine) throws {
    let regex = try Regex("赌.{0,3}博", options: engine.options())
    #expect(regex.usesJIT == engine.expectsJIT)
    #expect(regex.pattern == "赌.{0,3}博")
    #expect(regex.options.jit == (engine == .jit))
  }

  @Test func patternCanOptOutOfJIT() throws {
    // usesJIT reports what PCRE2 actually built, not what was asked for.
    let regex = try Regex("(*NO_JIT)赌.博")
    #expect(!regex.usesJIT)
    #expect(regex.firstMatch(in: "我赌x博了", scratch: MatchData()) == .match(3..<10))
  }

  @Test func jitIsAvailableOnThisMachine() {
    // Debian's libpcre2-8 is built with JIT for x86-64 and arm64; if this fails the
    // library still works, only slower, and the JIT-specific tests below are skipped.
    #expect(Regex.jitAvailable)
  }

  @Test func libraryVersionIsReported() {
    #expect(Regex.libraryVersion.hasPrefix("10."))
  }

  @Test func defaultsAreDocumented() {
    #expect(Regex.Options.default == Regex.Options(caseless: true, jit: true, limits: .default))
    #expect(
      Regex.Limits.default
        == Regex.Limits(matchLimit: 1_000_000, depthLimit: 10_000, heapLimitKiB: 20_000))
  }

  @Test func emptyPatternCompiles() throws {
    #expect(try Regex("").matches(in: "ab", scratch: MatchData()) == [0..<0, 1..<1, 2..<2])
  }
}

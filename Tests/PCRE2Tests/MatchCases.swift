//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// MatchCases.swift: one table of (pattern, subject, expected byte ranges), run on every engine.

import PCRE2
import Testing

/// One search: a pattern, a subject (any bytes), and every match `matches(in:)` must find.
struct MatchCase: CustomTestStringConvertible, Sendable {
  let id: String
  let pattern: String
  let caseless: Bool
  let subject: [UInt8]
  let expected: [Range<Int>]

  init(
    _ id: String, _ pattern: String, _ subject: String, _ expected: [Range<Int>],
    caseless: Bool = true
  ) {
    self.init(id, pattern, utf8(subject), expected, caseless: caseless)
  }

  init(
    _ id: String, _ pattern: String, _ subject: [UInt8], _ expected: [Range<Int>],
    caseless: Bool = true
  ) {
    self.id = id
    self.pattern = pattern
    self.caseless = caseless
    self.subject = subject
    self.expected = expected
  }

  var testDescription: String { id }
}

enum Cases {
  static let caseless: [MatchCase] = [
    MatchCase("caseless/default-ascii", "abc", "xABCx", [1..<4]),
    MatchCase("caseless/greek-sigma", "σ", "ΣσςX", [0..<2, 2..<4, 4..<6]),
    MatchCase("caseless/fullwidth", "ａｂ", "ＡＢ", [0..<6]),
    MatchCase("caseless/inline-off", "(?-i)abc", "ABC abc", [4..<7]),
    MatchCase("caseless/inline-off-in-group", "a(?-i:B)c", "abc aBc ABC", [4..<7, 8..<11]),
    MatchCase("caseless/option-off", "abc", "ABC abc", [4..<7], caseless: false),
    MatchCase("caseless/option-off-inline-on", "(?i)abc", "ABC", [0..<3], caseless: false),
  ]

  static let unicode: [MatchCase] = [
    MatchCase("utf8/chinese-byte-offsets", "赌.博", "我赌x博了", [3..<10]),
    MatchCase("utf8/dot-is-one-character", "赌.博", "赌钱博", [0..<9]),
    MatchCase("utf8/pattern-offsets-are-absolute", "博", "博赌博", [0..<3, 6..<9]),
    MatchCase("ucp/han", "\\p{Han}+", "abc赌博def", [3..<9]),
    MatchCase("ucp/word-is-unicode", "\\w+", "你好, world", [0..<6, 8..<13]),
    MatchCase("ucp/fullwidth-digits", "\\d+", "价格１２３元", [6..<15]),
    MatchCase("nul/explicit-length", "a\u{0}b", [0x61, 0x00, 0x62], [0..<3]),
    MatchCase("anchor/caret-only-at-start", "^a", "aa", [0..<1]),
    MatchCase("captures/ignored", "(赌)(博)", "赌博", [0..<6]),
  ]

  /// Invalid UTF-8 never matches and is never an error (PCRE2_MATCH_INVALID_UTF).
  static let invalidUTF8: [MatchCase] = [
    MatchCase("invalid/barrier", "a.b", [0x61, 0xFF, 0x62], []),
    MatchCase("invalid/neighbours-still-match", "b", [0x61, 0xFF, 0x62], [2..<3]),
    MatchCase("invalid/negated-class", "[^x]", [0xFF, 0xC0, 0x80], []),
    MatchCase("invalid/truncated-character", ".", [0xE8, 0xB5, 0x78], [2..<3]),
    MatchCase("invalid/surrogate", ".", [0xED, 0xA0, 0x80], []),
    MatchCase("invalid/han-after-junk", "\\p{Han}", [0xFF] + utf8("赌"), [1..<4]),
    MatchCase("invalid/gbk-bytes", "赌博", [0xB6, 0xC4, 0xB2, 0xA9] + utf8("赌博"), [4..<10]),
  ]

  /// Empty matches: find-all must terminate and advance by one character.
  static let empty: [MatchCase] = [
    MatchCase("empty/star", "a*", "baaac", [0..<0, 1..<4, 4..<4, 5..<5]),
    MatchCase("empty/then-nonempty-at-same-place", "a*|b", "b", [0..<0, 0..<1, 1..<1]),
    MatchCase("empty/advances-by-character", "", "我们", [0..<0, 3..<3, 6..<6]),
    MatchCase("empty/lookahead", "(?=b)", "abab", [1..<1, 3..<3]),
    MatchCase("empty/subject", "a*", "", [0..<0]),
    MatchCase("empty/subject-no-match", "a", "", []),
    // An empty match may sit on either side of an invalid byte (see also
    // emptyMatchesBetweenInvalidBytesDependOnTheEngine).
    MatchCase("empty/around-invalid-byte", "x*", [0xFF, 0x61], [0..<0, 1..<1, 2..<2]),
  ]

  static let all = caseless + unicode + invalidUTF8 + empty
}

@Suite struct MatchCaseTests {
  @Test func caseIDsAreUnique() {
    #expect(Set(Cases.all.map(\.id)).count == Cases.all.count)
  }

  @Test(arguments: Cases.all, Engine.allCases)
  func findAll(_ c: MatchCase, _ engine: Engine) throws {
    let regex = try Regex(c.pattern, options: engine.options(caseless: c.caseless))
    #expect(regex.usesJIT == engine.expectsJIT)
    let scratch = MatchData()
    #expect(try regex.matches(in: c.subject, scratch: scratch) == c.expected, "\(c.id)")
  }

  @Test(arguments: Cases.all, Engine.allCases)
  func firstMatchAgreesWithFindAll(_ c: MatchCase, _ engine: Engine) throws {
    let regex = try Regex(c.pattern, options: engine.options(caseless: c.caseless))
    let first = regex.firstMatch(in: c.subject, scratch: MatchData())
    #expect(first == (c.expected.first.map { .match($0) } ?? .noMatch), "\(c.id)")
  }

  /// The JIT and the interpreter must agree on every case (not only on the expectations).
  @Test(arguments: Cases.all)
  func enginesAgree(_ c: MatchCase) throws {
    let scratch = MatchData()
    let results = try Engine.allCases.map { engine in
      try Regex(c.pattern, options: engine.options(caseless: c.caseless))
        .matches(in: c.subject, scratch: scratch)
    }
    #expect(results[0] == results[1], "\(c.id)")
  }

  @Test func stringConveniencesUseUTF8Offsets() throws {
    let regex = try Regex("赌.博")
    let scratch = MatchData()
    #expect(regex.firstMatch(in: "我赌x博了", scratch: scratch) == .match(3..<10))
    #expect(regex.firstMatch(in: "我赌x博了赌博博", from: 4, scratch: scratch) == .match(13..<22))
    #expect(try regex.matches(in: "赌1博 赌2博", scratch: scratch) == [0..<7, 8..<15])
  }

  @Test(arguments: Engine.allCases)
  func offsetInsideACharacterStartsAtTheNextOne(_ engine: Engine) throws {
    let regex = try Regex(".", options: engine.options())
    // Offset 1 is the second byte of 我 (E6 88 91).
    #expect(regex.firstMatch(in: "我赌", from: 1, scratch: MatchData()) == .match(3..<6))
  }

  @Test func emptyBufferWithoutAddress() throws {
    let regex = try Regex("a*")
    let empty = UnsafeRawBufferPointer(start: nil, count: 0)
    #expect(regex.firstMatch(in: empty, scratch: MatchData()) == .match(0..<0))
    #expect(try regex.matches(in: empty, scratch: MatchData()) == [0..<0])
  }

  // PCRE2 10.42 itself differs here: after a failed attempt, the interpreter skips a
  // whole run of invalid bytes, the JIT one byte at a time. So an empty match can be
  // reported *between* two invalid bytes by the JIT only. Non-empty matches never touch
  // invalid bytes, so nothing that could be masked depends on the engine.
  @Test(arguments: Engine.allCases)
  func emptyMatchesBetweenInvalidBytesDependOnTheEngine(_ engine: Engine) throws {
    let regex = try Regex("x*", options: engine.options())
    let found = try regex.matches(in: [0xFF, 0xFE, 0x61], scratch: MatchData())
    let between: [Range<Int>] = regex.usesJIT ? [1..<1] : []
    #expect(found == [0..<0] + between + [2..<2, 3..<3])
  }

  @Test func findAllTerminatesOnALongSubject() throws {
    // 100,000 characters, none of them `a`: one empty match at each of the
    // 100,001 character boundaries, and none inside a character.
    let regex = try Regex("a*")
    let subject = String(repeating: "b赌", count: 50_000)
    let found = try regex.matches(in: subject, scratch: MatchData())
    #expect(found.count == 100_001)
    #expect(found.allSatisfy { $0.isEmpty })
  }
}

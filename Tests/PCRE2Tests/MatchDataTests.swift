//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// MatchDataTests.swift: one MatchData reused across many calls and many regexes.

import PCRE2
import Testing

@Suite struct MatchDataTests {
  @Test(arguments: Engine.allCases)
  func oneScratchServesManyCallsAndRegexes(_ engine: Engine) throws {
    let rules = try ["赌.{0,3}博", "(代)(开).{0,3}发票", "(?-i)VIP\\d+", "x*"].map {
      try Regex($0, options: engine.options())
    }
    let lines = [
      "我赌x博了", "代开增值税发票", "vip88 VIP88", "", "没有", "赌赌赌博博", "代开发票代开普通发票",
    ]
    // The answers from a fresh MatchData for every call.
    let expected = try rules.map { rule in
      try lines.map { try rule.matches(in: $0, scratch: MatchData()) }
    }

    let scratch = MatchData()
    for round in 0..<500 {
      for (r, rule) in rules.enumerated() {
        for (l, line) in lines.enumerated() {
          let found = try rule.matches(in: line, scratch: scratch)
          if found != expected[r][l] {
            Issue.record(
              "round \(round): \(rule.pattern) over \(line): \(found) ≠ \(expected[r][l])")
            return
          }
        }
      }
    }
  }

  @Test(arguments: Engine.allCases)
  func scratchRecoversAfterALimitError(_ engine: Engine) throws {
    let scratch = MatchData()
    let bomb = try Regex("(a+)+$", options: engine.options())
    let rule = try Regex("赌.博", options: engine.options())
    for _ in 0..<3 {
      #expect(
        bomb.firstMatch(in: String(repeating: "a", count: 40) + "b", scratch: scratch)
          .isLimitExceeded)
      #expect(rule.firstMatch(in: "我赌x博了", scratch: scratch) == .match(3..<10))
    }
  }

  @Test func scratchSizedForAPatternWorksForOthersToo() throws {
    let captures = try Regex("(赌)(.)(博)")
    let plain = try Regex("发票")
    let scratch = MatchData(for: captures)
    #expect(captures.firstMatch(in: "我赌x博了", scratch: scratch) == .match(3..<10))
    #expect(plain.firstMatch(in: "代开发票", scratch: scratch) == .match(6..<12))
  }

  @Test func regexesWithDifferentLimitsShareAScratch() throws {
    let scratch = MatchData()
    let subject = String(repeating: "a", count: 10) + "b"
    let strict = try Regex("(a+)+$", options: .init(jit: false, limits: .init(matchLimit: 100)))
    let relaxed = try Regex("(a+)+$", options: .init(jit: false))
    for _ in 0..<3 {
      #expect(strict.firstMatch(in: subject, scratch: scratch).isLimitExceeded)
      #expect(relaxed.firstMatch(in: subject, scratch: scratch) == .noMatch)
    }
  }
}

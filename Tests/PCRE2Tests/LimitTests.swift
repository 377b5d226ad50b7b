//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// LimitTests.swift: catastrophic backtracking stops quickly, and is reported, not hidden.

import PCRE2
import Testing

// PCRE2 10.42's codes for the limits (pcre2.h), spelled out so tests need no C import.
let matchLimitCode: Int32 = -47  // PCRE2_ERROR_MATCHLIMIT
let depthLimitCode: Int32 = -53  // PCRE2_ERROR_DEPTHLIMIT
let jitStackLimitCode: Int32 = -46  // PCRE2_ERROR_JIT_STACKLIMIT

@Suite struct LimitTests {
  /// `(a+)+$` against 40 `a`s and a `b` needs about 2⁴⁰ steps without a limit.
  static let catastrophicSubject = String(repeating: "a", count: 40) + "b"

  @Test(arguments: Engine.allCases)
  func catastrophicPatternStopsQuickly(_ engine: Engine) throws {
    let regex = try Regex("(a+)+$", options: engine.options())
    let scratch = MatchData()
    let clock = ContinuousClock()
    var result = MatchResult.noMatch
    let elapsed = clock.measure {
      result = regex.firstMatch(in: Self.catastrophicSubject, scratch: scratch)
    }
    #expect(result.limitCode == matchLimitCode)
    #expect(elapsed < .seconds(1), "took \(elapsed)")
    print("(a+)+$ with \(engine) (usesJIT: \(regex.usesJIT)): \(result) in \(elapsed)")
  }

  @Test(arguments: Engine.allCases)
  func findAllThrowsInsteadOfReturningAPartialList(_ engine: Engine) throws {
    let regex = try Regex("(a+)+$", options: engine.options())
    #expect {
      try regex.matches(in: Self.catastrophicSubject, scratch: MatchData())
    } throws: { error in
      (error as? PCRE2Error)?.isResourceLimit == true
    }
  }

  @Test(arguments: Engine.allCases)
  func shortCatastrophicInputStillGetsTheRightAnswer(_ engine: Engine) throws {
    let regex = try Regex("(a+)+$", options: engine.options())
    let subject = String(repeating: "a", count: 16) + "b"
    #expect(regex.firstMatch(in: subject, scratch: MatchData()) == .noMatch)
  }

  @Test(arguments: Engine.allCases)
  func patternMayLowerTheLimitButNotRaiseIt(_ engine: Engine) throws {
    let scratch = MatchData()
    let short = String(repeating: "a", count: 16) + "b"
    let lowered = try Regex("(*LIMIT_MATCH=1000)(a+)+$", options: engine.options())
    guard case .limitExceeded = lowered.firstMatch(in: short, scratch: scratch) else {
      Issue.record("(*LIMIT_MATCH=1000) did not lower the limit")
      return
    }
    let raised = try Regex("(*LIMIT_MATCH=4000000000)(a+)+$", options: engine.options())
    guard case .limitExceeded = raised.firstMatch(in: Self.catastrophicSubject, scratch: scratch)
    else {
      Issue.record("(*LIMIT_MATCH=4000000000) raised the limit")
      return
    }
  }

  @Test func callerLimitsApply() throws {
    let limits = Regex.Limits(matchLimit: 100)
    let strict = try Regex("(a+)+$", options: .init(jit: false, limits: limits))
    let subject = String(repeating: "a", count: 10) + "b"
    #expect(strict.firstMatch(in: subject, scratch: MatchData()).isLimitExceeded)
    let relaxed = try Regex("(a+)+$", options: .init(jit: false))
    #expect(relaxed.firstMatch(in: subject, scratch: MatchData()) == .noMatch)
  }

  /// The engines count differently: the depth limit binds only the interpreter, and
  /// the JIT is bounded by its stack instead. `(?:ab)*$` over 200 KB keeps 100,000
  /// backtracking points.
  @Test func depthLimitBindsOnlyTheInterpreter() throws {
    let subject = String(repeating: "ab", count: 100_000)
    let scratch = MatchData()

    let interpreted = try Regex("(?:ab)*$", options: .init(jit: false))
    #expect(
      interpreted.firstMatch(in: subject, scratch: scratch).limitCode == depthLimitCode)

    let deeper = try Regex(
      "(?:ab)*$", options: .init(jit: false, limits: .init(depthLimit: 1_000_000)))
    #expect(deeper.firstMatch(in: subject, scratch: scratch) == .match(0..<200_000))

    let jitted = try Regex("(?:ab)*$")
    if jitted.usesJIT {
      #expect(jitted.firstMatch(in: subject, scratch: scratch) == .match(0..<200_000))
      #expect(
        jitted.firstMatch(in: subject, scratch: MatchData(jitStackKiB: 32)).limitCode
          == jitStackLimitCode)
    }
  }
}

extension MatchResult {
  /// Whether this is ``limitExceeded(_:)``, whatever the limit.
  var isLimitExceeded: Bool {
    limitCode != nil
  }

  /// The PCRE2 code of a ``limitExceeded(_:)`` result; `nil` for any other result.
  var limitCode: Int32? {
    if case .limitExceeded(let error) = self { return error.code }
    return nil
  }
}

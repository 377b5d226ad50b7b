//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// ConcurrencyTests.swift: one Regex shared by 8 threads, each with its own MatchData.

import Foundation
import PCRE2
import Synchronization
import Testing

@Suite struct ConcurrencyTests {
  /// About 60 KB of mixed Chinese, ASCII and invalid bytes, with many matches.
  static let subject: [UInt8] = {
    var bytes: [UInt8] = []
    for i in 0..<2_000 {
      bytes += utf8(i % 3 == 0 ? "我赌\(i % 10)博了, " : "代开发票 VIP\(i) ")
      if i % 7 == 0 { bytes += [0xFF, 0xB6, 0xC4] }  // junk, as from a GBK file
    }
    return bytes
  }()

  @Test(arguments: Engine.allCases)
  func sharedRegexGivesIdenticalResultsOnEightThreads(_ engine: Engine) throws {
    let regex = try Regex(
      "赌.{0,3}博|代开.{0,3}发票|(?-i)VIP\\d+|\\p{Han}{2}了", options: engine.options())
    let expected = try regex.matches(in: Self.subject, scratch: MatchData())
    #expect(expected.count > 2_000)

    // Real threads rather than tasks: the cooperative pool has only two on this machine.
    let threadCount = 8
    let rounds = 20
    let results = Mutex<[Int: Result<[[Range<Int>]], PCRE2Error>]>([:])
    let done = DispatchGroup()
    for t in 0..<threadCount {
      done.enter()
      let thread = Thread {
        let scratch = MatchData()  // each thread its own
        let outcome = Result { () throws(PCRE2Error) -> [[Range<Int>]] in
          var all: [[Range<Int>]] = []
          for _ in 0..<rounds { all.append(try regex.matches(in: Self.subject, scratch: scratch)) }
          return all
        }
        results.withLock { $0[t] = outcome }
        done.leave()
      }
      thread.start()
    }
    done.wait()

    let collected = results.withLock { $0 }
    #expect(collected.count == threadCount)
    for (t, outcome) in collected.sorted(by: { $0.key < $1.key }) {
      let all = try outcome.get()
      #expect(all.count == rounds)
      #expect(all.allSatisfy { $0 == expected }, "thread \(t)")
    }
  }
}

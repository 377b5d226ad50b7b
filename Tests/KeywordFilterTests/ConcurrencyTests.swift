// kwfilter — tests: one compiled Filter scanned from 8 threads at once, regex rules included.
//
// `Filter` is immutable and Sendable; each thread makes its own StreamScanner / StreamMasker
// (and with it its own PCRE2 match data). Run under ThreadSanitizer with
//   swift test --sanitize=thread --filter FilterConcurrencyTests --scratch-path .build-tsan

import Foundation
import KeywordFilterTestSupport
import Synchronization
import Testing

@testable import KeywordFilter

@Suite struct FilterConcurrencyTests {
  /// The shipped lists (literal terms, allow-list phrases and the spam regex rules), plus a
  /// few rules of our own so the test does not depend on what the lists hold today.
  static let filter: Filter = {
    var path = #filePath
    for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
    var list = (try? DefaultWordlists.load(from: path + "/wordlists")) ?? Wordlist()
    list.append(
      contentsOf: try! Wordlist(
        parsing: "# category: test\n赌博\n赌博网站\n!打击赌博\nre:代开.{0,3}发票\nre:(?<![0-9])1[3-9]\\d{9}(?![0-9])\n",
        name: "concurrency.txt"))
    return try! Filter(wordlist: list)
  }()

  /// Texts with many matches of every kind: list terms (with noise and traditional forms),
  /// allow-listed phrases, regex hits, invalid bytes, long and short lines.
  static let texts: [[UInt8]] = {
    let terms = filter.entries.enumerated().filter { $0.offset % 5 == 0 && !$0.element.isRegex }
      .map(\.element.text)
    var rng = SeededRandom(seed: 8)
    var result: [[UInt8]] = []
    for k in 0..<3 {
      var text: [UInt8] = []
      while text.count < 40_000 {
        switch Int.random(in: 0..<8, using: &rng) {
        case 0: text += Array(terms.randomElement(using: &rng)!.utf8)
        case 1: text += Array("加V信13812345678 ".utf8)
        case 2: text += Array("代开x发票，打击赌博，賭-博".utf8)
        case 3: text += [0xFF, 0xE8, 0xB5]
        case 4: text += Array((k == 2 ? " " : "\n").utf8)
        case 5: text += Array("see http://example.com/x?y=1 or mail a.b@example.org ".utf8)
        default: text += Array("普通的文字 ordinary text 123 ".utf8)
        }
      }
      result.append(text)
    }
    return result
  }()

  /// Matches and masked output, scanning `text` in chunks of `chunkSize`.
  static func scan(_ text: [UInt8], chunkSize: Int) -> (matches: [Match], masked: [UInt8]) {
    let chunks = Chunking.fixed(text, size: chunkSize)
    var masker = StreamMasker(filter: filter, mask: "*")
    var masked: [UInt8] = []
    var matches: [Match] = []
    for chunk in chunks {
      chunk.withUnsafeBytes { bytes in
        masker.process(bytes, onMatch: { matches.append($0) }) { masked.append(contentsOf: $0) }
      }
    }
    masker.finish(onMatch: { matches.append($0) }) { masked.append(contentsOf: $0) }
    return (matches, masked)
  }

  @Test func oneFilterOnEightThreadsMatchesSequentialScanning() throws {
    let filter = Self.filter
    #expect(filter.hasRegexRules)
    // Sequential answers first, one text at a time, in one piece.
    let expected = Self.texts.map { text in
      (matches: filter.matches(in: text), masked: Self.scan(text, chunkSize: 1 << 16).masked)
    }
    for e in expected { #expect(e.matches.count > 100) }
    #expect(expected.contains { $0.matches.contains { filter.entries[$0.entryIndex].isRegex } })

    // Real threads rather than tasks: the cooperative pool has only two threads on this machine.
    let threadCount = 8
    let rounds = 2
    let failures = Mutex<[String]>([])
    let done = DispatchGroup()
    for t in 0..<threadCount {
      done.enter()
      let thread = Thread {
        for round in 0..<rounds {
          for k in Self.texts.indices {
            let index = (k + t) % Self.texts.count
            let chunkSize = [7, 64, 997, 4096, 1 << 16][(t + round) % 5]
            let whole = filter.matches(in: Self.texts[index])
            let (matches, masked) = Self.scan(Self.texts[index], chunkSize: chunkSize)
            if whole != expected[index].matches || matches != expected[index].matches
              || masked != expected[index].masked
            {
              failures.withLock {
                $0.append("thread \(t) round \(round) text \(index) chunk \(chunkSize)")
              }
            }
          }
        }
        done.leave()
      }
      thread.start()
    }
    done.wait()
    let collected = failures.withLock { $0 }
    #expect(collected.isEmpty, "\(collected)")
  }
}

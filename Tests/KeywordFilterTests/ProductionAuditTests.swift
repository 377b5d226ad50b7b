// kwfilter — tests: audit records, the append-only log, digests, and the record-mode format.

import Foundation
import Synchronization
import Testing

@testable import KeywordFilter

@Suite struct ProductionAuditTests {
  static func temporaryPath() -> String {
    NSTemporaryDirectory() + "kwfilter-audit-\(UUID().uuidString).log"
  }

  static let filter = try! Filter(
    wordlist: Wordlist(parsing: "# category: gambling\n赌博\n老虎机\treview\n", name: "t.txt"))

  /// Parses one JSON line.
  static func object(_ line: Substring) throws -> [String: Any] {
    try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
  }

  @Test(arguments: [
    (1_795_648_680, "2026-11-25T23:18:00Z"), (951_782_400, "2000-02-29T00:00:00Z"),
    (0, "1970-01-01T00:00:00Z"),
  ])
  func timestamps(seconds: Int, expected: String) {
    #expect(AuditRecord.timestamp(secondsSinceEpoch: seconds) == expected)
  }

  @Test func digestMatchesSHA256Vectors() {
    #expect(
      AuditDigest.hex(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      AuditDigest.hex(of: [])
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    // Fed in pieces: the same digest.
    let text = Array(String(repeating: "网上赌博 ", count: 10_000).utf8)
    var digest = AuditDigest()
    for piece in stride(from: 0, to: text.count, by: 777) {
      digest.update(Array(text[piece..<min(text.count, piece + 777)]))
    }
    #expect(digest.hexDigest() == AuditDigest.hex(of: text))
  }

  @Test func recordFields() throws {
    let text = Array("网上賭-博，老虎机，赌博\n".utf8)
    let found = Self.filter.matches(in: text)
    let record = text.withUnsafeBytes {
      AuditRecord(input: "posts/1.txt", bytes: $0, matches: found, action: .masked)
    }
    let line = record.jsonLine
    #expect(line.hasSuffix("}\n"))
    #expect(line.filter { $0 == "\n" }.count == 1)
    let json = try Self.object(line.dropLast())
    #expect(json["input"] as? String == "posts/1.txt")
    #expect(json["action"] as? String == "masked")
    #expect(json["sha256"] as? String == AuditDigest.hex(of: text))
    #expect(json["matches"] as? Int == 3)
    #expect(json["categories"] as? [String] == ["gambling"])
    #expect(json["terms"] as? [String] == ["赌博", "老虎机"])
    #expect(json["ranges"] as? [[Int]] == found.map { [$0.range.lowerBound, $0.range.upperBound] })
    #expect(json["key"] == nil && json["parts"] == nil && json["ranges_truncated"] == nil)
    let time = try #require(json["time"] as? String)
    #expect(time.count == 20 && time.hasSuffix("Z") && time.dropFirst(10).hasPrefix("T"))
    #expect(AuditRecord.Action.mailHeader.rawValue == "mail-header")
  }

  @Test func mergingPiecesEqualsOneRecord() {
    let text = Array(String(repeating: "赌博 老虎机\n", count: 50).utf8)
    let whole = Self.filter.matches(in: text)
    var one = AuditRecord(input: "f", sha256: "", action: .reported, time: "t")
    for m in whole { one.add(m) }
    // The same input in two pieces cut after a line feed.
    let cut = text.firstIndex(of: 0x0A)! * 20 + 20
    #expect(text[cut - 1] == 0x0A)
    var first = AuditRecord(input: "f", sha256: "", action: .reported, time: "t")
    for m in Self.filter.matches(in: Array(text[..<cut])) { first.add(m) }
    var second = AuditRecord(input: "f", sha256: "", action: .reported, time: "t")
    for m in Self.filter.matches(in: Array(text[cut...])) { second.add(m, offsetBy: cut) }
    first.merge(second)
    #expect(first == one)
  }

  @Test func rangesAreCappedButCountsAreNot() throws {
    let text = Array(String(repeating: "赌博 ", count: AuditRecord.rangeLimit + 5).utf8)
    let found = Self.filter.matches(in: text)
    let record = text.withUnsafeBytes {
      AuditRecord(input: "big", bytes: $0, matches: found, action: .reported)
    }
    #expect(record.matchCount == AuditRecord.rangeLimit + 5)
    #expect(record.ranges.count == AuditRecord.rangeLimit)
    let json = try Self.object(record.jsonLine.dropLast())
    #expect(json["ranges_truncated"] as? Bool == true)
    #expect(json["matches"] as? Int == AuditRecord.rangeLimit + 5)
  }

  @Test func logAppendsOneLinePerRecordAndSurvivesRotation() throws {
    let path = Self.temporaryPath()
    let log = try AuditLog(path: path)
    let text = Array("赌博".utf8)
    try text.withUnsafeBytes {
      try log.record(input: "a", bytes: $0, matches: Self.filter.matches(in: text), action: .masked)
      try log.record(input: "none", bytes: $0, matches: [], action: .masked)  // no match: no line
      try log.record(
        input: "-", bytes: $0, matches: Self.filter.matches(in: text), action: .reported, key: "k1")
    }
    var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 2)
    #expect(try Self.object(lines[1])["key"] as? String == "k1")

    // logrotate: move the file away, then the next record creates a new one.
    #expect(rename(path, path + ".1") == 0)
    try log.append(AuditRecord(input: "after", sha256: "", action: .masked))
    lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 1)
    #expect(try Self.object(lines[0])["input"] as? String == "after")
    #expect(
      try String(contentsOfFile: path + ".1", encoding: .utf8).split(separator: "\n").count == 2)
  }

  @Test func unwritableLogIsAnError() {
    #expect(throws: AuditLogError.self) { _ = try AuditLog(path: "/nonexistent/dir/audit.log") }
  }

  @Test func concurrentWritersNeverInterleave() throws {
    let path = Self.temporaryPath()
    let log = try AuditLog(path: path)
    // Records of ~60 KB each (far above PIPE_BUF), from 8 threads at once.
    let text = Array(String(repeating: "赌博 老虎机 ", count: 4000).utf8)
    let found = Self.filter.matches(in: text)
    let done = DispatchSemaphore(value: 0)
    for t in 0..<8 {
      Thread {
        for k in 0..<25 {
          var record = AuditRecord(input: "t\(t)-\(k)", sha256: "", action: .reported)
          for m in found { record.add(m) }
          try! log.append(record)
        }
        done.signal()
      }.start()
    }
    for _ in 0..<8 { done.wait() }
    let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 200)
    var names = Set<String>()
    for line in lines {
      let json = try Self.object(line)
      #expect(json["matches"] as? Int == found.count)
      names.insert(json["input"] as! String)
    }
    #expect(names.count == 200)
  }

  // Record mode's line format.

  @Test(arguments: [
    ("k\t赌博", "k", "赌博"),
    ("no tab here", "", "no tab here"),
    ("k\ta\\tb\\nc\\\\d", "k", "a\tb\nc\\d"),
    ("k\tcr\\r, lone \\x and end\\", "k", "cr\r, lone \\x and end\\"),
    ("k\tsecond\ttab stays", "k", "second\ttab stays"),
    ("\t", "", ""),
  ])
  func recordSplitAndUnescape(line: String, key: String, text: String) {
    let (k, t) = RecordFormat.split(Array(line.utf8))
    #expect(String(decoding: k, as: UTF8.self) == key)
    #expect(String(decoding: t, as: UTF8.self) == text)
  }

  @Test func escapeRoundTrip() {
    var rng = SystemRandomNumberGenerator()
    let alphabet: [UInt8] = [0x09, 0x0A, 0x0D, 0x5C, 0x74, 0x6E, 0x72, 0x61] + Array("赌".utf8)
    for _ in 0..<2000 {
      let text = (0..<Int.random(in: 0..<30, using: &rng)).map { _ in
        alphabet.randomElement(using: &rng)!
      }
      let escaped = RecordFormat.escape(text)
      #expect(!escaped.contains(0x09) && !escaped.contains(0x0A) && !escaped.contains(0x0D))
      #expect(RecordFormat.unescape(escaped) == text)
      // Canonical: escaping what unescaping gives back is stable.
      #expect(RecordFormat.escape(RecordFormat.unescape(escaped)) == escaped)
    }
  }

  @Test func statusIsTheStrongestTier() {
    #expect(RecordFormat.Status(Self.filter.matches(in: "老虎机")) == .review)
    #expect(RecordFormat.Status(Self.filter.matches(in: "老虎机 赌博")) == .block)
    #expect(RecordFormat.Status(Self.filter.matches(in: "nothing")) == .clean)
  }
}

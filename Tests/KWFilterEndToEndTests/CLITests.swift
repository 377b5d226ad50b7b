// kwfilter — tests: the built binary as a black box (stdin, stdout, stderr, exit status).

import Foundation
import Testing

/// The built `kwfilter` next to the test bundle.
let kwfilterURL: URL = {
  let candidates = [
    URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
    Bundle.main.bundleURL,
    Bundle.main.bundleURL.deletingLastPathComponent(),
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(".build/debug"),
  ]
  for dir in candidates {
    let url = dir.appendingPathComponent("kwfilter")
    if FileManager.default.isExecutableFile(atPath: url.path) { return url }
  }
  return candidates[0].appendingPathComponent("kwfilter")
}()

struct Run {
  var status: Int32
  var stdout: Data
  var stderr: String
  var text: String { String(decoding: stdout, as: UTF8.self) }
}

func run(_ arguments: [String], stdin: Data = Data(), directory: String? = nil) throws -> Run {
  // Files rather than pipes: no reader threads, no deadlock on large outputs.
  let base = NSTemporaryDirectory() + "kwfilter-run-\(UUID().uuidString)"
  try stdin.write(to: URL(fileURLWithPath: base + ".in"))
  FileManager.default.createFile(atPath: base + ".out", contents: nil)
  FileManager.default.createFile(atPath: base + ".err", contents: nil)
  defer {
    for ext in [".in", ".out", ".err"] { try? FileManager.default.removeItem(atPath: base + ext) }
  }
  let process = Process()
  process.executableURL = kwfilterURL
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  process.standardInput = FileHandle(forReadingAtPath: base + ".in")
  process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
  process.standardError = FileHandle(forWritingAtPath: base + ".err")
  try process.run()
  process.waitUntilExit()
  let out = try Data(contentsOf: URL(fileURLWithPath: base + ".out"))
  let err = try Data(contentsOf: URL(fileURLWithPath: base + ".err"))
  return Run(status: process.terminationStatus, stdout: out, stderr: String(decoding: err, as: UTF8.self))
}

func run(_ arguments: [String], input: String) throws -> Run { try run(arguments, stdin: Data(input.utf8)) }

/// A small list written to a temporary file.
let fixtureList: String = {
  let path = NSTemporaryDirectory() + "kwfilter-e2e-\(getpid()).txt"
  try? "# category: gambling\n赌博\n赌博网站\n!打击赌博\nass\n".write(toFile: path, atomically: true, encoding: .utf8)
  return path
}()

@Test func maskMode() throws {
  let r = try run(["--no-default-lists", "-w", fixtureList], input: "网上賭-博，打击赌博 class ass\n")
  #expect(r.status == 0)
  #expect(r.text == "网上***，打击赌博 class ***\n")
}

@Test func maskKeepsInvalidBytes() throws {
  var bytes = Data("赌博".utf8)
  bytes.append(contentsOf: [0xFF, 0x00, 0xE8, 0xB5])
  let r = try run(["--no-default-lists", "-w", fixtureList, "--mask-char", "■"], stdin: bytes)
  var expected = Data("■■".utf8)
  expected.append(contentsOf: [0xFF, 0x00, 0xE8, 0xB5])
  #expect(r.stdout == expected)
}

@Test func jsonMode() throws {
  let r = try run(["--no-default-lists", "-w", fixtureList, "--json"], input: "xx賭博")
  #expect(r.status == 0)
  #expect(r.text == #"{"start":2,"end":8,"category":"gambling","term":"赌博","text":"賭博","tier":"block"}"# + "\n")
  let nothing = try run(["--no-default-lists", "-w", fixtureList, "--json"], input: "hello")
  #expect(nothing.status == 1)
  #expect(nothing.text.isEmpty)
}

@Test func jsonNamesFiles() throws {
  let path = NSTemporaryDirectory() + "kwfilter-e2e-in-\(getpid()).txt"
  try "赌博".write(toFile: path, atomically: true, encoding: .utf8)
  let r = try run(["--no-default-lists", "-w", fixtureList, "--json", path])
  #expect(r.text.contains(#""file":"\#(path)""#))
}

@Test func countAndQuiet() throws {
  let c = try run(["--no-default-lists", "-w", fixtureList, "-c"], input: "赌博 赌博网站 ass")
  #expect(c.status == 0)
  #expect(c.text == "3\n")
  let zero = try run(["--no-default-lists", "-w", fixtureList, "--count"], input: "nothing")
  #expect(zero.status == 1)
  #expect(zero.text == "0\n")
  let q = try run(["--no-default-lists", "-w", fixtureList, "-q"], input: "赌博")
  #expect(q.status == 0)
  #expect(q.stdout.isEmpty)
  let qn = try run(["--no-default-lists", "-w", fixtureList, "-q"], input: "ok")
  #expect(qn.status == 1)
}

@Test func allFlag() throws {
  let r = try run(["--no-default-lists", "-w", fixtureList, "-c", "--all"], input: "赌博网站")
  #expect(r.text == "2\n")
}

@Test func badListExitsTwoAndNamesLine() throws {
  let path = NSTemporaryDirectory() + "kwfilter-bad-\(getpid()).txt"
  try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
  let r = try run(["--no-default-lists", "-w", path], input: "a")
  #expect(r.status == 2)
  #expect(r.stdout.isEmpty)
  #expect(r.stderr.contains("\(path):2"))
}

@Test func usageErrorsExitTwo() throws {
  #expect(try run(["--no-such-flag"], input: "").status == 2)
  #expect(try run(["--json", "-c", "--no-default-lists", "-w", fixtureList], input: "").status == 2)
  #expect(try run(["--help"], input: "").status == 0)
}

@Test func missingInputFileExitsTwo() throws {
  let r = try run(["--no-default-lists", "-w", fixtureList, "/nonexistent/file"], input: "")
  #expect(r.status == 2)
  #expect(r.stderr.contains("/nonexistent/file"))
  let dir = try run(["--no-default-lists", "-w", fixtureList, "/tmp"], input: "")
  #expect(dir.status == 2)
}

@Test func defaultListsLoadFromAnyDirectory() throws {
  let r = try run(["-c"], stdin: Data("法轮功 hello".utf8), directory: "/")
  #expect(r.status == 0, "\(r.stderr)")
  #expect(r.text != "0\n")
}

@Test func emptyInput() throws {
  let r = try run(["--no-default-lists", "-w", fixtureList], input: "")
  #expect(r.status == 0)
  #expect(r.stdout.isEmpty)
}

@Test func regexRulesEndToEnd() throws {
  let path = NSTemporaryDirectory() + "kwfilter-re-\(getpid()).txt"
  try "# category: spam\nre:1[3-9]\\d{9}\n".write(toFile: path, atomically: true, encoding: .utf8)
  let r = try run(["--no-default-lists", "-w", path, "--json"], input: "电话13812345678")
  #expect(r.status == 0)
  #expect(r.text == #"{"start":6,"end":17,"category":"spam","term":"1[3-9]\\d{9}","text":"13812345678","tier":"block"}"# + "\n")
}

@Test func gbkInputAutoDetected() throws {
  // 网上赌博，岸牟─ in GBK: the second half holds 赌博's bytes misaligned.
  let gbk: [UInt8] = [0xCD, 0xF8, 0xC9, 0xCF, 0xB6, 0xC4, 0xB2, 0xA9, 0xA3, 0xAC, 0xB0, 0xB6, 0xC4, 0xB2, 0xA9, 0xA4]
  let input = Data(Array(repeating: gbk, count: 4).joined())
  let masked = try run(["--no-default-lists", "-w", fixtureList], stdin: input)
  var expected = Data()
  for _ in 0..<4 { expected.append(contentsOf: [0xCD, 0xF8, 0xC9, 0xCF, 0x2A, 0x2A] + gbk[8...]) }
  #expect(masked.stdout == expected)
  let json = try run(["--no-default-lists", "-w", fixtureList, "--json", "--encoding", "gbk"], stdin: input)
  #expect(json.text.hasPrefix(#"{"start":4,"end":8,"category":"gambling","term":"赌博","text":"赌博""#))
  #expect(try run(["--encoding", "latin9"], input: "").status == 2)
}

@Test func mailModeAddsHeadersAndReportsParts() throws {
  // Subject: 赌博 as a GB2312 base64 encoded word; body: quoted-printable HTML with 赌<b>博</b>.
  let message = """
    From: "Sender" <a@example.com>\r
    To: b@example.com\r
    Subject: =?gb2312?B?tsSyqQ==?=\r
    MIME-Version: 1.0\r
    Content-Type: text/html; charset=utf-8\r
    Content-Transfer-Encoding: quoted-printable\r
    \r
    <p>=E8=B5=8C<b>=E5=8D=9A</b></p>\r

    """
  let filtered = try run(["--no-default-lists", "-w", fixtureList, "--mail"], input: message)
  #expect(filtered.status == 0)
  #expect(filtered.text.contains("X-Kwfilter-Status: Yes, matches=2\r\n"))
  #expect(filtered.text.contains("X-Kwfilter-Categories: gambling\r\n"))
  // Everything else is byte for byte the message.
  let stripped = filtered.text.split(separator: "\r\n", omittingEmptySubsequences: false)
    .filter { !$0.hasPrefix("X-Kwfilter-") }.joined(separator: "\r\n")
  #expect(stripped == message)
  let json = try run(["--no-default-lists", "-w", fixtureList, "--mail", "--json"], input: message)
  let lines = json.text.split(separator: "\n")
  #expect(lines.count == 2)
  #expect(lines.first?.contains(#""text":"赌博","tier":"block","part":"header:Subject""#) == true)
  #expect(lines.last?.contains(#""part":"1""#) == true)
  let clean = try run(["--no-default-lists", "-w", fixtureList, "--mail"], input: "Subject: hi\n\nhello\n")
  #expect(clean.text == "Subject: hi\nX-Kwfilter-Status: No, matches=0\n\nhello\n")
}

@Test func compileAndRules() throws {
  let rules = NSTemporaryDirectory() + "kwfilter-rules-\(getpid()).kwf"
  defer { try? FileManager.default.removeItem(atPath: rules) }
  let compiled = try run(["compile", "--no-default-lists", "-w", fixtureList, "-o", rules], input: "")
  #expect(compiled.status == 0, "\(compiled.stderr)")
  let fromRules = try run(["--rules", rules, "--json"], input: "网上賭-博，打击赌博 ass")
  let fromList = try run(["--no-default-lists", "-w", fixtureList, "--json"], input: "网上賭-博，打击赌博 ass")
  #expect(fromRules.status == 0)
  #expect(fromRules.stdout == fromList.stdout)
  // A damaged file is rejected with a message and status 2, never scanned.
  var bytes = try Data(contentsOf: URL(fileURLWithPath: rules))
  bytes[bytes.count / 2] ^= 0xFF
  try bytes.write(to: URL(fileURLWithPath: rules))
  let damaged = try run(["--rules", rules, "-c"], input: "赌博")
  #expect(damaged.status == 2)
  #expect(damaged.stdout.isEmpty)
  #expect(damaged.stderr.contains("checksum"))
  #expect(try run(["compile"], input: "").status == 2)  // -o is required
}

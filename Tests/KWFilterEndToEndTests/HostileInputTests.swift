// kwfilter — tests: hostile input through the built binary, scaled down for CI.
//
// Scripts/hostile-input.sh runs the same cases at 1 GiB (and a 1,000,000-entry list) with
// peak-RSS figures; these keep each case to a few MiB so the whole suite stays well under a
// minute with a debug build. They use `run` and `kwfilterURL` from CLITests.swift.

import Foundation
import Testing

/// Inputs and lists for the hostile-input tests, made once per run in a temporary folder.
enum Hostile {
  static let directory: String = {
    let path = NSTemporaryDirectory() + "kwfilter-hostile-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  /// Writes `contents` to a file in ``directory`` and returns its path.
  static func file(_ name: String, _ contents: Data) -> String {
    let path = directory + "/" + name
    FileManager.default.createFile(atPath: path, contents: contents)
    return path
  }

  /// `count` pseudo-random bytes (SplitMix64, so a failure reproduces).
  static func randomBytes(_ count: Int, seed: UInt64) -> Data {
    var state = seed
    var bytes = [UInt8](repeating: 0, count: count)
    bytes.withUnsafeMutableBytes { buffer in
      var i = 0
      while i < count {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        for k in 0..<min(8, count - i) { buffer[i + k] = UInt8(truncatingIfNeeded: z >> (8 * k)) }
        i += 8
      }
    }
    return Data(bytes)
  }

  /// A list none of whose terms can occur in generated input: private-use characters.
  static let neverList = file(
    "never.txt", Data("# category: never\n\u{E000}\u{E001}\u{E002}\u{E003}\u{E004}\u{E005}\n".utf8))

  static let mib = 1 << 20

  /// What mask mode must write for `input`, given the ranges `--json` reports: the input's
  /// bytes outside them, one `*` per character inside.
  static func expectedMask(_ input: Data, json: Data) throws -> Data {
    let bytes = [UInt8](input)
    var expected: [UInt8] = []
    expected.reserveCapacity(bytes.count)
    var at = 0
    for line in json.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
      let start = try #require(object["start"] as? Int)
      let end = try #require(object["end"] as? Int)
      try #require(start >= at && start < end && end <= bytes.count, "range \(start)..<\(end)")
      expected += bytes[at..<start]
      for byte in bytes[start..<end] where byte & 0xC0 != 0x80 { expected.append(UInt8(ascii: "*")) }
      at = end
    }
    expected += bytes[at...]
    return Data(expected)
  }

  /// Runs `bash -c script` (for pipelines); returns its status and standard error.
  static func shell(_ script: String) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-c", script]
    let errPath = directory + "/shell-\(UUID().uuidString).err"
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errPath) }
    process.standardError = FileHandle(forWritingAtPath: errPath)
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let err = try String(contentsOfFile: errPath, encoding: .utf8)
    return (process.terminationStatus, err)
  }
}

@Suite(.serialized) struct HostileInputTests {
  @Test func randomBytesPassThroughUnchangedWhenNothingMatches() throws {
    let input = Hostile.randomBytes(2 * Hostile.mib, seed: 1)
    let count = try run(["--no-default-lists", "-w", Hostile.neverList, "-c"], stdin: input)
    #expect(count.status == 1)
    #expect(count.text == "0\n")
    let r = try run(["--no-default-lists", "-w", Hostile.neverList], stdin: input)
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty)
    #expect(r.stdout == input, "mask output differs from the input")
  }

  @Test(arguments: [false, true])
  func randomBytesAreMaskedOnlyInsideReportedRanges(singleLine: Bool) throws {
    // Default lists (literal terms and the spam regex rules) over random bytes; as one line
    // too, so the regex rules see 64 KiB windows rather than short lines.
    var input = Hostile.randomBytes(2 * Hostile.mib, seed: singleLine ? 3 : 2)
    if singleLine { input = Data(input.filter { $0 != UInt8(ascii: "\n") }) }
    let json = try run(["--json"], stdin: input)
    #expect(json.status == 0 || json.status == 1, "\(json.stderr)")
    let masked = try run([], stdin: input)
    #expect(masked.status == 0)
    #expect(masked.stdout == (try Hostile.expectedMask(input, json: json.stdout)))
  }

  @Test func nulBytesPassThrough() throws {
    let zeros = Data(count: 2 * Hostile.mib)
    let r = try run([], stdin: zeros)
    #expect(r.status == 0)
    #expect(r.stdout == zeros)
    let list = Hostile.file("nul-list.txt", Data("赌博\n".utf8))
    let mixed = try run(["--no-default-lists", "-w", list], stdin: Data("\0赌博\0赌\0博\0".utf8))
    #expect(mixed.stdout == Data("\0**\0赌\0博\0".utf8))
  }

  @Test func noiseOnlyInputPassesThroughAndMatchesNothing() throws {
    let unit = "- * ，。！？…… 😀\u{200B}\u{FE0F}\u{0301}\t·~!@#$%^&()[]{}<>|/\\'\"\n"
    let input = Data(String(repeating: unit, count: Hostile.mib / unit.utf8.count).utf8)
    let r = try run([], stdin: input)
    #expect(r.status == 0)
    #expect(r.stdout == input)
    let c = try run(["-c"], stdin: input)
    #expect(c.status == 1)
    #expect(c.text == "0\n")
  }

  @Test func fiftyThousandEntryList() throws {
    // 50,000 distinct entries of 2–4 CJK characters (the script runs 1,000,000).
    var list = "# category: many\n"
    for i in 0..<50_000 {
      var n = i
      var scalars: [Unicode.Scalar] = []
      repeat {
        scalars.append(Unicode.Scalar(0x4E00 + UInt32(n % 20_902))!)
        n /= 20_902
      } while n > 0
      while scalars.count < 2 + i % 3 { scalars.append(Unicode.Scalar(0x9000 + UInt32(i % 97))!) }
      list += String(String.UnicodeScalarView(scalars)) + "\n"
    }
    let path = Hostile.file("many.txt", Data(list.utf8))
    let lines = list.split(separator: "\n")
    let input = "前言 " + lines[49_999] + " 中间 " + lines[12_345] + " 结束\n"
    let r = try run(["--no-default-lists", "-w", path, "-c"], input: input)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.text == "2\n")
  }

  @Test func tenThousandCharacterTermAcrossReadBoundaries() throws {
    let alphabet = Array("赌博网站六合彩票法轮功老虎机")
    var term = ""
    var k = 0
    while term.count < 10_000 {
      let c = alphabet[(k * 7 + k / 13) % alphabet.count]
      if term.last != c { term.append(c) }
      k += 1
    }
    let path = Hostile.file("long-term.txt", Data(("# category: long\n" + term + "\n").utf8))
    // The CLI reads 64 KiB at a time: put the 30,000-byte term across the first boundary.
    let filler = String(repeating: "x", count: 65_536 - 15_000) + "\n"
    var noisy = Array(term)
    noisy.insert(contentsOf: " - ", at: 5_000)
    let input = filler + term + "\n" + filler + String(noisy) + "\n"
    let r = try run(["--no-default-lists", "-w", path], input: input)
    #expect(r.status == 0, "\(r.stderr)")
    let expected =
      filler + String(repeating: "*", count: 10_000) + "\n" + filler
      + String(repeating: "*", count: 10_003) + "\n"
    #expect(r.text == expected)
  }

  @Test func listWhoseEntriesAreAllIdentical() throws {
    let path = Hostile.file(
      "identical.txt", Data(("# category: same\n" + String(repeating: "赌博\n", count: 5_000)).utf8))
    let input = String(repeating: "赌博 打击赌博 赌-博\n", count: 100)
    let c = try run(["--no-default-lists", "-w", path, "-c"], input: input)
    #expect(c.status == 0, "\(c.stderr)")
    #expect(c.text == "300\n")
    let m = try run(["--no-default-lists", "-w", path], input: "赌博 赌-博\n")
    #expect(m.text == "** ***\n")
  }

  @Test func emptyInputInEveryMode() throws {
    let mask = try run([], stdin: Data())
    #expect(mask.status == 0 && mask.stdout.isEmpty && mask.stderr.isEmpty)
    let count = try run(["-c"], stdin: Data())
    #expect(count.status == 1 && count.text == "0\n")
    let json = try run(["--json"], stdin: Data())
    #expect(json.status == 1 && json.stdout.isEmpty)
    let quiet = try run(["-q"], stdin: Data())
    #expect(quiet.status == 1 && quiet.stdout.isEmpty)
  }

  @Test(arguments: [[], ["--json", "--all"], ["--no-default-lists", "-w", "NEVER"]])
  func closedStdoutEndsQuietly(arguments: [String]) throws {
    let input = Hostile.file("closed-stdout.bin", Hostile.randomBytes(8 * Hostile.mib, seed: 4))
    let args = arguments.map { $0 == "NEVER" ? Hostile.neverList : $0 }.joined(separator: " ")
    let r = try Hostile.shell(
      "'\(kwfilterURL.path)' \(args) < '\(input)' | head -c1 >/dev/null; exit ${PIPESTATUS[0]}")
    #expect(r.status == 0)
    #expect(r.stderr.isEmpty, "\(r.stderr)")
  }

  @Test func unreadableInputsExitTwoAndTheRestStillRuns() throws {
    let good = Hostile.file("good.txt", Data("赌博\n".utf8))
    let list = Hostile.file("unreadable-list.txt", Data("赌博\n".utf8))
    let missing = Hostile.directory + "/no-such-file"
    let r = try run(["--no-default-lists", "-w", list, missing, Hostile.directory, good])
    #expect(r.status == 2)
    #expect(r.stderr.contains(missing))
    #expect(r.stderr.contains(Hostile.directory))
    #expect(r.text == "**\n", "the readable file after the bad ones is still filtered")

    let locked = Hostile.file("mode000.txt", Data("赌博\n".utf8))
    chmod(locked, 0)
    let l = try run(["--no-default-lists", "-w", list, locked])
    if getuid() == 0 {
      #expect(l.status == 0, "root reads a mode-000 file")  // root bypasses permissions
    } else {
      #expect(l.status == 2)
      #expect(l.stderr.contains(locked))
    }
  }

  @Test(arguments: ["/no/such/list.txt", "DIRECTORY"])
  func unreadableWordlistExitsTwo(path: String) throws {
    let list = path == "DIRECTORY" ? Hostile.directory : path
    let r = try run(["--no-default-lists", "-w", list], input: "赌博")
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
    #expect(r.stderr.contains(list))
  }
}

// kwfilter — tests: -j (parallel output identical to serial), --audit-log, --records, through
// the built binary. They use `run` from CLITests.swift and `Hostile` from HostileInputTests.swift.

import Foundation
import Testing

/// Inputs for the production tests, made once per run.
enum Production {
  static let directory: String = {
    let path = NSTemporaryDirectory() + "kwfilter-production-\(getpid())"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  static func file(_ name: String, _ contents: Data) -> String {
    let path = directory + "/" + name
    _ = FileManager.default.createFile(atPath: path, contents: contents)
    return path
  }

  /// `KWFILTER_PIECE_SIZE` for the runs that split files: 64 KiB pieces, so that small test
  /// files are cut in many places (and `-j` splits them at all).
  static let pieceSize = 64 << 10

  /// Runs the binary like `run`, with small pieces.
  static func runSplitting(_ arguments: [String]) throws -> Run {
    let base = directory + "/run-\(UUID().uuidString)"
    _ = FileManager.default.createFile(atPath: base + ".out", contents: nil)
    _ = FileManager.default.createFile(atPath: base + ".err", contents: nil)
    defer {
      for ext in [".out", ".err"] { try? FileManager.default.removeItem(atPath: base + ext) }
    }
    let process = Process()
    process.executableURL = kwfilterURL
    process.arguments = arguments
    var environment = ProcessInfo.processInfo.environment
    environment["KWFILTER_PIECE_SIZE"] = String(pieceSize)
    process.environment = environment
    process.standardInput = FileHandle.nullDevice
    process.standardOutput = FileHandle(forWritingAtPath: base + ".out")
    process.standardError = FileHandle(forWritingAtPath: base + ".err")
    try process.run()
    process.waitUntilExit()
    return Run(
      status: process.terminationStatus,
      stdout: try Data(contentsOf: URL(fileURLWithPath: base + ".out")),
      stderr: try String(contentsOfFile: base + ".err", encoding: .utf8))
  }

  /// Terms, a review-tier term, an allow-list phrase and a regex rule (matched per line).
  static let list = file(
    "list.txt",
    Data(
      "# category: gambling\n赌博\n赌博网站\n!打击赌博\n老虎机\treview\nass\nre:代开.{0,3}发票\n".utf8))

  /// GB18030 bytes: 赌博 B6C4 B2A9, 打击 B4F2 BBF7, 网站 CDF8 D5BE, 老虎机 C0CF BBA2 BBFA.
  static let gbPieces: [[UInt8]] = [
    [0xB6, 0xC4, 0xB2, 0xA9], [0xB4, 0xF2, 0xBB, 0xF7, 0xB6, 0xC4, 0xB2, 0xA9],
    [0xB6, 0xC4, 0xB2, 0xA9, 0xCD, 0xF8, 0xD5, 0xBE], [0xC0, 0xCF, 0xBB, 0xA2, 0xBB, 0xFA],
    [0xB0, 0xA1, 0xB0, 0xA2, 0xD6, 0xD0], Array("class ass ".utf8), [0x81], [0xFE, 0x5C],
  ]

  static let utf8Pieces: [[UInt8]] =
    [
      "赌博", "賭-博", "打击赌博", "赌博网站", "老虎机", "代开x发票", "class ass ", "普通的文字 ",
      "\r", "ordinary text ",
    ].map { Array($0.utf8) } + [[0xFF], [0xE8, 0xB5], [0x00]]

  /// `size` bytes of lines built from `pieces` (seeded), some lines longer than 64 KiB.
  static func text(_ size: Int, pieces: [[UInt8]], seed: UInt64) -> Data {
    let random = [UInt8](Hostile.randomBytes(size / 2 + 64, seed: seed))
    var out: [UInt8] = []
    out.reserveCapacity(size + 100)
    var r = 0
    while out.count < size {
      let byte = Int(random[r % random.count])
      r += 1
      if byte < 12 {
        out.append(0x0A)
      } else if byte == 12 && r % 7 == 0 {
        // A long line: no line feed for ~100 KiB.
        for k in 0..<9000 { out += pieces[k % pieces.count] }
      } else {
        out += pieces[byte % pieces.count]
      }
    }
    return Data(out)
  }

  static let smallFiles: [String] = (0..<7).map { k in
    file("small-\(k).txt", text(k == 3 ? 0 : 2000 * (k + 1), pieces: utf8Pieces, seed: UInt64(k)))
  }
  /// Split into about 16 and 8 pieces of `pieceSize` by `runSplitting`.
  static let bigUTF8 = file("big-utf8.txt", text(Hostile.mib, pieces: utf8Pieces, seed: 42))
  static let bigGB = file("big-gb.txt", text(Hostile.mib / 2, pieces: gbPieces, seed: 43))

  static func sha256(_ path: String) throws -> String {
    let out = directory + "/sha-\(UUID().uuidString)"
    let r = try Hostile.shell("sha256sum '\(path)' > '\(out)'")
    #expect(r.status == 0)
    return String(try String(contentsOfFile: out, encoding: .utf8).prefix(64))
  }

  /// The audit log's lines as objects, without their `time`.
  static func auditLines(_ path: String) throws -> [NSDictionary] {
    let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    return try text.split(separator: "\n").map { line in
      let object = try #require(
        try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
      var rest = object
      #expect((object["time"] as? String)?.hasSuffix("Z") == true)
      rest["time"] = nil
      return rest as NSDictionary
    }
  }
}

@Suite(.serialized) struct ProductionCLITests {
  let base = ["--no-default-lists", "-w", Production.list]

  @Test(arguments: [[], ["--json"], ["-c"], ["--all", "--json"]])
  func severalFilesInParallelEqualSerial(_ mode: [String]) throws {
    // A missing file in the middle: its error is reported in its place, the rest still run.
    var files = Production.smallFiles
    files.insert(Production.directory + "/missing.txt", at: 4)
    let serial = try run(base + mode + ["-j", "1"] + files, input: "")
    #expect(serial.status == 2)
    #expect(serial.stderr.contains("missing.txt"))
    #expect(!serial.stdout.isEmpty)
    for jobs in ["2", "4"] {
      let parallel = try run(base + mode + ["-j", jobs] + files, input: "")
      #expect(parallel.status == serial.status)
      #expect(parallel.stdout == serial.stdout, "-j \(jobs) \(mode)")
      #expect(parallel.stderr == serial.stderr)
    }
  }

  @Test(arguments: [[], ["--json"], ["-c"]])
  func oneLargeFileSplitEqualsSerial(_ mode: [String]) throws {
    let serial = try Production.runSplitting(base + mode + ["-j", "1", Production.bigUTF8])
    #expect(serial.status == 0)
    #expect(serial.stdout.count > (mode == ["-c"] ? 10 : 100_000))
    for jobs in ["2", "3"] {
      let parallel = try Production.runSplitting(base + mode + ["-j", jobs, Production.bigUTF8])
      #expect(parallel.status == 0)
      #expect(parallel.stdout == serial.stdout, "-j \(jobs) \(mode)")
      #expect(parallel.stderr == serial.stderr)
    }
  }

  @Test(arguments: [["--encoding", "gb18030"], ["--encoding", "gb18030", "--json"], ["-c"]])
  func largeGB18030FileSplitEqualsSerial(_ mode: [String]) throws {
    // Without --encoding the file is detected as GB18030 once, from its first 64 KiB.
    let serial = try Production.runSplitting(base + mode + ["-j", "1", Production.bigGB])
    #expect(serial.status == 0)
    let parallel = try Production.runSplitting(base + mode + ["-j", "2", Production.bigGB])
    #expect(parallel.stdout == serial.stdout, "\(mode)")
    if mode == ["--encoding", "gb18030", "--json"] { #expect(serial.text.contains("赌博")) }
  }

  @Test func largeFileWithOtherFilesAndAudit() throws {
    let files = [Production.smallFiles[0], Production.bigUTF8, Production.smallFiles[5]]
    var logs: [[NSDictionary]] = []
    var outputs: [Data] = []
    for jobs in ["1", "2"] {
      let log = Production.directory + "/audit-j\(jobs).log"
      try? FileManager.default.removeItem(atPath: log)
      let r = try Production.runSplitting(base + ["-j", jobs, "--audit-log", log] + files)
      #expect(r.status == 0)
      outputs.append(r.stdout)
      logs.append(try Production.auditLines(log))
    }
    #expect(outputs[0] == outputs[1])
    #expect(logs[0] == logs[1])
    #expect(logs[0].count == 3)
    #expect(logs[0].map { $0["input"] as? String } == files)
    #expect(logs[0][1]["sha256"] as? String == (try Production.sha256(Production.bigUTF8)))
    #expect(logs[0].allSatisfy { $0["action"] as? String == "masked" })
  }

  @Test func auditRecordsOnlyMatchingInputsWithTheirFields() throws {
    let clean = Production.file("clean.txt", Data("nothing to see\n".utf8))
    let dirty = Production.file("dirty.txt", Data("网上賭-博，老虎机\n".utf8))
    let log = Production.directory + "/audit-fields.log"
    try? FileManager.default.removeItem(atPath: log)
    let r = try run(base + ["--json", "--audit-log", log, clean, dirty], input: "")
    #expect(r.status == 0)
    let lines = try Production.auditLines(log)
    #expect(lines.count == 1)
    let line = try #require(lines.first)
    #expect(line["input"] as? String == dirty)
    #expect(line["action"] as? String == "reported")
    #expect(line["categories"] as? [String] == ["gambling"])
    #expect(line["terms"] as? [String] == ["赌博", "老虎机"])
    #expect(line["ranges"] as? [[Int]] == [[6, 13], [16, 25]])
    #expect(line["sha256"] as? String == (try Production.sha256(dirty)))

    // Standard input is "-"; a mail message is "mail-header" with the part of each range.
    let stdin = try run(base + ["--audit-log", log], input: "赌博")
    #expect(stdin.status == 0)
    let mail = try run(
      base + ["--mail", "--audit-log", log], input: "Subject: 赌博\n\nbody 老虎机\n")
    #expect(mail.status == 0)
    let all = try Production.auditLines(log)
    #expect(all.count == 3)
    #expect(all[1]["input"] as? String == "-")
    #expect(all[1]["action"] as? String == "masked")
    #expect(all[2]["action"] as? String == "mail-header")
    #expect(all[2]["parts"] as? [String] == ["header:Subject", "1"])

    let bad = try run(base + ["--audit-log", "/nonexistent/dir/a.log"], input: "赌博")
    #expect(bad.status == 2)
    #expect(bad.stdout.isEmpty)
  }

  @Test func twoProcessesShareOneLog() throws {
    // Each input gives a record of ~30 KB (thousands of ranges): far above PIPE_BUF.
    let inputs = (0..<30).map { k in
      Production.file("shared-\(k).txt", Data(String(repeating: "赌博 \(k) ", count: 1500).utf8))
    }
    let log = Production.directory + "/audit-shared.log"
    try? FileManager.default.removeItem(atPath: log)
    var processes: [Process] = []
    for _ in 0..<2 {
      let process = Process()
      process.executableURL = kwfilterURL
      process.arguments = base + ["-c", "-j", "1", "--audit-log", log] + inputs
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      processes.append(process)
    }
    for process in processes {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    let lines = try Production.auditLines(log)  // each line parses: none was cut or mixed
    #expect(lines.count == 60)
    #expect(lines.allSatisfy { $0["matches"] as? Int == 1500 })
    #expect(Set(lines.compactMap { $0["input"] as? String }) == Set(inputs))
  }

  @Test func recordsMode() throws {
    let input = "k1\t网上賭-博\\t代开x发票\nk2\t老虎机\\\\n\\n第二行\nk3\t普通 text\nno tab: ass\n\t\nk5\t"
    let r = try run(base + ["--records"], input: input)
    #expect(r.status == 0)
    #expect(
      r.text == """
        k1\tblock\tgambling\t网上***\\t*****
        k2\treview\tgambling\t***\\\\n\\n第二行
        k3\tclean\t-\t普通 text
        \tblock\tgambling\tno tab: ***
        \tclean\t-\t
        k5\tclean\t-\t

        """)
    let json = try run(base + ["--records", "--json"], input: input)
    #expect(json.status == 0)
    let objects = try json.text.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(objects.map { $0["key"] as? String } == ["k1", "k1", "k2", ""])
    // Offsets are into the decoded text: 网上 (6 bytes) then 賭-博 (7), a TAB, then 代开x发票.
    #expect(objects[0]["start"] as? Int == 6 && objects[0]["end"] as? Int == 13)
    #expect(objects[1]["start"] as? Int == 14)
    #expect(try run(base + ["--records", "--json"], input: "k\tclean\n").status == 1)
    #expect(try run(base + ["--records", "-c"], input: "").status == 2)
    #expect(try run(base + ["--records", "--mail"], input: "").status == 2)
    #expect(try run(base + ["--records", "--encoding", "gbk"], input: "").status == 2)
  }

  @Test func recordsInParallelKeepInputOrder() throws {
    // ~3 MiB of records: several blocks, handed to threads and written back in order.
    var input = ""
    for k in 0..<40_000 {
      input +=
        "key-\(k)\t" + (k % 3 == 0 ? "赌博 line \(k) 打击赌博\\t老虎机" : "ordinary record \(k) \\\\ ok")
        + "\n"
    }
    let log1 = Production.directory + "/records-j1.log"
    let log2 = Production.directory + "/records-j2.log"
    for log in [log1, log2] { try? FileManager.default.removeItem(atPath: log) }
    let serial = try run(base + ["--records", "-j", "1", "--audit-log", log1], input: input)
    let parallel = try run(base + ["--records", "-j", "2", "--audit-log", log2], input: input)
    #expect(serial.status == 0 && parallel.status == 0)
    #expect(serial.stdout == parallel.stdout)
    let lines = serial.text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 40_001)
    #expect(lines[39_999].hasPrefix("key-39999\t"))
    #expect(lines[3] == "key-3\tblock\tgambling\t** line 3 打击赌博\\t***")
    let audit1 = try Production.auditLines(log1)
    #expect(audit1 == (try Production.auditLines(log2)))
    #expect(audit1.count == 13_334)
    #expect(audit1[1]["key"] as? String == "key-3")
    #expect(audit1[1]["input"] as? String == "-")
  }

  @Test func jobsFlagIsChecked() throws {
    #expect(try run(base + ["-j", "0"], input: "").status == 2)
    #expect(try run(base + ["-j", "2"], input: "赌博").text == "**")  // stdin: serial
    #expect(try run(base + ["-q", "-j", "2"] + Production.smallFiles, input: "").status == 0)
  }
}

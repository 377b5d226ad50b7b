// kwfilter — the command-line tool: `-j N`, several inputs and pieces of large files at once.

import KeywordFilter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Runs the FILE arguments on `jobs` threads and writes everything in input order, byte for
/// byte what `-j 1` writes.
///
/// Each small input is one job. A regular file of at least ``splitThreshold`` bytes is cut into
/// pieces of at most about ``pieceSize`` bytes (a multiple of the thread count of them, so that
/// the threads finish together), each ending just after a line
/// feed, and each piece is scanned as a stream of its own. That gives the same matches as one
/// stream because no match crosses a line feed: line breaks are never noise, allow-list
/// phrases are matched like terms, regex rules match within one line, and the scanner keeps no
/// state across a line feed that could change a later match (a line feed is one byte and one
/// character in UTF-8 and in GB18030, never part of a longer sequence). The file's encoding
/// is decided once, from its first 64 KiB, as for one stream. A piece is fed to its scanner in
/// chunks that end where `-j 1`'s 64 KiB reads end, so even the one chunk-dependent behaviour
/// (regex windows on lines longer than 64 KiB) comes out the same. Offsets in `--json` output
/// (and in regex-limit messages) are shifted back to file offsets; `-c` adds the pieces up.
///
/// At most `2 × jobs` jobs are in flight, so memory stays bounded (about
/// `2 × jobs × 3 × pieceSize` for a large file). `-q` and standard input always run serially.
struct ParallelRun {
  let runner: InputRunner
  let files: [String]
  let jobs: Int
  let audit: AuditLog?

  /// Regular files at least this large are split.
  static let splitThreshold = pieceSize
  /// The target size of a piece: 8 MiB. (`KWFILTER_PIECE_SIZE=BYTES` sets both this and the
  /// threshold, so that tests can split small files.)
  static let pieceSize: Int = {
    guard let text = getenv("KWFILTER_PIECE_SIZE"), let n = Int(String(cString: text)), n > 0
    else { return 8 << 20 }
    return n
  }()

  /// One unit of work.
  enum Job: Sendable {
    /// A whole input, streamed.
    case whole(path: String)
    /// `range` of a file (to its end when `last`), in an encoding decided for the whole file.
    case piece(path: String, range: Range<Int>, last: Bool, encoding: InputEncoding)
  }

  /// A job's output and what it found.
  struct JobResult: Sendable {
    var output: [UInt8] = []
    var outcome = InputOutcome()
    /// A piece's input bytes, kept when auditing, for the file's digest.
    var bytes: [UInt8] = []
    var error: String?
  }

  /// Whether any FILE is large enough to be split (with one FILE, `-j` helps only then).
  static func wouldSplit(_ files: [String], mode: OutputMode, mail: Bool) -> Bool {
    guard mode != .quiet, !mail else { return false }
    return files.contains { (InputFile(path: $0).regularFileSize() ?? 0) >= splitThreshold }
  }

  /// Where a job sits in its input.
  struct Place {
    let path: String
    let isPiece: Bool
    let first: Bool
    let last: Bool
  }

  /// Runs every input; returns whether anything matched and whether anything failed.
  func run(out: inout OutputWriter) -> (anyMatch: Bool, failed: Bool) {
    let pool = WorkerPool(threads: jobs)
    defer { pool.shutdown() }
    var ordered = OrderedJobs<Place, JobResult>(pool: pool, window: 2 * jobs)
    var assembler = Assembler(run: self)
    let runner = self.runner
    for path in files {
      let plan = self.plan(path)
      for (k, job) in plan.enumerated() {
        let place = Place(
          path: path, isPiece: plan.count > 1, first: k == 0, last: k == plan.count - 1)
        ordered.submit({ Self.execute(job, runner: runner) }, context: place) {
          assembler.take($0, $1, out: &out)
        }
      }
    }
    ordered.drain { assembler.take($0, $1, out: &out) }
    out.flush()
    return (assembler.anyMatch, assembler.failed)
  }

  /// Puts the results back together in input order: writes each job's output and notes, adds up
  /// a split file's count and audit record, writes audit records.
  struct Assembler {
    let run: ParallelRun
    private(set) var anyMatch = false
    private(set) var failed = false
    /// The input being put together (a split file's pieces arrive one after another).
    private var count = 0
    private var inputFailed = false
    private var record: AuditRecord?
    private var digest = AuditDigest()

    init(run: ParallelRun) { self.run = run }

    mutating func take(_ place: Place, _ result: JobResult, out: inout OutputWriter) {
      if place.first {
        count = 0
        inputFailed = false
        record = nil
        digest = AuditDigest()
      }
      if inputFailed { return }
      out.write(result.output)
      if !result.outcome.notes.isEmpty || result.error != nil { out.flush() }
      for note in result.outcome.notes { printError(note) }
      if let error = result.error {
        printError(error)
        inputFailed = true
        failed = true
        return
      }
      count += result.outcome.count
      if run.runner.auditing {
        if place.isPiece { digest.update(result.bytes) }
        if let part = result.outcome.audit {
          if record == nil { record = part } else { record!.merge(part) }
        }
      }
      guard place.last else { return }
      if place.isPiece && run.runner.mode == .count { out.write("\(place.path):\(count)\n") }
      if count > 0 {
        anyMatch = true
        if var r = record {
          if place.isPiece { r.sha256 = digest.hexDigest() }
          out.flush()
          if !run.appendAudit(r) { failed = true }
        }
      }
    }
  }

  /// Appends an audit record; on failure reports it and returns false.
  func appendAudit(_ record: AuditRecord) -> Bool {
    guard let audit else { return true }
    do {
      try audit.append(record)
      return true
    } catch {
      printError(error.description)
      return false
    }
  }

  /// Runs one job on a worker thread.
  static func execute(_ job: Job, runner: InputRunner) -> JobResult {
    var out = OutputWriter.memory()
    var result = JobResult()
    do {
      switch job {
      case .whole(let path):
        var notes: [String] = []
        result.outcome = try runner.runWhole(
          InputFile(path: path), name: path, out: &out, note: { notes.append($0) })
        result.outcome.notes = notes
      case .piece(let path, let range, let last, let encoding):
        (result.outcome, result.bytes) = try runner.runPiece(
          InputFile(path: path), range: range, last: last, encoding: encoding, name: path,
          out: &out)
      }
    } catch {
      result.error = error.description
    }
    result.output = out.take()
    return result
  }

  /// The jobs for one input: one, or the pieces of a large regular file.
  func plan(_ path: String) -> [Job] {
    let input = InputFile(path: path)
    guard runner.mode != .quiet, !runner.mail, jobs > 1,
      let size = input.regularFileSize(), size >= ParallelRun.splitThreshold
    else { return [.whole(path: path)] }
    let encoding: InputEncoding
    if let chosen = runner.encoding {
      encoding = chosen
    } else {
      guard let prefix = try? input.read(0..<InputEncoding.detectionWindow) else {
        return [.whole(path: path)]
      }
      encoding = prefix.withUnsafeBytes { InputEncoding.detect(prefix: $0) }
    }
    // A multiple of the thread count, so that the threads end together (27 pieces on two
    // threads left one thread a whole piece to scan alone).
    let wanted = max(jobs, (size + ParallelRun.pieceSize - 1) / ParallelRun.pieceSize)
    let count = (wanted + jobs - 1) / jobs * jobs
    var cuts = [0]
    for k in 1..<count {
      let target = size / count * k
      if target <= cuts.last! { continue }
      guard let cut = lineStart(in: input, atOrAfter: target, size: size), cut < size else { break }
      if cut > cuts.last! { cuts.append(cut) }
    }
    var jobs: [Job] = []
    for (k, start) in cuts.enumerated() {
      let last = k == cuts.count - 1
      let end = last ? size : cuts[k + 1]
      jobs.append(.piece(path: path, range: start..<end, last: last, encoding: encoding))
    }
    return jobs
  }

  /// The offset just after the first line feed at or after `offset`, or nil if there is none
  /// before `size`.
  private func lineStart(in input: InputFile, atOrAfter offset: Int, size: Int) -> Int? {
    var position = offset
    while position < size {
      guard let block = try? input.read(position..<min(size, position + 1 << 16)), !block.isEmpty
      else { return nil }
      if let lf = block.firstIndex(of: 0x0A) { return position + lf + 1 }
      position += block.count
    }
    return nil
  }
}

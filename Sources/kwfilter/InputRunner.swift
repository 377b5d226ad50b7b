// kwfilter — the command-line tool: one input (or one piece of one) run through a stage.

import KeywordFilter

/// What one input (or piece) produced besides its output bytes.
struct InputOutcome: Sendable {
  /// Matches found.
  var count = 0
  /// When auditing: the matches (ranges in whole-input offsets) and, for a whole input, its
  /// SHA-256. Nil when not auditing.
  var audit: AuditRecord?
  /// Diagnostics and problems to print on standard error, in order (parallel jobs only; a
  /// serial run prints them as they come).
  var notes: [String] = []
}

/// Runs inputs through the filter the way the flags say. Shared read-only by parallel jobs.
struct InputRunner: Sendable {
  let filter: Filter
  let mode: OutputMode
  let mask: String
  /// The `--encoding`, or nil for `auto`.
  let encoding: InputEncoding?
  let mail: Bool
  /// Whether to collect audit records (digest and matches).
  let auditing: Bool

  /// The audit action for the mode.
  var action: AuditRecord.Action {
    if mail && mode == .mask { return .mailHeader }
    return mode == .mask ? .masked : .reported
  }

  /// Streams one whole input (a file, or standard input when `input.path` is nil), writing its
  /// output to `out`. `name` is the file name shown in output (`"file"`, `FILE:N`). Problems
  /// met on the way (regex limits, malformed mail) go to `note` as they come.
  func runWhole(
    _ input: InputFile, name: String?, out: inout OutputWriter, note: (String) -> Void
  ) throws(InputError) -> InputOutcome {
    if mail { return try runMail(input, name: name, out: &out, note: note) }
    var stage = Stage(filter: filter, mode: mode, mask: mask, name: name)
    var outcome = InputOutcome()
    if auditing {
      stage.audit = AuditRecord(input: input.path ?? "-", sha256: "", action: action)
    }
    var digest = auditing ? AuditDigest() : nil
    var prefix: [UInt8] = []
    var encoding = self.encoding
    try input.forEachChunk { chunk in
      digest?.update(chunk)
      if stage.stop { return true }  // -q matched; auditing: read on for the digest only
      if encoding == nil {
        // `auto`: decide once, from the first 64 KiB, and keep the decision for the stream.
        prefix.append(contentsOf: chunk)
        if prefix.count < InputEncoding.detectionWindow { return true }
        encoding = prefix.withUnsafeBytes { InputEncoding.detect(prefix: $0) }
        stage.start(encoding: encoding!)
        prefix.withUnsafeBytes { stage.feed($0, out: &out) }
        prefix = []
      } else {
        if !stage.started { stage.start(encoding: encoding!) }
        stage.feed(chunk, out: &out)
      }
      for d in stage.diagnostics { note(d) }
      stage.diagnostics.removeAll()
      return !stage.stop || digest != nil
    }
    if !stage.started {
      let decided = encoding ?? prefix.withUnsafeBytes { InputEncoding.detect(prefix: $0) }
      stage.start(encoding: decided)
      prefix.withUnsafeBytes { stage.feed($0, out: &out) }
    }
    if !stage.stop { stage.finish(out: &out) }
    for d in stage.diagnostics { note(d) }
    outcome.count = stage.count
    if var record = stage.audit, let digest {
      record.sha256 = digest.hexDigest()
      outcome.audit = record
    }
    return outcome
  }

  /// One piece of a regular file: `range` (to the end of the file when `last`), scanned as a
  /// stream of its own in `encoding`, every offset shifted by `range.lowerBound`. The caller
  /// writes the count line and assembles the audit record; `bytes` are returned for its digest.
  func runPiece(
    _ input: InputFile, range: Range<Int>, last: Bool, encoding: InputEncoding, name: String?,
    out: inout OutputWriter
  ) throws(InputError) -> (InputOutcome, bytes: [UInt8]) {
    var stage = Stage(filter: filter, mode: mode, mask: mask, name: name)
    stage.base = range.lowerBound
    stage.writesCount = false
    if auditing { stage.audit = AuditRecord(input: input.path ?? "-", sha256: "", action: action) }
    stage.start(encoding: encoding)
    // Chunks end where `-j 1`'s reads end (multiples of 64 KiB in the file), so the scanner
    // sees the same chunk boundaries. (Matches do not depend on them, with one exception: a
    // regex rule on a line longer than 64 KiB is matched in windows that do.) They are read
    // into one small buffer; the piece is kept whole only for an audit record's digest.
    var bytes: [UInt8] = []
    try input.forEachChunk(of: range, toEnd: last) { chunk in
      if auditing { bytes.append(contentsOf: chunk) }
      stage.feed(chunk, out: &out)
    }
    stage.finish(out: &out)
    let outcome = InputOutcome(count: stage.count, audit: stage.audit, notes: stage.diagnostics)
    return (outcome, auditing ? bytes : [])
  }

  /// `--mail`: one message, read whole.
  func runMail(
    _ input: InputFile, name: String?, out: inout OutputWriter, note: (String) -> Void
  ) throws(InputError) -> InputOutcome {
    let message = try input.readAll()
    var outcome = InputOutcome()
    var record =
      auditing
      ? AuditRecord(input: input.path ?? "-", sha256: AuditDigest.hex(of: message), action: action)
      : nil
    outcome.count = MailMode(filter: filter, mode: mode).process(
      message, name: name, out: &out, audit: &record, note: note)
    outcome.audit = record
    return outcome
  }
}

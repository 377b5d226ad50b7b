// kwfilter — the command-line tool: flags → Filter → stream → stdout.

import ArgumentParser
import KeywordFilter

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `kwfilter`: masks, reports or counts word-list matches in text read from stdin or files.
@main
struct KWFilter: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kwfilter",
    abstract: "Find and mask harmful keywords in text (UTF-8), despite common evasions.",
    discussion: """
      Reads FILEs (or stdin), matches the word lists (the shipped default lists unless
      --no-default-lists), and writes the input with each matched character masked. With
      --json, -c or -q it reports instead. Exit status: mask mode 0; report modes 0 if
      anything matched and 1 if nothing did; 2 on any error.
      """,
    version: "0.1.0")

  @OptionGroup var lists: ListOptions
  @OptionGroup var matching: MatchOptions
  @OptionGroup var output: OutputOptions

  @Argument(help: "Input files (default: standard input).")
  var files: [String] = []

  mutating func run() throws {
    let filter = try lists.buildFilter(configuration: matching.configuration)
    var out = OutputWriter(fd: STDOUT_FILENO)
    let mode = try output.mode()
    var anyMatch = false
    var failed = false
    let inputs: [String?] = files.isEmpty ? [nil] : files.map { $0 }
    for name in inputs {
      do {
        if output.mail {
          let message = try InputFile(path: name).readAll()
          let matched = MailMode(filter: filter, mode: mode).process(
            message, name: files.isEmpty ? nil : name, out: &out)
          anyMatch = anyMatch || matched
          if matched, mode == .quiet { break }
          continue
        }
        let matched = try process(
          InputFile(path: name), name: files.isEmpty ? nil : name, filter: filter, mode: mode,
          out: &out)
        anyMatch = anyMatch || matched
        if matched, mode == .quiet { break }
      } catch {
        out.flush()
        printError(error.description)
        failed = true
      }
    }
    out.flush()
    if failed { throw ExitCode(2) }
    if mode != .mask && !anyMatch { throw ExitCode(1) }
  }

  /// Streams one input through the filter; returns whether anything matched.
  func process(
    _ input: InputFile, name: String?, filter: Filter, mode: OutputMode, out: inout OutputWriter
  ) throws(InputError) -> Bool {
    var stage = Stage(filter: filter, mode: mode, mask: output.maskChar, name: name)
    var prefix: [UInt8] = []
    var encoding = matching.encoding
    try input.forEachChunk { chunk in
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
      return !stage.stop
    }
    if !stage.started {
      let decided = encoding ?? prefix.withUnsafeBytes { InputEncoding.detect(prefix: $0) }
      stage.start(encoding: decided)
      prefix.withUnsafeBytes { stage.feed($0, out: &out) }
    }
    if !stage.stop { stage.finish(out: &out) }
    return stage.count > 0
  }

  /// Parses arguments and runs, turning every error into exit status 2 (grep's convention);
  /// `--help`, `--version` and our own "nothing matched" (1) pass through.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    do {
      var command = try parseAsRoot()
      try command.run()
      Glibc.exit(0)
    } catch let code as ExitCode {
      Glibc.exit(code.rawValue)
    } catch {
      let status = exitCode(for: error)
      if status == .success {
        print(fullMessage(for: error))
        Glibc.exit(0)
      }
      printError(fullMessage(for: error))
      Glibc.exit(2)
    }
  }
}

/// Writes one line to standard error, prefixed with the program name.
func printError(_ message: String) {
  var text = message.hasPrefix("Error:") ? String(message.dropFirst(7)) : message
  text = "kwfilter: " + text + (text.hasSuffix("\n") ? "" : "\n")
  var bytes = Array(text.utf8)
  bytes.withUnsafeMutableBytes { _ = Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
}

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
      --json, -c or -q it reports instead. `kwfilter compile [--wordlist FILE]...
      [--no-default-lists] -o RULES.kwf` writes a compiled rule file for --rules. FILEs (and pieces of large FILEs) run on all cores
      (-j), output in input order. Exit status: mask mode 0; report modes 0 if anything
      matched and 1 if nothing did; 2 on any error.
      """,
    version: "0.1.0")

  @OptionGroup var lists: ListOptions
  @OptionGroup var matching: MatchOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var production: ProductionOptions

  @Argument(help: "Input files (default: standard input).")
  var files: [String] = []

  mutating func run() throws {
    let mode = try output.mode()
    try production.checkRecords(output: output, matching: matching)
    let filter = try lists.buildFilter(configuration: matching.configuration)
    var audit: AuditLog? = nil
    if let path = production.auditLog {
      do { audit = try AuditLog(path: path) } catch { throw CLIError(error.description) }
    }
    var out = OutputWriter(fd: STDOUT_FILENO)
    let jobs = production.threadCount
    let result: (anyMatch: Bool, failed: Bool)
    if production.records {
      let records = RecordMode(
        filter: filter, json: mode == .json, mask: Array(output.maskChar.utf8),
        auditing: audit != nil)
      result = records.run(files: files, jobs: jobs, audit: audit, out: &out)
    } else {
      let runner = InputRunner(
        filter: filter, mode: mode, mask: output.maskChar, encoding: matching.encoding,
        mail: output.mail, auditing: audit != nil)
      let parallel =
        jobs > 1 && mode != .quiet
        && (files.count > 1 || ParallelRun.wouldSplit(files, mode: mode, mail: output.mail))
      if parallel {
        result = ParallelRun(runner: runner, files: files, jobs: jobs, audit: audit).run(out: &out)
      } else {
        result = runSerially(runner, audit: audit, out: &out)
      }
    }
    out.flush()
    let status: Int32 = result.failed ? 2 : mode != .mask && !result.anyMatch ? 1 : 0
    // Exit with the filter still held: everything is written (audit records go out one write
    // each), and freeing megabytes of tables page by page would only cost time.
    withExtendedLifetime(filter) { Glibc.exit(status) }
  }

  /// One input after another, each streamed straight to standard output (always so for
  /// standard input and `-q`, which stops at the first match).
  func runSerially(_ runner: InputRunner, audit: AuditLog?, out: inout OutputWriter) -> (
    anyMatch: Bool, failed: Bool
  ) {
    var anyMatch = false
    var failed = false
    let inputs: [String?] = files.isEmpty ? [nil] : files.map { $0 }
    for name in inputs {
      do {
        let outcome = try runner.runWhole(
          InputFile(path: name), name: files.isEmpty ? nil : name, out: &out,
          note: { printError($0) })
        if outcome.count > 0 {
          anyMatch = true
          if let record = outcome.audit, let audit {
            do {
              try audit.append(record)
            } catch {
              out.flush()
              printError(error.description)
              failed = true
            }
          }
          if runner.mode == .quiet { break }
        }
      } catch {
        out.flush()
        printError(error.description)
        failed = true
      }
    }
    return (anyMatch, failed)
  }

  /// Parses arguments and runs, turning every error into exit status 2 (grep's convention);
  /// `--help`, `--version` and our own "nothing matched" (1) pass through.
  static func main() {
    signal(SIGPIPE, SIG_IGN)
    // `kwfilter compile …` is a subcommand; it is dispatched by hand because the main command
    // takes FILE arguments, which ArgumentParser would not tell apart from a subcommand name.
    let arguments = Array(CommandLine.arguments.dropFirst())
    if arguments.first == "compile" {
      do {
        var command = try CompileCommand.parseAsRoot(Array(arguments.dropFirst()))
        try command.run()
        Glibc.exit(0)
      } catch let code as ExitCode {
        Glibc.exit(code.rawValue)
      } catch {
        if CompileCommand.exitCode(for: error) == .success {
          print(CompileCommand.fullMessage(for: error))
          Glibc.exit(0)
        }
        printError(CompileCommand.fullMessage(for: error))
        Glibc.exit(2)
      }
    }
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

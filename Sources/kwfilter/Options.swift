// kwfilter — the command-line tool: option groups and what they build.

import ArgumentParser
import KeywordFilter

/// Which word lists to load.
struct ListOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("wordlist")],
    help: ArgumentHelp("Add a word list (repeatable).", valueName: "FILE"))
  var wordlists: [String] = []

  @Flag(help: "Do not load the shipped default lists.")
  var noDefaultLists = false

  @Flag(help: "Print statistics about the compiled filter on standard error.")
  var stats = false

  @Option(
    help: ArgumentHelp(
      "Use a compiled rule file (from `kwfilter compile`) instead of word lists.",
      valueName: "RULES.kwf"))
  var rules: String? = nil

  /// Loads the lists and compiles the filter; errors become `ValidationError`-style messages.
  func buildFilter(configuration: Filter.Configuration) throws -> Filter {
    if let rules {
      if !wordlists.isEmpty || noDefaultLists {
        throw CLIError("--rules replaces the word lists: drop --wordlist/--no-default-lists")
      }
      let clock = ContinuousClock()
      let started = clock.now
      let filter = try Filter(compiledRulesAt: rules)
      if stats { printError("\(filter.statistics), loaded in \(clock.now - started)") }
      return filter
    }
    var list = Wordlist()
    if !noDefaultLists {
      guard let directory = DefaultWordlists.locate() else {
        throw CLIError(
          "cannot find the default word lists (set KWFILTER_WORDLISTS or use --no-default-lists)")
      }
      list.append(contentsOf: try DefaultWordlists.load(from: directory))
    }
    for path in wordlists {
      list.append(contentsOf: try Wordlist(contentsOfFile: path))
    }
    if list.entries.isEmpty && wordlists.isEmpty && noDefaultLists {
      throw CLIError("no word lists: give --wordlist FILE")
    }
    let clock = ContinuousClock()
    let started = clock.now
    let filter = try Filter(wordlist: list, configuration: configuration)
    if stats {
      printError("\(filter.statistics), built in \(clock.now - started)")
    }
    return filter
  }
}

/// How to match.
struct MatchOptions: ParsableArguments {
  @Flag(help: "No normalization: match terms exactly as written.")
  var exact = false

  @Flag(help: "Report every occurrence of every term, overlapping ones too.")
  var all = false

  @Option(help: "Most noise characters allowed in a row inside a term.")
  var maxNoise: Int = 3

  @Option(
    name: .customLong("encoding"),
    help: ArgumentHelp(
      "Input encoding: auto, utf-8, gb18030 (gbk and gb2312 are accepted as gb18030).",
      valueName: "NAME"))
  var encodingName: String = "auto"

  @Option(
    help: ArgumentHelp(
      "Term variants for every list: comma-separated pinyin, initials, homophones, split, digits, lookalikes, all, none (default: digits). homophones and lookalikes match in a second, class-fold pass and report review.",
      valueName: "LIST"))
  var variants: String = "digits"

  @Option(
    help: ArgumentHelp(
      "Chinese matches that cut through a common word (口交 in 路口交通): off, review (report them with tier review), drop.",
      valueName: "MODE"))
  var boundaryControl: String = "review"

  /// The chosen encoding, or nil for `auto`.
  var encoding: InputEncoding? { InputEncoding(name: encodingName) }

  func validate() throws {
    if maxNoise < 0 || maxNoise > 1000 { throw ValidationError("--max-noise must be 0…1000") }
    if VariantOptions(names: variants) == nil {
      throw ValidationError("unknown --variants '\(variants)'")
    }
    if BoundaryControl(rawValue: boundaryControl) == nil {
      throw ValidationError("unknown --boundary-control '\(boundaryControl)' (off, review, drop)")
    }
    if encodingName.lowercased() != "auto" && InputEncoding(name: encodingName) == nil {
      throw ValidationError("unknown --encoding '\(encodingName)' (auto, utf-8, gb18030, gbk, gb2312)")
    }
  }

  var configuration: Filter.Configuration {
    var normalization = exact ? Normalization.exact : Normalization.standard
    if !exact { normalization.maxNoise = maxNoise }
    return Filter.Configuration(
      normalization: normalization, semantics: all ? .all : .leftmostLongest,
      variants: VariantOptions(names: variants) ?? [.digitStyles],
      boundaryControl: BoundaryControl(rawValue: boundaryControl) ?? .review)
  }
}

/// What to write.
enum OutputMode { case mask, json, count, quiet }

/// Output flags.
struct OutputOptions: ParsableArguments {
  @Flag(help: "Report matches as JSON lines instead of masking.")
  var json = false

  @Flag(name: [.short, .long], help: "Print the number of matches.")
  var count = false

  @Flag(name: [.short, .long], help: "Print nothing; exit 0 if anything matched, 1 if not.")
  var quiet = false

  @Option(help: "The mask written for each matched character.")
  var maskChar: String = "*"

  @Flag(
    help: """
      Read each input as one e-mail message (RFC 5322/MIME): scan its decoded headers and text \
      parts; default output is the message unchanged plus X-Kwfilter-Status/-Categories headers.
      """)
  var mail = false

  func mode() throws -> OutputMode {
    let chosen = [json, count, quiet].filter { $0 }.count
    if chosen > 1 { throw CLIError("--json, --count and --quiet exclude each other") }
    if json { return .json }
    if count { return .count }
    if quiet { return .quiet }
    return .mask
  }

  func validate() throws {
    if maskChar.isEmpty { throw ValidationError("--mask-char must not be empty") }
  }
}

/// An error with a plain message (exit status 2).
struct CLIError: Error, CustomStringConvertible {
  let description: String
  init(_ message: String) { description = message }
}

/// Production flags: threads, audit log, record mode.
struct ProductionOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("jobs")],
    help: ArgumentHelp(
      "Threads: several FILEs, or pieces of a large FILE, at once; output stays in input order (default: all cores).",
      valueName: "N"))
  var jobs: Int?

  @Option(
    help: ArgumentHelp(
      "Append one JSON line per input that matched (time, name, SHA-256, categories, terms, ranges, action).",
      valueName: "FILE"))
  var auditLog: String?

  @Flag(
    help: """
      Record mode (Hadoop Streaming, Spark pipe): read KEY<TAB>TEXT lines, write \
      KEY<TAB>STATUS<TAB>CATEGORIES<TAB>MASKED_TEXT (or --json objects with "key").
      """)
  var records = false

  /// The thread count: `-j`, or every core online.
  var threadCount: Int { jobs ?? Filter.processorCount }

  func validate() throws {
    if let jobs, jobs < 1 || jobs > 1024 { throw ValidationError("-j must be 1…1024") }
    if let auditLog, auditLog.isEmpty { throw ValidationError("--audit-log needs a file name") }
  }

  /// Flags that record mode cannot take.
  func checkRecords(output: OutputOptions, matching: MatchOptions) throws {
    guard records else { return }
    if output.mail { throw CLIError("--records and --mail exclude each other") }
    if output.count || output.quiet { throw CLIError("--records writes one line per record: use it alone or with --json") }
    if let encoding = matching.encoding, encoding != .utf8 {
      throw CLIError("--records reads UTF-8 only (a GB18030 character can contain a backslash byte)")
    }
  }
}

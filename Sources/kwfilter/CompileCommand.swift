// kwfilter — the command-line tool: `kwfilter compile`, word lists → one compiled rule file.

import ArgumentParser
import KeywordFilter

/// `kwfilter compile [--wordlist FILE]... [--no-default-lists] -o RULES.kwf`: builds the filter
/// once and writes it (lists, normalization choices, automaton, allow-lists, regex sources) to a
/// file that `kwfilter --rules` and the library map at start-up without rebuilding.
struct CompileCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compile",
    abstract: "Compile word lists into a rule file for --rules.")

  @OptionGroup var lists: ListOptions
  @OptionGroup var matching: MatchOptions

  @Option(name: .short, help: ArgumentHelp("The rule file to write.", valueName: "RULES.kwf"))
  var output: String

  mutating func run() throws {
    if lists.rules != nil { throw CLIError("compile reads word lists, not --rules") }
    let filter = try lists.buildFilter(configuration: matching.configuration)
    try filter.writeCompiledRules(to: output)
  }
}

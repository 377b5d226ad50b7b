// kwfilter fuzzing — (a) the word-list parser: any bytes → Wordlist(parsing:) → Filter.
//
// Errors (invalid UTF-8, empty terms, unknown tiers, bad regexes, noise-only terms) are
// expected; a crash, a hang or a broken invariant is a bug. A list that compiles is then run
// over its own bytes with every streaming invariant checked.

import CLibFuzzer
import FuzzSupport
import KeywordFilter

#if canImport(Glibc)
  import Glibc
#endif

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWordlist(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = FuzzInput(data, size)
  let list: Wordlist
  do {
    list = try Wordlist(parsing: input.bytes, name: "fuzz.txt")
  } catch {
    check(error.file == "fuzz.txt" && error.line >= 1, "error without a place: \(error)")
    return 0
  }
  let lineCount = input.bytes.count { $0 == UInt8(ascii: "\n") } + 1
  for entry in list.entries {
    check(!entry.text.isEmpty, "empty entry from \(entry.source)")
    check(entry.text.first.map { !$0.isWhitespace } ?? false, "untrimmed entry '\(entry.text)'")
    check(entry.text.last.map { !$0.isWhitespace } ?? false, "untrimmed entry '\(entry.text)'")
    let line = Int(entry.source.dropFirst("fuzz.txt:".count)) ?? 0
    check(entry.source.hasPrefix("fuzz.txt:") && (1...lineCount).contains(line),
      "entry source '\(entry.source)' names no line of \(lineCount)")
  }
  guard let filter = try? Filter(wordlist: list) else { return 0 }
  checkStreaming(filter: filter, text: input.bytes, chunkSizes: [1 + size % 7, 64])
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzWordlist))

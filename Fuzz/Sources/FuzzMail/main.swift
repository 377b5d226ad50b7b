// kwfilter fuzzing — (d) the mail parser: any bytes → MailParser.parse and MailHeaders.adding.
//
// MailParser promises never to trap, whatever the bytes. On top of that this target checks:
// every part's text is valid UTF-8 (the scanner and masker assume decoded text), names and
// content types are the documented ones, and MailHeaders.adding leaves a message without
// X-Kwfilter fields unchanged when adding nothing, and is idempotent (filtering a message twice
// does not stack headers). Each part is also scanned with a small list, checking well-formed
// matches.

import CLibFuzzer
import FuzzSupport
import KeywordFilter
import MailParsing

#if canImport(Glibc)
  import Glibc
#endif

nonisolated(unsafe) let mailFilter: Filter? = {
  try? Filter(
    wordlist: Wordlist(parsing: "赌博\n赌博网站\n!打击赌博\nass\nre:代开.{0,3}发票\n", name: "mail.txt"))
}()

/// KNOWN BUG (found by this target; reproduction in SECURITY.md "Known issues"): a message whose
/// first line is not a header field gets the headers at its start; the next time, that first
/// line reads as an unindented continuation of our last header and is removed with it. Until it
/// is fixed, idempotence is checked only for messages that start with a field; set this to
/// false to hunt the bug again.
let tolerateKnownHeaderBug = false

/// Whether the message's first line is `name:` (visible ASCII other than `:`, then optional
/// blanks, then `:`), as HeaderBlock reads a field.
func startsWithField(_ message: [UInt8]) -> Bool {
  var i = 0
  while i < message.count, message[i] > 0x20, message[i] < 0x7F, message[i] != UInt8(ascii: ":") {
    i += 1
  }
  if i == 0 { return false }
  while i < message.count, message[i] == 0x20 || message[i] == 0x09 { i += 1 }
  return i < message.count && message[i] == UInt8(ascii: ":")
}

/// The message's lines (without CR/LF) other than X-Kwfilter fields.
func withoutOurFields(_ message: [UInt8]) -> [ArraySlice<UInt8>] {
  message.split(separator: 0x0A, omittingEmptySubsequences: false)
    .map { $0.last == 0x0D ? $0.dropLast() : $0 }
    .filter { !isOurs($0) }
}

/// How many lines are X-Kwfilter fields.
func ourFieldCount(_ message: [UInt8]) -> Int {
  message.split(separator: 0x0A, omittingEmptySubsequences: false).count { isOurs($0) }
}

func isOurs(_ line: ArraySlice<UInt8>) -> Bool {
  let prefix = Array("x-kwfilter-".utf8)
  return line.count >= prefix.count
    && zip(line.prefix(prefix.count), prefix).allSatisfy { a, b in
      (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == b
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMail(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let message = FuzzInput(data, size).bytes
  let mail = MailParser.parse(message)
  for part in mail.parts {
    check(String(validating: part.text, as: UTF8.self) != nil,
      "part \(part.name) is not valid UTF-8")
    check(!part.name.isEmpty, "a part without a name")
    check(["header", "text/plain", "text/html"].contains(part.contentType),
      "part \(part.name) has content type '\(part.contentType)'")
    if let filter = mailFilter {
      let matches = part.text.withUnsafeBytes { filter.matches(in: $0) }
      checkMatches(matches, in: part.text, filter: filter, label: "part \(part.name)")
    }
  }
  let lowered = message.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
  let hasOurs = lowered.indices.contains { i in
    lowered[i...].starts(with: Array("x-kwfilter".utf8))
  }
  if !hasOurs {
    check(MailHeaders.adding([], to: message) == message, "adding no headers changed the message")
  }
  let headers = [("X-Kwfilter-Status", "Yes, matches=1"), ("X-Kwfilter-Categories", "gambling")]
  let once = MailHeaders.adding(headers, to: message)
  if tolerateKnownHeaderBug && !startsWithField(message) { return 0 }
  // Compared without our own fields: a second pass may spell their line endings differently
  // (it takes them from the first line, which may have been an X-Kwfilter field), which is
  // cosmetic; a lost or duplicated line of the message, or stacked headers, is not.
  let twice = MailHeaders.adding(headers, to: once)
  check(withoutOurFields(twice) == withoutOurFields(once) && ourFieldCount(twice) == ourFieldCount(once),
    "adding the headers twice is not the same as once (a line lost or headers stacked)")
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzMail))

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
  check(MailHeaders.adding(headers, to: once) == once, "adding the headers twice stacked them")
  return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzMail))

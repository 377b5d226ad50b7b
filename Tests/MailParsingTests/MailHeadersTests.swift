// kwfilter — MailParsing tests: adding X-Kwfilter headers without touching other bytes.

import MailParsing
import Testing

private let status = [("X-Kwfilter-Status", "Yes, matches=3")]

private func sampleMessage(crlf: Bool) -> [UInt8] {
  message(
    [
      "Received: from a\n\tby b; Fri, 12 Aug 2005 09:38:40 +0800\n",
      "Subject: =?gb2312?B?\(base64(gb18030("中文")))?=\n",
      "Content-Type: text/plain; charset=gb2312\n",
      "\n",
      .raw(gb18030("正文第一行\n\n正文: 不是头部\n")),
    ], crlf: crlf)
}

@Test(arguments: [false, true])
func addsAtTheEndOfTheHeaderWithTheMessagesLineEnding(_ crlf: Bool) throws {
  let original = sampleMessage(crlf: crlf)
  let eol = crlf ? "\r\n" : "\n"
  let separator = try #require(firstRange(of: bytes(eol + eol), in: original))
  let insertAt = separator.lowerBound + eol.utf8.count
  let out = MailHeaders.adding(status + [("X-Kwfilter-Categories", "gambling")], to: original)
  let expected =
    Array(original[..<insertAt])
    + bytes("X-Kwfilter-Status: Yes, matches=3\(eol)X-Kwfilter-Categories: gambling\(eol)")
    + Array(original[insertAt...])
  #expect(out == expected)
  // The parts of the result are those of the original.
  #expect(MailParser.parse(out).parts == MailParser.parse(original).parts)
}

@Test(arguments: [false, true])
func replacesExistingKwfilterHeaders(_ crlf: Bool) {
  let original = message(
    [
      "Subject: s\n",
      "X-Kwfilter-Status: No, matches=0\n",
      "X-Spam-Status: No\n",
      "x-kwfilter-categories: gambling,\n\tfraud\n",
      "Date: Fri, 12 Aug 2005 09:38:40 +0800\n",
      "\n",
      "X-Kwfilter-Status: this is body text and stays\n",
    ], crlf: crlf)
  let out = MailHeaders.adding(status, to: original)
  let expected = message(
    [
      "Subject: s\n",
      "X-Spam-Status: No\n",
      "Date: Fri, 12 Aug 2005 09:38:40 +0800\n",
      "X-Kwfilter-Status: Yes, matches=3\n",
      "\n",
      "X-Kwfilter-Status: this is body text and stays\n",
    ], crlf: crlf)
  #expect(out == expected)
  // Filtering again does not stack headers.
  #expect(MailHeaders.adding(status, to: out) == out)
}

@Test func sameNameOutsideOurNamespaceIsKept() {
  let original = bytes("X-Spam-Flag: NO\nSubject: s\n\nbody\n")
  let out = MailHeaders.adding([("X-Spam-Flag", "YES")], to: original)
  #expect(out == bytes("X-Spam-Flag: NO\nSubject: s\nX-Spam-Flag: YES\n\nbody\n"))
}

@Test func unusualShapes() {
  // All header, no final line ending.
  #expect(
    MailHeaders.adding(status, to: bytes("Subject: s"))
      == bytes("Subject: s\nX-Kwfilter-Status: Yes, matches=3\n"))
  #expect(
    MailHeaders.adding(status, to: bytes("Subject: s\r\nTo: t"))
      == bytes("Subject: s\r\nTo: t\r\nX-Kwfilter-Status: Yes, matches=3\r\n"))
  // Empty message; message that starts with the blank line.
  #expect(MailHeaders.adding(status, to: []) == bytes("X-Kwfilter-Status: Yes, matches=3\n"))
  #expect(
    MailHeaders.adding(status, to: bytes("\nbody"))
      == bytes("X-Kwfilter-Status: Yes, matches=3\n\nbody"))
  // No blank line before the body: insert after the last field.
  #expect(
    MailHeaders.adding(status, to: bytes("Subject: s\nbody line\n"))
      == bytes("Subject: s\nX-Kwfilter-Status: Yes, matches=3\nbody line\n"))
  // mbox From line.
  #expect(
    MailHeaders.adding(status, to: bytes("From a@b Mon Jan 1\nSubject: s\n\nb"))
      == bytes("From a@b Mon Jan 1\nSubject: s\nX-Kwfilter-Status: Yes, matches=3\n\nb"))
  // Nothing to add leaves the message alone.
  #expect(MailHeaders.adding([], to: bytes("Subject: s\n\nb")) == bytes("Subject: s\n\nb"))
}

@Test func valuesCannotInjectFields() {
  let out = MailHeaders.adding(
    [("X-Kwfilter-Note", "a\r\nBcc: evil@example.com\n"), ("Bad:Name\n", "v")],
    to: bytes("S: s\n\nb"))
  #expect(out == bytes("S: s\nX-Kwfilter-Note: a  Bcc: evil@example.com \nBadName: v\n\nb"))
}

@Test func nonASCIIValuesAreWrittenAsUTF8() {
  let out = MailHeaders.adding([("X-Kwfilter-Matches", "赌博")], to: bytes("S: s\n\nb"))
  #expect(out == bytes("S: s\nX-Kwfilter-Matches: 赌博\n\nb"))
}

// Regression (found by Fuzz/FuzzMail): `kwfilter --mail` run twice lost the first line of a
// message without header fields — our headers opened the message with no blank line after them,
// so on the next pass that line read as a continuation of our last header and went with it.
@Test(arguments: ["hello world\nSubject: x\n\nbody\n", "just text\n", "a\r\nb\r\n", "Subject: s\n\nb\n"])
func addingTwiceKeepsEveryLine(message: String) {
  let h = [("X-Kwfilter-Status", "No, matches=0")]
  let once = MailHeaders.adding(h, to: Array(message.utf8))
  let twice = MailHeaders.adding(h, to: once)
  #expect(twice == once)
  for line in message.split(separator: "\n") {
    #expect(String(decoding: twice, as: UTF8.self).contains(line))
  }
}

// kwfilter — MailParsing tests: broken mail never traps, never hangs, and still yields text.

import MailParsing
import Testing

@Test func missingClosingBoundary() {
  let raw = message([
    "Content-Type: multipart/alternative; boundary=\"b\"\n", "\n",
    "--b\n", "Content-Type: text/plain; charset=utf-8\n", "\n", "第一部分\n",
    "--b\n", "Content-Type: text/html; charset=utf-8\n", "\n", "<p>第二<b>部分</b></p>\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["1", "2"])
  #expect(mail.text("2") == "\n第二部分\n\n")
  #expect(mail.problems.map(\.kind) == [.missingClosingBoundary])
  #expect(mail.problems.first?.part == "message")
}

@Test func boundaryDeclaredButAbsent() {
  // trec06c: 1,280 messages declare a boundary but their bodies were flattened.
  let raw = message([
    "Subject: =?gb2312?B?\(base64(gb18030("通知")))?=\n",
    "Content-Type: multipart/mixed; boundary=\"----=_1097206515-1044-252\"\n",
    "\n",
    .raw(gb18030("可以休息日或者节假日一起出去走走，有助于交流。\n")),
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["header:Subject", "1"])
  #expect(mail.text("1") == "可以休息日或者节假日一起出去走走，有助于交流。\n")
  #expect(mail.kinds == [.boundaryNotFound])
}

@Test func multipartWithoutBoundaryParameter() {
  let raw = message(["Content-Type: multipart/mixed\n", "\n", "text\n"])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "text\n")
  #expect(mail.kinds == [.missingBoundaryParameter])
}

@Test func nestedBoundaryNotFoundKeepsPartPath() {
  let raw = message([
    "Content-Type: multipart/mixed; boundary=a\n", "\n",
    "--a\n", "Content-Type: multipart/alternative; boundary=zzz\n", "\n", "flattened\n",
    "--a--\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["1"])
  #expect(mail.text("1") == "flattened")
  #expect(
    mail.problems == [
      MailProblem(
        part: "1", message: "boundary \"zzz\" not found; body read as text/plain",
        kind: .boundaryNotFound)
    ])
}

@Test func badBase64StillDecodesWhatItCan() {
  let good = base64(bytes("赌博网站"))
  let raw = message([
    "Content-Type: text/plain; charset=utf-8\n", "Content-Transfer-Encoding: base64\n", "\n",
    "\(good)\n", "%%%%\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "赌博网站")
  #expect(mail.kinds == [.badBase64])
}

@Test func unknownCharset134() {
  let raw = message([
    "Content-type: text/plain; charset=134\n", "Content-Transfer-Encoding: quoted-printable\n",
    "\n", "\(quotedPrintable(gb18030("翻译服务")))\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "翻译服务\n")
  #expect(mail.kinds == [.unknownCharset])
  #expect(mail.problems.first?.message == "unknown charset \"134\"; read as GB18030")
}

@Test func truncatedInsideBase64Part() throws {
  let full = nestedMessage(crlf: false)
  // Cut in the middle of the gb2312 base64 text of part 1.1, at an odd offset.
  let marker = Array("Content-Transfer-Encoding: base64\n\n".utf8)
  let start = try #require(firstRange(of: marker, in: full)).upperBound
  let cut = Array(full[..<(start + 21)])
  let mail = MailParser.parse(cut)
  #expect(mail.names == ["header:From", "header:To", "header:Subject", "1.1"])
  #expect(mail.text("1.1")?.hasPrefix("中奖通知") == true)
  #expect(Set(mail.kinds).isSuperset(of: [.missingClosingBoundary, .badBase64]))
  #expect(allTextIsUTF8(mail))
}

@Test func noHeaderBodySeparator() {
  let raw = message(["Subject: =?utf-8?B?5Lit?=\n", "这里是正文，没有空行。\n", "第二行: 还是正文\n"])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["header:Subject", "1"])
  #expect(mail.text("1") == "这里是正文，没有空行。\n第二行: 还是正文\n")
  #expect(mail.kinds == [.missingHeaderSeparator])
}

@Test func whitespaceOnlyLineSeparatesHeaderAndBody() {
  // trec06c has 5 messages whose "blank" line is a line of spaces.
  let raw = message(["Subject: s\n", "Status: RO\n", "        \n", .raw(gb18030("清华大学\n"))])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "清华大学\n")
  #expect(mail.problems.isEmpty)
}

@Test func headersOnlyAndEmptyInputs() {
  #expect(MailParser.parse([]).parts == [])
  #expect(MailParser.parse(bytes("Subject: only")).names == ["header:Subject"])
  #expect(MailParser.parse(bytes("\n")).names == [])
  #expect(MailParser.parse(bytes("\r\n\r\nbody")).text("1") == "\r\nbody")
}

@Test func binaryGarbageNeverTraps() {
  var rng = SeededRandom(seed: 2006)
  for round in 0..<300 {
    let count = Int.random(in: 0..<4000, using: &rng)
    let raw = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let mail = MailParser.parse(raw)
    #expect(allTextIsUTF8(mail), "round \(round)")
  }
}

@Test func everyTruncationOfANestedMessageParses() {
  for crlf in [false, true] {
    let full = nestedMessage(crlf: crlf)
    for end in 0...full.count {
      let mail = MailParser.parse(Array(full[..<end]))
      #expect(allTextIsUTF8(mail), "cut at \(end)")
    }
  }
}

@Test func randomMutationsOfANestedMessageParse() {
  var rng = SeededRandom(seed: 0xC0FFEE)
  let alphabet: [UInt8] = Array("-=?\r\n\t :;\"<>&#BQbq".utf8) + [0x00, 0x80, 0xFF, 0xB2]
  let full = nestedMessage(crlf: false)
  for round in 0..<1500 {
    var raw = full
    for _ in 0..<Int.random(in: 1...8, using: &rng) {
      let at = Int.random(in: 0..<raw.count, using: &rng)
      switch Int.random(in: 0..<3, using: &rng) {
      case 0: raw[at] = alphabet.randomElement(using: &rng)!
      case 1: raw.remove(at: at)
      default: raw.insert(alphabet.randomElement(using: &rng)!, at: at)
      }
    }
    #expect(allTextIsUTF8(MailParser.parse(raw)), "round \(round)")
  }
}

@Test func deepNestingStopsAtTheLimit() {
  var raw: [UInt8] = []
  let depth = 5_000
  for level in 0..<depth {
    raw += bytes("Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n")
  }
  raw += bytes("\ninnermost\n")
  var mail = ParsedMail(parts: [], problems: [])
  let elapsed = seconds { mail = MailParser.parse(raw) }
  #expect(mail.kinds.contains(.nestingTooDeep))
  #expect(elapsed < 5)
}

@Test func deeplyNestedMessagesStopAtTheLimit() {
  var raw: [UInt8] = []
  for _ in 0..<5_000 { raw += bytes("Subject: s\nContent-Type: message/rfc822\n\n") }
  raw += bytes("\nbody\n")
  let mail = MailParser.parse(raw)
  #expect(mail.kinds == [.nestingTooDeep])
}

@Test(arguments: [
  "--b\n", "--b\n\n", "Subject: =?a?q?x", "=?utf-8?B?", "Content-Type: text/plain\n\n--b\n",
  " \n", "x\n", "a: b\nc\n", "&#", "<a x=\"",
])
func pathologicalMessagesAreLinear(_ unit: String) {
  let header = bytes(
    "Subject: x\nContent-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/html\n\n")
  let raw = header + Array(String(repeating: unit, count: 1_000_000 / unit.utf8.count).utf8)
  var mail = ParsedMail(parts: [], problems: [])
  let elapsed = seconds { mail = MailParser.parse(raw) }
  #expect(elapsed < 10, "\(unit.debugDescription): \(elapsed) s")
  #expect(allTextIsUTF8(mail))
  let inHeader =
    bytes("Subject: ") + Array(String(repeating: unit, count: 200_000 / unit.utf8.count).utf8)
  let headerElapsed = seconds { mail = MailParser.parse(inHeader) }
  #expect(headerElapsed < 10, "header \(unit.debugDescription): \(headerElapsed) s")
}

/// The first occurrence of `needle` in `haystack`.
func firstRange(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
  guard needle.count <= haystack.count else { return nil }
  for i in 0...(haystack.count - needle.count)
  where haystack[i..<(i + needle.count)].elementsEqual(needle) {
    return i..<(i + needle.count)
  }
  return nil
}

@Test func invalidContentTypeIsReadAsPlainText() {
  let mail = MailParser.parse(bytes("Content-Type: garbage\n\nhello\n"))
  #expect(mail.text("1") == "hello\n")
  #expect(mail.kinds == [.invalidContentType])
}

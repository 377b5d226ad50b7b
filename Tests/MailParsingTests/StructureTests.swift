// kwfilter — MailParsing tests: MIME structure, part paths, content types.

import MailParsing
import Testing

/// multipart/mixed [ multipart/alternative [ text/plain gb2312 base64, text/html utf-8 QP ],
/// image/png, application/pdf ].
func nestedMessage(crlf: Bool) -> [UInt8] {
  let plain = "中奖通知：恭喜您获得大奖！\n"
  let html = "<p>中奖<b>通知</b>：恭喜您获得大奖！</p>"
  return message(
    [
      "From: =?gb2312?B?\(base64(gb18030("客服")))?= <service@example.com>\n",
      "To: user@example.com\n",
      "Subject: =?gb2312?B?\(base64(gb18030("中奖通知")))?=\n",
      "MIME-Version: 1.0\n",
      "Content-Type: multipart/mixed;\n\tboundary=\"----=_NextPart_000_0001\"\n",
      "\n",
      "This is a multi-part message in MIME format. 赌博 in the preamble is ignored.\n",
      "\n",
      "------=_NextPart_000_0001\n",
      "Content-Type: multipart/alternative; boundary=\"----=_NextPart_001_0002\"\n",
      "\n",
      "\n",
      "------=_NextPart_001_0002\n",
      "Content-Type: text/plain; charset=\"gb2312\"\n",
      "Content-Transfer-Encoding: base64\n",
      "\n",
      "\(base64(gb18030(plain), lineEnding: crlf ? "\r\n" : "\n"))\n",
      "\n",
      "------=_NextPart_001_0002\n",
      "Content-Type: text/html; charset=utf-8\n",
      "Content-Transfer-Encoding: quoted-printable\n",
      "\n",
      "\(quotedPrintable(bytes(html)))\n",
      "------=_NextPart_001_0002--\n",
      "\n",
      "------=_NextPart_000_0001\n",
      "Content-Type: image/png; name=\"a.png\"\n",
      "Content-Transfer-Encoding: base64\n",
      "Content-Disposition: attachment; filename=\"a.png\"\n",
      "\n",
      "\(base64(bytes("赌博 inside an image is not text")))\n",
      "\n",
      "------=_NextPart_000_0001\n",
      "Content-Type: application/pdf\n",
      "\n",
      "%PDF-1.4 赌博\n",
      "------=_NextPart_000_0001--\n",
      "epilogue 赌博 is ignored\n",
    ], crlf: crlf)
}

@Test func nestedMultipartSkipsAttachments() {
  let mail = MailParser.parse(nestedMessage(crlf: false))
  #expect(mail.names == ["header:From", "header:To", "header:Subject", "1.1", "1.2"])
  #expect(mail.text("header:Subject") == "中奖通知")
  #expect(mail.text("header:From") == "客服 <service@example.com>")
  #expect(mail.text("1.1") == "中奖通知：恭喜您获得大奖！\n")
  #expect(mail.text("1.2") == "\n中奖通知：恭喜您获得大奖！\n")
  #expect(
    mail.parts.map(\.contentType) == ["header", "header", "header", "text/plain", "text/html"])
  #expect(mail.problems.isEmpty)
  #expect(!mail.parts.contains { String(decoding: $0.text, as: UTF8.self).contains("赌博") })
}

@Test func crlfAndLFGiveTheSameParts() {
  let lf = MailParser.parse(nestedMessage(crlf: false))
  let crlf = MailParser.parse(nestedMessage(crlf: true))
  #expect(crlf.names == lf.names)
  #expect(crlf.problems == lf.problems)
  for (a, b) in zip(lf.parts, crlf.parts) {
    #expect(a.text == b.text.filter { $0 != 0x0D }, "\(a.name)")
  }
}

@Test func messageRFC822InsideMultipart() {
  let inner = message([
    "From: someone@example.com\n",
    "Subject: =?utf-8?B?\(base64(bytes("转发：代开发票")))?=\n",
    "Content-Type: multipart/alternative; boundary=inner\n",
    "\n",
    "--inner\n",
    "Content-Type: text/plain; charset=utf-8\n",
    "\n",
    "代开发票\n",
    "--inner\n",
    "Content-Type: text/html; charset=utf-8\n",
    "\n",
    "<p>代开<b>发票</b></p>\n",
    "--inner--\n",
  ])
  let raw = message([
    "Subject: Fwd\n",
    "Content-Type: multipart/mixed; boundary=outer\n",
    "\n",
    "--outer\n",
    "\n",  // no part headers: text/plain us-ascii
    "see attached\n",
    "--outer\n",
    "Content-Type: message/rfc822\n",
    "\n",
    .raw(inner),
    "--outer\n",
    "Content-Type: message/rfc822\n",
    "\n",
    "Subject: plain inner\n",
    "\n",
    "inner body\n",
    "--outer--\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(
    mail.names == [
      "header:Subject", "1", "2:header:From", "2:header:Subject", "2.1", "2.2",
      "3:header:Subject", "3.1",
    ])
  #expect(mail.text("2:header:Subject") == "转发：代开发票")
  #expect(mail.text("2.1") == "代开发票")
  #expect(mail.text("2.2") == "\n代开发票\n")
  #expect(mail.text("3.1") == "inner body")
  #expect(mail.problems.isEmpty)
}

@Test func topLevelMessageRFC822() {
  let raw = message([
    "Subject: outer\n", "Content-Type: message/rfc822\n", "\n",
    "Subject: inner\n", "\n", "inner body\n",
  ])
  #expect(MailParser.parse(raw).names == ["header:Subject", "1:header:Subject", "1.1"])
}

@Test func boundaryLinesFollowRFC2046() {
  let raw = message([
    "Content-Type: Multipart/Mixed; BOUNDARY=b\n",
    "\n",
    "--b  \t\n",  // transport padding
    "\n",
    "one\n",
    "--bX\n",  // not our boundary: part of the text
    "--b\n",
    "\n",
    "two\n",
    "\n",
    "--b-- \n",
    "--b\n",  // after the close delimiter: epilogue
    "\n",
    "three\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["1", "2"])
  #expect(mail.text("1") == "one\n--bX")
  #expect(mail.text("2") == "two\n")
  #expect(mail.problems.isEmpty)
}

@Test func digestPartsDefaultToMessages() {
  let raw = message([
    "Content-Type: multipart/digest; boundary=d\n", "\n",
    "--d\n", "\n", "Subject: first\n", "\n", "one\n",
    "--d\n", "\n", "Subject: second\n", "\n", "two\n",
    "--d--\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["1:header:Subject", "1.1", "2:header:Subject", "2.1"])
}

@Test func contentTypeParameters() {
  // Unquoted, quoted with escapes, case-insensitive names, comments, RFC 2231.
  let cases: [(String, String)] = [
    ("TEXT/PLAIN; CHARSET=GB2312", "gbk"),
    ("text/plain (note); charset = \"gb2312\" ; format=flowed", "gbk"),
    ("text/plain; charset*=us-ascii'en'gb2312", "gbk"),
    ("text/plain; charset*0=gb; charset*1=2312", "gbk"),
    ("text/plain; charset=\"charset=\"GB2312\"\"", "gbk"),
    ("text/plain; name=\"a;b.txt\"; charset='gb2312'", "gbk"),
    ("text/plain; charset=utf-8", "utf8"),
  ]
  for (contentType, kind) in cases {
    let body = kind == "gbk" ? gb18030("赌博") : bytes("赌博")
    let raw = message(["Content-Type: \(contentType)\n", "\n", .raw(body)])
    let mail = MailParser.parse(raw)
    #expect(mail.text("1") == "赌博", "\(contentType)")
    #expect(mail.problems.isEmpty, "\(contentType)")
  }
}

@Test func boundaryFromRFC2231Continuations() {
  let raw = message([
    "Content-Type: multipart/mixed; boundary*0=\"abc\"; boundary*1=\"def\"\n", "\n",
    "--abcdef\n", "\n", "x\n", "--abcdef--\n",
  ])
  #expect(MailParser.parse(raw).text("1") == "x")
}

@Test func otherTextSubtypesAreEmittedAsPlain() {
  let raw = message(["Content-Type: text/enriched\n", "\n", "<bold>hi</bold>\n"])
  let mail = MailParser.parse(raw)
  #expect(mail.parts.map(\.contentType) == ["text/plain"])
  #expect(mail.text("1") == "<bold>hi</bold>\n")
}

@Test func missingContentTypeIsTextWithGuessedCharset() {
  let gbk = MailParser.parse(message(["Subject: x\n", "\n", .raw(gb18030("免费"))]))
  #expect(gbk.text("1") == "免费")
  #expect(gbk.problems.isEmpty)
  let utf8 = MailParser.parse(message(["Subject: x\n", "\n", "免费"]))
  #expect(utf8.text("1") == "免费")
}

@Test func nonTextTopLevelGivesOnlyHeaders() {
  let raw = message(["Subject: pic\n", "Content-Type: image/jpeg\n", "\n", "\u{1}\u{2}binary"])
  #expect(MailParser.parse(raw).names == ["header:Subject"])
}

@Test func mboxFromLineIsSkipped() {
  let raw = message([
    "From someone@example.com Mon Jan  1 00:00:00 2005\n", "Subject: s\n", "\n", "b\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.names == ["header:Subject", "1"])
  #expect(mail.problems.isEmpty)
}

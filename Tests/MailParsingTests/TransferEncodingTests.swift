// kwfilter — MailParsing tests: base64 and quoted-printable bodies.

import MailParsing
import Testing

private let body = "各位好：\n本公司代开发票，网络赌博请勿参与。\n联系电话：13800000000\n"

@Test func base64GB2312Body() {
  for crlf in [false, true] {
    let raw = message(
      [
        "Subject: test\n",
        "Content-Type: text/plain;\n\tcharset=\"gb2312\"\n",
        "Content-Transfer-Encoding: base64\n",
        "\n",
        "\(base64(gb18030(body)))\n",
      ], crlf: crlf)
    let mail = MailParser.parse(raw)
    #expect(mail.names == ["header:Subject", "1"])
    #expect(mail.text("1") == body)
    #expect(mail.parts.last?.contentType == "text/plain")
    #expect(mail.problems.isEmpty)
  }
}

@Test func base64ToleratesJunkAndSeparatelyPaddedBlocks() {
  let raw = message([
    "Content-Type: text/plain; charset=utf-8\n",
    "Content-Transfer-Encoding: BASE64\n",
    "\n",
    "5Lit5paH*\n",  // one junk character
    "5Lit\n",
    "QQ==QQ==\n",  // two padded blocks run on
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "中文中AA")
  #expect(mail.kinds == [.badBase64])
}

@Test func base64OverPlainTextIsReadAs8bit() {
  // trec06c stored already-decoded bodies under their base64 headers (268 of them).
  let raw = message([
    "Content-Type: text/plain; charset=gb2312\n",
    "Content-Transfer-Encoding: base64\n",
    "\n",
    .raw(gb18030(body)),
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == body)
  #expect(mail.kinds == [.badBase64])
}

@Test func quotedPrintableSoftBreaksHexAndStrayEquals() {
  let raw = message([
    "Content-Type: text/plain; charset=utf-8\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "\n",
    "=E4=B8=AD=\n",  // soft break, LF
    "=e6=96=87=\r\n",  // lowercase hex, soft break, CRLF
    "a=3Db =  \n",  // a stray "=" before padding is a soft break too
    "c = d=\n",
    "=ZZ end\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "中文a=b c = d=ZZ end\n")
  #expect(mail.problems.isEmpty)
}

@Test func quotedPrintableHTMLWithTagInsideAWord() {
  let html = "<html><body><p>网上赌<b>博</b>&nbsp;平台</p><div>充值送<i>彩金</i></div></body></html>\n"
  let raw = message([
    "Subject: =?gb2312?B?\(base64(gb18030("赌博")))?=\n",
    "Content-Type: text/html; charset=gb2312\n",
    "Content-Transfer-Encoding: quoted-printable\n",
    "\n",
    "\(quotedPrintable(gb18030(html)))\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("header:Subject") == "赌博")
  // The source ends "</html>\n" and the message adds one more line ending.
  #expect(mail.text("1") == "\n网上赌博\u{A0}平台\n充值送彩金\n\n\n")
  #expect(mail.parts.last?.contentType == "text/html")
}

@Test func unknownTransferEncodingIsReadAs8bit() {
  let raw = message(["Content-Transfer-Encoding: x-uuencode\n", "\n", "hello\n"])
  let mail = MailParser.parse(raw)
  #expect(mail.text("1") == "hello\n")
  #expect(mail.kinds == [.unknownTransferEncoding])
}

// kwfilter — MailParsing tests: RFC 2047 encoded words and raw 8-bit header text.

import MailParsing
import Testing

/// One header value and the text it must decode to.
struct HeaderCase: Sendable, CustomTestStringConvertible {
  var id: String
  var value: [UInt8]
  var expected: String
  var problems: [MailProblem.Kind] = []
  var testDescription: String { id }
}

private let gbChinese = gb18030("中文测试")
private let gbGamble = gb18030("赌博")

let headerCases: [HeaderCase] = [
  HeaderCase(
    id: "B/gb2312", value: bytes("=?gb2312?B?\(base64(gbChinese))?="), expected: "中文测试"),
  HeaderCase(
    id: "B/GB2312-uppercase-b", value: bytes("=?GB2312?b?\(base64(gbChinese))?="),
    expected: "中文测试"),
  HeaderCase(id: "B/utf-8", value: bytes("=?utf-8?B?5Lit5paH?="), expected: "中文"),
  HeaderCase(
    id: "Q/utf-8-underscore", value: bytes("=?UTF-8?Q?=E4=B8=AD=E6=96=87_test?="),
    expected: "中文 test"),
  HeaderCase(id: "Q/lowercase-hex", value: bytes("=?utf-8?q?=e4=b8=ad?="), expected: "中"),
  HeaderCase(
    id: "Q/gb2312",
    value: bytes("=?gb2312?Q?") + gbChinese.flatMap { Array("=\(hex($0))".utf8) } + bytes("?="),
    expected: "中文测试"),
  HeaderCase(id: "Q/stray-equals", value: bytes("=?utf-8?Q?a=b=3D?="), expected: "a=b="),
  HeaderCase(
    id: "adjacent/space", value: bytes("=?utf-8?B?5Lit?= =?utf-8?B?5paH?="), expected: "中文"),
  HeaderCase(
    id: "adjacent/tabs-and-spaces", value: bytes("=?utf-8?B?5Lit?= \t  =?utf-8?Q?=E6=96=87?="),
    expected: "中文"),
  HeaderCase(
    id: "adjacent/gbk-char-split-across-words",
    value: bytes(
      "=?gb2312?B?\(base64(Array(gbGamble[0..<1])))?= =?gb2312?B?\(base64(Array(gbGamble[1...])))?="
    ),
    expected: "赌博"),
  HeaderCase(
    id: "adjacent/different-charsets",
    value: bytes("=?gb2312?B?\(base64(gb18030("赌")))?= =?utf-8?B?5Y2a?="), expected: "赌博"),
  HeaderCase(
    id: "mixed/literal-around", value: bytes("Re: =?utf-8?B?5Lit5paH?= ok"), expected: "Re: 中文 ok"),
  HeaderCase(
    id: "mixed/literal-between-words-kept", value: bytes("=?utf-8?B?5Lit?= x =?utf-8?B?5paH?="),
    expected: "中 x 文"),
  HeaderCase(
    id: "mixed/quoted-display-name", value: bytes("\"=?utf-8?B?5byg5LiJ?=\" <zhang@example.com>"),
    expected: "\"张三\" <zhang@example.com>"),
  HeaderCase(
    id: "charset/language-suffix", value: bytes("=?utf-8*zh?B?5Lit?="), expected: "中"),
  HeaderCase(
    id: "charset/big5", value: bytes("=?big5?B?\(base64(encode("中文", to: "BIG5")))?="),
    expected: "中文"),
  HeaderCase(
    id: "charset/iso-8859-1", value: bytes("=?iso-8859-1?Q?caf=E9?="), expected: "café"),
  HeaderCase(
    id: "charset/us-ascii", value: bytes("=?us-ascii?Q?hello_world?="), expected: "hello world"),
  HeaderCase(
    id: "charset/gb18030-four-byte", value: bytes("=?gb18030?B?\(base64(gb18030("€😀")))?="),
    expected: "€😀"),
  HeaderCase(
    id: "charset/unknown-134", value: bytes("=?134?B?5Lit?="), expected: "中",
    problems: [.unknownCharset]),
  HeaderCase(
    id: "charset/utf-8-label-gbk-bytes", value: bytes("=?utf-8?B?\(base64(gbChinese))?="),
    expected: "中文测试", problems: [.charsetMismatch]),
  HeaderCase(
    id: "foxmail/space-in-Q-text",
    value: bytes("=?GB2312?Q?Fw: ") + gb18030("中").flatMap { Array("=\(hex($0))".utf8) }
      + bytes("?="),
    expected: "Fw: 中"),
  HeaderCase(
    id: "malformed/not-base64", value: bytes("=?utf-8?B?5L*t?= x"), expected: "=?utf-8?B?5L*t?= x",
    problems: [.malformedEncodedWord]),
  HeaderCase(
    id: "malformed/no-close", value: bytes("=?utf-8?Q?abc def"), expected: "=?utf-8?Q?abc def",
    problems: [.malformedEncodedWord]),
  HeaderCase(
    id: "not-a-word/encoding-X", value: bytes("=?utf-8?X?abc?="), expected: "=?utf-8?X?abc?="),
  HeaderCase(id: "not-a-word/url", value: bytes("see a.php?x=?y"), expected: "see a.php?x=?y"),
  HeaderCase(id: "not-a-word/empty-charset", value: bytes("=??B?5Lit?="), expected: "=??B?5Lit?="),
  HeaderCase(id: "raw/gbk-8bit", value: gb18030("免费赌博，点击"), expected: "免费赌博，点击"),
  HeaderCase(id: "raw/utf-8", value: bytes("免费赌博"), expected: "免费赌博"),
  HeaderCase(
    id: "raw/gbk-then-word", value: gb18030("回复：") + bytes("=?utf-8?B?5Lit?="),
    expected: "回复：中"),
]

private func hex(_ b: UInt8) -> String {
  let digits = Array("0123456789ABCDEF")
  return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
}

@Test(arguments: headerCases)
func subjectDecodes(_ c: HeaderCase) {
  let mail = MailParser.parse(bytes("Subject: ") + c.value + bytes("\n\nbody\n"))
  #expect(mail.text("header:Subject") == c.expected)
  #expect(mail.kinds == c.problems)
}

@Test func headerCaseIDsAreUnique() {
  #expect(Set(headerCases.map(\.id)).count == headerCases.count)
}

@Test func foldedEncodedWordsJoinAcrossLines() {
  for crlf in [false, true] {
    let raw = message(
      [
        "Subject: =?utf-8?B?5Lit?=\n", "\t=?utf-8?B?5paH?=\n", " tail\n",
        "\n", "body\n",
      ], crlf: crlf)
    #expect(MailParser.parse(raw).text("header:Subject") == "中文 tail")
  }
}

@Test func textHeadersAreEmittedWithCanonicalNames() {
  let raw = message([
    "Received: from x\n",
    "subject: =?utf-8?B?5Lit?=\n",
    "FROM: \"=?gb2312?B?\(base64(gb18030("张三")))?=\" <z@example.com>\n",
    "to: a@example.com\n",
    "CC: b@example.com\n",
    "reply-to: c@example.com\n",
    "Comments: ", .raw(gb18030("评论")), "\n",
    "Keywords: ", .raw(gb18030("关键词")), "\n",
    "Organization: ", .raw(gb18030("某公司")), "\n",
    "X-Mailer: Foxmail\n",
    "Subject:\n",
    "\n",
    "body\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(
    mail.names == [
      "header:Subject", "header:From", "header:To", "header:Cc", "header:Reply-To",
      "header:Comments", "header:Keywords", "header:Organization", "1",
    ])
  #expect(mail.text("header:From") == "\"张三\" <z@example.com>")
  #expect(mail.text("header:Organization") == "某公司")
  #expect(mail.parts.filter { $0.contentType == "header" }.count == 8)
  #expect(mail.problems.isEmpty)
}

@Test func unindentedContinuationOfAWrappedEncodedWord() {
  // trec06c: the second half of a long encoded word lost its indentation.
  let encoded = base64(bytes("特意注视一下：这是我对四季的回复"))
  let cut = encoded.index(encoded.startIndex, offsetBy: 20)
  let raw = message([
    "Subject: =?utf-8?B?\(encoded[..<cut])\n",
    "\(encoded[cut...])?=\n",
    "Date: Mon, 8 Nov 2004 10:35:23 +0800\n",
    "\n",
    "body\n",
  ])
  let mail = MailParser.parse(raw)
  #expect(mail.text("header:Subject") == "特意注视一下：这是我对四季的回复")
  #expect(mail.text("1") == "body\n")
  #expect(mail.kinds == [.unindentedContinuation])
}

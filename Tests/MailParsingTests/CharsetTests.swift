// kwfilter — MailParsing tests: charset names, iconv decoding, and mislabelled text.

import MailParsing
import Testing

private let sample = "网络赌博平台，免费注册，点击领取彩金！"

@Test(arguments: [
  "gb2312", "GB2312", "gbk", "x-gbk", "gb18030", "euc-cn", "cp936", "gb_2312-80", "\"gb2312\"",
  "'gb2312'", "GB2312_CHARSET", "charset=\"gb2312\"", "charset=GB2312", " gb2312 ", "csGB2312",
])
func gbFamilyNamesDecodeAsGB18030(_ name: String) {
  let decoded = Charsets.decode(gb18030(sample), charset: name)
  #expect(String(decoding: decoded.text, as: UTF8.self) == sample)
  #expect(decoded.known)
}

@Test func utf8IsPassedThrough() {
  let decoded = Charsets.decode(bytes(sample), charset: "UTF-8")
  #expect(decoded.text == bytes(sample))
  #expect(decoded.known)
}

@Test func declaredUTF8ThatIsGBKFallsBackToGB18030() {
  let decoded = Charsets.decode(gb18030(sample), charset: "utf-8")
  #expect(String(decoding: decoded.text, as: UTF8.self) == sample)
  #expect(decoded.known)
}

@Test func mostlyValidUTF8KeepsUTF8WithReplacement() {
  var damaged = bytes(sample)
  damaged.insert(0xFF, at: 6)  // after 网络
  let decoded = Charsets.decode(damaged, charset: "utf-8")
  #expect(String(decoding: decoded.text, as: UTF8.self) == "网络\u{FFFD}赌博平台，免费注册，点击领取彩金！")
}

@Test func unknownCharsetGuessesUTF8OrGB18030() {
  let asUTF8 = Charsets.decode(bytes(sample), charset: "134")
  #expect(asUTF8.text == bytes(sample))
  #expect(!asUTF8.known)
  let asGBK = Charsets.decode(gb18030(sample), charset: "134")
  #expect(String(decoding: asGBK.text, as: UTF8.self) == sample)
  #expect(!asGBK.known)
  #expect(!Charsets.decode(bytes("abc"), charset: "x-no-such-charset").known)
  #expect(!Charsets.decode(bytes("abc"), charset: "utf-8//TRANSLIT").known)
}

@Test func invalidGB18030BytesBecomeReplacementCharacters() {
  // 0x80 and 0xFF are never valid; a lone lead byte at the end is incomplete (EINVAL).
  let input = gb18030("赌") + [0x80] + gb18030("博") + [0xFF, 0x41] + [0xB2]
  let decoded = Charsets.decode(input, charset: "gbk")
  #expect(String(decoding: decoded.text, as: UTF8.self) == "赌\u{FFFD}博\u{FFFD}A\u{FFFD}")
}

@Test func big5IsDecodedAsBig5() {
  let traditional = "這是繁體中文的測試，請勿回覆此郵件。謝謝您的合作與支持！"
  let decoded = Charsets.decode(encode(traditional, to: "BIG5"), charset: "big5")
  #expect(String(decoding: decoded.text, as: UTF8.self) == traditional)
}

@Test func gbkLabelledBig5OrLatin1IsReadAsGB18030() {
  for label in ["big5", "BIG5", "iso-8859-1", "windows-1252", "us-ascii"] {
    let decoded = Charsets.decode(gb18030(sample), charset: label)
    #expect(String(decoding: decoded.text, as: UTF8.self) == sample, "\(label)")
  }
}

@Test func realLatin1StaysLatin1() {
  let text = "Déjà vu: café, naïve résumé, Ærøskøbing"
  for label in ["iso-8859-1", "latin1", "ISO_8859-1"] {
    let decoded = Charsets.decode(encode(text, to: "ISO-8859-1"), charset: label)
    #expect(String(decoding: decoded.text, as: UTF8.self) == text, "\(label)")
  }
  #expect(
    String(decoding: Charsets.decode(bytes(text), charset: "iso-8859-1").text, as: UTF8.self)
      == text, "UTF-8 labelled Latin-1")
}

@Test func otherIconvCharsets() {
  for (text, charset) in [
    ("Привет", "KOI8-R"), ("日本語のテキスト", "SHIFT_JIS"), ("한국어", "EUC-KR"),
    ("日本語", "ISO-2022-JP"), ("UTF-16 中文", "UTF-16"),
  ] {
    let decoded = Charsets.decode(encode(text, to: charset), charset: charset.lowercased())
    #expect(String(decoding: decoded.text, as: UTF8.self) == text, "\(charset)")
    #expect(decoded.known)
  }
}

@Test func emptyInputAndASCII() {
  #expect(Charsets.decode([], charset: "gb2312").text == [])
  #expect(Charsets.decode(bytes("plain"), charset: "").text == bytes("plain"))
  #expect(Charsets.decode(bytes("plain"), charset: "big5").text == bytes("plain"))
}

@Test func randomBytesAlwaysGiveUTF8() {
  var rng = SeededRandom(seed: 0x5EED_C0DE)
  for round in 0..<200 {
    let count = Int.random(in: 0..<300, using: &rng)
    let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
    for charset in ["gb2312", "utf-8", "big5", "iso-8859-1", "", "134", "iso-2022-jp", "utf-16"] {
      let text = Charsets.decode(input, charset: charset).text
      #expect(String(validating: text, as: UTF8.self) != nil, "round \(round) \(charset)")
    }
  }
}

@Test func invalidBytesDecodeInLinearTime() {
  // Every byte is an iconv error (EILSEQ): one U+FFFD each, no quadratic rescans.
  let garbage = [UInt8](repeating: 0xFF, count: 200_000)
  var decoded: (text: [UInt8], known: Bool) = ([], true)
  let elapsed = seconds { decoded = Charsets.decode(garbage, charset: "gb2312") }
  #expect(decoded.text.count == 3 * garbage.count)
  #expect(elapsed < 5)
}

// kwfilter — MailParsing tests: HTML bodies reduced to their visible text.

import Testing

@testable import MailParsing

let htmlCases: [(id: String, html: String, text: String)] = [
  ("tag-inside-word", "赌<b>博</b>", "赌博"),
  ("tags-with-attributes", "网<span style=\"color:red\">络赌</span>博", "网络赌博"),
  ("comment-inside-word", "赌<!-- 注释 -->博", "赌博"),
  ("table-cells-join", "<table><tr><td>赌</td><td>博</td></tr></table>", "\n赌博\n"),
  ("br-is-newline", "一<br>二<BR/>三", "一\n二\n三"),
  ("p-and-div-newlines-not-repeated", "<p>一</p><p>二</p><div>三</div>", "\n一\n二\n三\n"),
  ("script-dropped", "a<script type=\"text/javascript\">var s = \"<b>赌博</b>\";</script>b", "ab"),
  ("style-dropped-any-case", "a<STYLE>p { color: red }</Style>b", "ab"),
  ("named-entities", "&amp;&lt;&gt;&quot;&apos;&nbsp;&copy;&hellip;&mdash;", "&<>\"'\u{A0}©…—"),
  ("numeric-entities", "&#36172;&#x535A;&#X535a;", "赌博博"),
  ("numeric-without-semicolon", "&#36172&#21338", "赌博"),
  ("numeric-windows-1252-range", "&#150;&#128;", "–€"),
  ("numeric-invalid", "&#0;&#xD800;&#x110000;&#99999999999;", "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"),
  ("legacy-without-semicolon", "a&ampb &nbsp", "a&b \u{A0}"),
  ("unknown-entity-kept", "&foo; &#; &", "&foo; &#; &"),
  ("zero-width-joiners", "赌&zwnj;博", "赌\u{200C}博"),
  ("less-than-as-text", "a < b, <3, x<", "a < b, <3, x<"),
  ("quoted-greater-than", "<a title=\"x>y\" href='a>b'>链接</a>", "链接"),
  ("unterminated-tag-is-text", "文字<div class=\"x\"", "文字<div class=\"x\""),
  ("unclosed-quote", "<a title=\"x>链接", "链接"),
  ("unterminated-comment-drops-rest", "可见<!-- 不可见", "可见"),
  ("unterminated-script-drops-rest", "可见<script>不可见", "可见"),
  ("doctype-and-pi", "<!DOCTYPE html><?xml version=\"1.0\"?>文", "文"),
  ("title-kept", "<head><title>标题</title><meta charset=gbk></head>", "\n标题\n"),
]

@Test(arguments: htmlCases.map(\.id))
func htmlToText(_ id: String) throws {
  let c = try #require(htmlCases.first { $0.id == id })
  #expect(String(decoding: HTMLText.text(from: Array(c.html.utf8)), as: UTF8.self) == c.text)
}

@Test func htmlCaseIDsAreUnique() {
  #expect(Set(htmlCases.map(\.id)).count == htmlCases.count)
}

@Test(arguments: [
  "<a x=\"", "<a x='", "<!--", "<script>", "<", "<a", "&#", "&#x", "<a x=\"y\" ", "<a x='\">",
  "</", "<a x=", "=?", "&amp",
])
func pathologicalHTMLIsLinear(_ unit: String) {
  let html = Array(String(repeating: unit, count: 400_000 / unit.utf8.count).utf8)
  var text: [UInt8] = []
  let elapsed = seconds { text = HTMLText.text(from: html) }
  #expect(elapsed < 3, "\(unit): \(elapsed) s")
  #expect(String(validating: text, as: UTF8.self) != nil)
}

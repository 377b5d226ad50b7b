// kwfilter — MailParsing: the visible text of an HTML body.

/// Turns HTML (already UTF-8) into the text a reader sees, for scanning.
///
/// - Tags are removed **without inserting anything**, so `赌<b>博</b>` reads `赌博` and a
///   keyword split by markup still matches. Comments (`<!-- … -->`, also inside words) go too.
/// - Block-level tags (`<br>`, `<p>`, `<div>`, `<li>`, `<tr>`, `<h1>`…`<h6>`, `<table>`, …)
///   become one newline (not repeated). Table cells (`<td>`) insert nothing.
/// - `<script>` and `<style>` lose their content as well.
/// - Character references are decoded: the common named ones (`&amp; &lt; &gt; &quot; &nbsp;`,
///   the Latin-1 set, `&hellip; &mdash; &zwnj;` …; a few legacy ones also without `;`) and
///   numeric ones (`&#36172;`, `&#x8D4C;`). Unknown names stay as written.
/// - A `<` that does not start a tag (`a < b`, `<3`) is text. A tag with no `>` after it is
///   text too.
/// - Whitespace is kept as written.
///
/// Linear time: an attribute quote that never closes is remembered, so later tags do not
/// rescan for it, and once no `>` is left, no later `<` searches for one.
enum HTMLText {
  /// The visible text of `html`.
  ///
  /// - Complexity: O(`html.count`).
  static func text(from html: [UInt8]) -> [UInt8] {
    var scanner = Scanner(html: html)
    scanner.run()
    return scanner.out
  }

  private struct Scanner {
    let html: [UInt8]
    var out: [UInt8] = []
    /// No `>` outside attribute quotes at or after this index.
    var noTagEndFrom = Int.max
    /// No `"` after this index: such quotes stop opening attribute values.
    var noDoubleQuoteAfter = Int.max
    /// The same for `'`.
    var noSingleQuoteAfter = Int.max

    init(html: [UInt8]) {
      self.html = html
      out.reserveCapacity(html.count)
    }

    mutating func run() {
      var i = 0
      let n = html.count
      while i < n {
        let b = html[i]
        if b == UInt8(ascii: "<") {
          i = tag(at: i)
        } else if b == UInt8(ascii: "&") {
          i = reference(at: i)
        } else {
          out.append(b)
          i += 1
        }
      }
    }

    /// Handles `<` at `i`; returns where to continue.
    mutating func tag(at i: Int) -> Int {
      let n = html.count
      let c = i + 1 < n ? html[i + 1] : 0
      if c == UInt8(ascii: "!"), i + 3 < n, html[i + 2] == UInt8(ascii: "-"),
        html[i + 3] == UInt8(ascii: "-")
      {
        // A comment runs to "-->"; unterminated, to the end (as in browsers).
        guard let close = find(Array("-->".utf8), from: i + 4, caseInsensitive: false) else {
          return n
        }
        return close + 3
      }
      let closing = c == UInt8(ascii: "/")
      guard isASCIILetter(c) || closing || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")
      else {
        out.append(UInt8(ascii: "<"))
        return i + 1
      }
      var j = i + (closing ? 2 : 1)
      let nameStart = j
      while j < n, isASCIILetter(html[j]) || (html[j] >= 0x30 && html[j] <= 0x39) { j += 1 }
      let name = String(decoding: html[nameStart..<j], as: Unicode.UTF8.self).lowercased()
      guard let end = tagEnd(from: j) else {
        out.append(UInt8(ascii: "<"))
        return i + 1
      }
      if !closing && (name == "script" || name == "style") {
        guard let close = find(Array("</\(name)".utf8), from: end + 1, caseInsensitive: true)
        else { return n }
        return tagEnd(from: close + 2).map { $0 + 1 } ?? n
      }
      if Self.blockLevel.contains(name), out.last != 0x0A {
        out.append(0x0A)
      }
      return end + 1
    }

    /// The index of the `>` that ends a tag whose name ends before `start`, skipping quoted
    /// attribute values; `nil` when there is none.
    mutating func tagEnd(from start: Int) -> Int? {
      guard start < noTagEndFrom else { return nil }
      let n = html.count
      var k = start
      while k < n {
        let c = html[k]
        if c == UInt8(ascii: ">") { return k }
        k += 1
        guard c == UInt8(ascii: "=") else { continue }
        while k < n, html[k] == 0x20 || html[k] == 0x09 || html[k] == 0x0A || html[k] == 0x0D {
          k += 1
        }
        guard k < n else { break }
        let q = html[k]
        if q == UInt8(ascii: "\"") && k < noDoubleQuoteAfter
          || q == UInt8(ascii: "'") && k < noSingleQuoteAfter
        {
          if let close = html[(k + 1)...].firstIndex(of: q) {
            k = close + 1
          } else if q == UInt8(ascii: "\"") {
            noDoubleQuoteAfter = k
          } else {
            noSingleQuoteAfter = k
          }
        }
      }
      noTagEndFrom = start
      return nil
    }

    /// Decodes a character reference at `i` (which holds `&`); returns where to continue.
    mutating func reference(at i: Int) -> Int {
      let n = html.count
      var j = i + 1
      if j < n, html[j] == UInt8(ascii: "#") {
        j += 1
        let hex = j < n && (html[j] | 0x20) == UInt8(ascii: "x")
        if hex { j += 1 }
        let digitsStart = j
        var value: UInt32 = 0
        while j < n, let d = digit(html[j], hex: hex) {
          value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + UInt32(d)
          j += 1
        }
        guard j > digitsStart else {
          out.append(UInt8(ascii: "&"))
          return i + 1
        }
        if j < n, html[j] == UInt8(ascii: ";") { j += 1 }
        UTF8Text.append(scalar: HTMLEntities.numeric(value), to: &out)
        return j
      }
      let nameStart = j
      while j < n, j - nameStart < 32,
        isASCIILetter(html[j]) || (html[j] >= 0x30 && html[j] <= 0x39)
      {
        j += 1
      }
      let name = String(decoding: html[nameStart..<j], as: Unicode.UTF8.self)
      if let value = HTMLEntities.named(name) {
        if j < n, html[j] == UInt8(ascii: ";") {
          UTF8Text.append(scalar: value, to: &out)
          return j + 1
        }
      }
      // Legacy names also match as a prefix without ";" (`&ampb` is `&b`, as in browsers).
      if let legacy = HTMLEntities.legacyPrefix(of: name), let value = HTMLEntities.named(legacy) {
        UTF8Text.append(scalar: value, to: &out)
        return nameStart + legacy.utf8.count
      }
      out.append(UInt8(ascii: "&"))
      return i + 1
    }

    /// The index where `needle` starts at or after `from`.
    func find(_ needle: [UInt8], from: Int, caseInsensitive: Bool) -> Int? {
      let n = html.count
      guard let first = needle.first, needle.count <= n else { return nil }
      var k = from
      while k + needle.count <= n {
        guard let hit = html[k...(n - needle.count)].firstIndex(of: first) else { return nil }
        var matches = true
        for (offset, b) in needle.enumerated().dropFirst() {
          let h = html[hit + offset]
          if h != b && !(caseInsensitive && isASCIILetter(h) && h | 0x20 == b | 0x20) {
            matches = false
            break
          }
        }
        if matches { return hit }
        k = hit + 1
      }
      return nil
    }

    private func digit(_ b: UInt8, hex: Bool) -> UInt8? {
      switch b {
      case 0x30...0x39: return b - 0x30
      case 0x61...0x66 where hex: return b - 0x61 + 10
      case 0x41...0x46 where hex: return b - 0x41 + 10
      default: return nil
      }
    }

    private static let blockLevel: Set<String> = [
      "br", "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "tr", "table", "thead", "tbody",
      "tfoot", "caption", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
      "title", "section", "article", "header", "footer", "nav", "aside", "main", "form",
      "fieldset", "center", "address", "body", "html", "figure", "figcaption",
    ]
  }
}

private func isASCIILetter(_ b: UInt8) -> Bool {
  (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z")
}

// kwfilter — KeywordFilter: word-list text → entries.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Wordlist {
  /// Parses word-list text.
  ///
  /// The format: UTF-8, one entry per line; blank lines and `#` comments are ignored;
  /// surrounding white space is trimmed. A first line `# category: SLUG` sets the category,
  /// otherwise it is `name` without directory, extension and a leading `NN-`.
  /// `!PHRASE` is an allow-list phrase; `\!` and `\#` escape a leading `!` or `#`.
  /// `re:PATTERN` (and `!re:PATTERN`) is a PCRE2 regular expression; `\re:` escapes a literal
  /// that begins with `re:`.
  /// `TERM<TAB>review` (or `<TAB>block`) sets the entry's tier. A comment line
  /// `# variants: pinyin, initials, split` before the first entry turns variants on for every
  /// term of the file (names: see ``VariantOptions/names``).
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - name: the file name used in error messages and for the default category.
  /// - Throws: ``WordlistError`` naming `name:line` for invalid UTF-8, an empty term or
  ///   an unknown tier.
  public init(parsing bytes: some Collection<UInt8>, name: String) throws(WordlistError) {
    // Byte-level on purpose: lists of 100,000 entries parse in milliseconds.
    let all = Array(bytes)
    var entries: [WordlistEntry] = []
    var category = Wordlist.defaultCategory(forFileNamed: name)
    var variants: VariantOptions = []
    var lineNumber = 0
    var lineStart = all.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    while lineStart <= all.count {
      let newline = all[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? all.count
      defer { lineStart = newline + 1 }
      lineNumber += 1
      let raw = all[lineStart..<newline]
      if raw.isEmpty { continue }
      guard String(validating: raw, as: UTF8.self) != nil else {
        throw WordlistError(file: name, line: lineNumber, reason: "not valid UTF-8")
      }
      var line = Wordlist.trimmed(raw)
      if line.isEmpty { continue }
      if line.first == UInt8(ascii: "#") {
        if entries.isEmpty, let names = Wordlist.directive("variants", String(decoding: line, as: UTF8.self)) {
          guard let options = VariantOptions(names: names) else {
            throw WordlistError(
              file: name, line: lineNumber,
              reason: "unknown variant in '\(names)' (pinyin, initials, homophones, split, digits, lookalikes, all, none)")
          }
          variants = options
          continue
        }
        if lineNumber == 1, let slug = Wordlist.categoryDirective(String(decoding: line, as: UTF8.self)) {
          if slug.isEmpty {
            throw WordlistError(file: name, line: lineNumber, reason: "empty category name")
          }
          category = Category(rawValue: slug)
        }
        continue
      }
      var kind = WordlistEntry.Kind.term
      let backslash = UInt8(ascii: "\\")
      func at(_ k: Int) -> UInt8? { k < line.count ? line[line.startIndex + k] : nil }
      if at(0) == UInt8(ascii: "!") {
        kind = .allow
        line = line.dropFirst()
      } else if at(0) == backslash && (at(1) == UInt8(ascii: "!") || at(1) == UInt8(ascii: "#")) {
        line = line.dropFirst()
      }
      var isRegex = false
      if at(0) == UInt8(ascii: "r") && at(1) == UInt8(ascii: "e") && at(2) == UInt8(ascii: ":") {
        isRegex = true
        line = line.dropFirst(3)
      } else if at(0) == backslash && at(1) == UInt8(ascii: "r") && at(2) == UInt8(ascii: "e")
        && at(3) == UInt8(ascii: ":")
      {
        line = line.dropFirst()
      }
      var tier = Tier.block
      if let tab = line.lastIndex(of: UInt8(ascii: "\t")) {
        let tierText = String(decoding: Wordlist.trimmed(line[(tab + 1)...]), as: UTF8.self)
        guard let t = Tier(rawValue: tierText) else {
          throw WordlistError(
            file: name, line: lineNumber,
            reason: "unknown tier '\(tierText)' (expected 'block' or 'review')")
        }
        tier = t
        line = line[..<tab]
      }
      let text = String(decoding: Wordlist.trimmed(line), as: UTF8.self)
      if text.isEmpty {
        throw WordlistError(
          file: name, line: lineNumber,
          reason: isRegex ? "empty regular expression"
            : kind == .allow ? "empty allow-list phrase" : "empty term")
      }
      var entry = WordlistEntry(
        text: text, kind: kind, category: category, tier: tier, isRegex: isRegex,
        source: "\(name):\(lineNumber)")
      entry.variants = variants
      entries.append(entry)
    }
    self.init(entries: entries)
  }

  /// White space at either end of a line: ASCII space and controls, and the Unicode spaces that
  /// occur in lists (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000). Valid UTF-8 assumed.
  static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var s = line
    while true {
      if let b = s.first, b == 0x20 || (0x09...0x0D).contains(b) {
        s = s.dropFirst()
      } else if let n = unicodeSpaceLength(s, atEnd: false) {
        s = s.dropFirst(n)
      } else {
        break
      }
    }
    while true {
      if let b = s.last, b == 0x20 || (0x09...0x0D).contains(b) {
        s = s.dropLast()
      } else if let n = unicodeSpaceLength(s, atEnd: true) {
        s = s.dropLast(n)
      } else {
        break
      }
    }
    return s
  }

  private static func unicodeSpaceLength(_ s: ArraySlice<UInt8>, atEnd: Bool) -> Int? {
    // Fast exit: the byte at that end cannot belong to one of these spaces.
    guard let edge = atEnd ? s.last : s.first, edge >= 0x80 else { return nil }
    if !atEnd && edge != 0xC2 && edge != 0xE2 && edge != 0xE3 { return nil }
    if atEnd && edge != 0xA0 && edge != 0xAF && edge != 0x9F && !(0x80...0x8A).contains(edge) {
      return nil
    }
    for candidate: [UInt8] in [
      [0xC2, 0xA0], [0xE3, 0x80, 0x80], [0xE2, 0x80, 0xAF], [0xE2, 0x81, 0x9F],
    ] where atEnd ? s.reversed().starts(with: candidate.reversed()) : s.starts(with: candidate) {
      return candidate.count
    }
    if s.count >= 3 {
      let t = atEnd ? Array(s.suffix(3)) : Array(s.prefix(3))
      if t[0] == 0xE2 && t[1] == 0x80 && (0x80...0x8A).contains(t[2]) { return 3 }
    }
    return nil
  }

  /// Parses word-list text given as a string (see ``init(parsing:name:)-(some Collection<UInt8>,_)``).
  public init(parsing text: String, name: String) throws(WordlistError) {
    try self.init(parsing: Array(text.utf8), name: name)
  }

  /// Reads and parses a word-list file.
  ///
  /// - Throws: ``WordlistError`` if the file cannot be read or does not parse.
  public init(contentsOfFile path: String) throws(WordlistError) {
    let bytes: [UInt8]
    do {
      bytes = try readWholeFile(path)
    } catch {
      throw WordlistError(file: path, line: 0, reason: error.description)
    }
    try self.init(parsing: bytes, name: path)
  }

  /// The category a file gets without a `# category:` line: its name without directory,
  /// extension and leading `NN-` (`07-obscenity-violence.txt` → `obscenity-violence`).
  public static func defaultCategory(forFileNamed name: String) -> Category {
    var stem = Substring(name)
    if let slash = stem.lastIndex(of: "/") { stem = stem[stem.index(after: slash)...] }
    if let dot = stem.lastIndex(of: "."), dot != stem.startIndex { stem = stem[..<dot] }
    let digits = stem.prefix { $0.isASCII && $0.isNumber }
    if !digits.isEmpty, stem.dropFirst(digits.count).hasPrefix("-"), stem.count > digits.count + 1 {
      stem = stem.dropFirst(digits.count + 1)
    }
    return Category(rawValue: String(stem))
  }

  /// The slug of a `# category: SLUG` line, or nil if the comment is something else.
  static func categoryDirective(_ line: String) -> String? { directive("category", line) }

  /// The value of a `# NAME: VALUE` comment line, or nil if the comment is something else.
  static func directive(_ name: String, _ line: String) -> String? {
    let body = line.dropFirst().trimmingWhitespace()
    guard body.lowercased().hasPrefix(name + ":") else { return nil }
    return body.dropFirst(name.count + 1).trimmingWhitespace()
  }
}

extension StringProtocol {
  /// The text without leading and trailing white space.
  func trimmingWhitespace() -> String {
    var s = Substring(self)
    while let c = s.first, c.isWhitespace { s = s.dropFirst() }
    while let c = s.last, c.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}

/// An I/O failure with the system's message.
struct IOFailure: Error, CustomStringConvertible {
  let description: String
}

/// Reads a whole file with POSIX calls (no Foundation, to keep start-up fast).
func readWholeFile(_ path: String) throws(IOFailure) -> [UInt8] {
  let fd = open(path, O_RDONLY)
  if fd < 0 { throw IOFailure(description: String(cString: strerror(errno))) }
  defer { close(fd) }
  var result: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n < 0 {
      if errno == EINTR { continue }
      throw IOFailure(description: String(cString: strerror(errno)))
    }
    if n == 0 { break }
    result.append(contentsOf: chunk[0..<n])
  }
  return result
}

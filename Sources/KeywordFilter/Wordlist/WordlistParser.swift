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
    // One validation of the whole text; only a text that fails it is checked line by line (to
    // name the line). A line of valid UTF-8 split at line feeds is valid UTF-8. (Validating
    // each term by the `String(validating:)` that would make its string cost six times more.)
    let allValid = String(validating: all, as: UTF8.self) != nil
    let entries = try all.withUnsafeBufferPointer { (all) throws(WordlistError) in
      try Wordlist.entries(all, allValid: allValid, name: name)
    }
    self.init(entries: entries)
  }

  /// The entries of the word-list text `all`
  /// (see ``init(parsing:name:)-(some Collection<UInt8>,_)``).
  ///
  /// Lines are byte ranges of `all`, never slices (a slice retains and releases the array for
  /// each of its uses, which cost more than the parse of a short line).
  ///
  /// - Parameters:
  ///   - all: the file's contents.
  ///   - allValid: whether all of `all` is valid UTF-8 (else each line is checked).
  ///   - name: the file name used in error messages and for the default category.
  private static func entries(
    _ all: UnsafeBufferPointer<UInt8>, allValid: Bool, name: String
  ) throws(WordlistError) -> [WordlistEntry] {
    var entries: [WordlistEntry] = []
    var category = Wordlist.defaultCategory(forFileNamed: name)
    var variants: VariantOptions = []
    var lineNumber = 0
    let count = all.count
    var lineStart = count >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF ? 3 : 0
    let newline = UInt8(ascii: "\n")
    let backslash = UInt8(ascii: "\\")
    /// The text of `all[lo..<hi]` (validated UTF-8).
    func text(_ lo: Int, _ hi: Int) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: all[lo..<hi]), as: UTF8.self)
    }
    entries.reserveCapacity(count / 8)
    while lineStart <= count {
      var lineEnd = count
      if lineStart < count, let base = all.baseAddress,
        let found = memchr(base + lineStart, Int32(newline), count - lineStart)
      {
        lineEnd = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
      }
      defer { lineStart = lineEnd + 1 }
      lineNumber += 1
      if lineEnd == lineStart { continue }
      let raw = UnsafeBufferPointer(rebasing: all[lineStart..<lineEnd])
      if !allValid && String(validating: raw, as: UTF8.self) == nil {
        throw WordlistError(file: name, line: lineNumber, reason: "not valid UTF-8")
      }
      var (lo, hi) = Wordlist.trimmed(all, lineStart, lineEnd)
      if lo == hi { continue }
      if all[lo] == UInt8(ascii: "#") {
        // Directives come before the first entry; other comments are not decoded.
        guard entries.isEmpty || lineNumber == 1 else { continue }
        let comment = text(lo, hi)
        if entries.isEmpty, let names = Wordlist.directive("variants", comment) {
          guard let options = VariantOptions(names: names) else {
            throw WordlistError(
              file: name, line: lineNumber,
              reason: "unknown variant in '\(names)' (pinyin, initials, homophones, split, digits, lookalikes, all, none)")
          }
          variants = options
          continue
        }
        if lineNumber == 1, let slug = Wordlist.categoryDirective(comment) {
          if slug.isEmpty {
            throw WordlistError(file: name, line: lineNumber, reason: "empty category name")
          }
          category = Category(rawValue: slug)
        }
        continue
      }
      var kind = WordlistEntry.Kind.term
      // The byte `k` places into the line, or 0 past its end (a line holds no NUL that matters
      // here: every test below compares with a printable character).
      var b0 = all[lo]
      var b1 = hi - lo > 1 ? all[lo + 1] : 0
      if b0 == UInt8(ascii: "!") {
        kind = .allow
        lo += 1
      } else if b0 == backslash && (b1 == UInt8(ascii: "!") || b1 == UInt8(ascii: "#")) {
        lo += 1
      }
      var isRegex = false
      if hi - lo >= 3 {
        b0 = all[lo]
        b1 = all[lo + 1]
        let b2 = all[lo + 2]
        if b0 == UInt8(ascii: "r") && b1 == UInt8(ascii: "e") && b2 == UInt8(ascii: ":") {
          isRegex = true
          lo += 3
        } else if hi - lo >= 4 && b0 == backslash && b1 == UInt8(ascii: "r")
          && b2 == UInt8(ascii: "e") && all[lo + 3] == UInt8(ascii: ":")
        {
          lo += 1
        }
      }
      var tab = hi
      while tab > lo && all[tab - 1] != UInt8(ascii: "\t") { tab -= 1 }
      var tier = Tier.block
      if tab > lo {
        let (tierLo, tierHi) = Wordlist.trimmed(all, tab, hi)
        let tierText = text(tierLo, tierHi)
        guard let t = Tier(rawValue: tierText) else {
          throw WordlistError(
            file: name, line: lineNumber,
            reason: "unknown tier '\(tierText)' (expected 'block' or 'review')")
        }
        tier = t
        hi = tab - 1
      }
      let (termLo, termHi) = Wordlist.trimmed(all, lo, hi)
      if termLo == termHi {
        throw WordlistError(
          file: name, line: lineNumber,
          reason: isRegex ? "empty regular expression"
            : kind == .allow ? "empty allow-list phrase" : "empty term")
      }
      entries.append(
        WordlistEntry(
          text: text(termLo, termHi), kind: kind, category: category, tier: tier,
          isRegex: isRegex, variants: variants, file: name, line: lineNumber))
    }
    return entries
  }

  /// The part of `all[lo..<hi]` without white space at either end: ASCII space and controls,
  /// and the Unicode spaces that occur in lists (U+00A0, U+2000–U+200A, U+202F, U+205F,
  /// U+3000). Valid UTF-8 assumed.
  static func trimmed(_ all: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> (Int, Int) {
    var lo = lo
    var hi = hi
    while lo < hi {
      let b = all[lo]
      if b == 0x20 || (0x09...0x0D).contains(b) {
        lo += 1
      } else if b >= 0xC2, let n = unicodeSpaceLength(all, lo, hi, atEnd: false) {
        lo += n
      } else {
        break
      }
    }
    while lo < hi {
      let b = all[hi - 1]
      if b == 0x20 || (0x09...0x0D).contains(b) {
        hi -= 1
      } else if b >= 0x80, let n = unicodeSpaceLength(all, lo, hi, atEnd: true) {
        hi -= n
      } else {
        break
      }
    }
    return (lo, hi)
  }

  /// The byte length of the Unicode space at the start (or end) of `all[lo..<hi]`, or nil.
  private static func unicodeSpaceLength(
    _ all: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int, atEnd: Bool
  ) -> Int? {
    // U+00A0 = C2 A0; U+2000–U+200A = E2 80 80…8A; U+202F = E2 80 AF; U+205F = E2 81 9F;
    // U+3000 = E3 80 80.
    func isSpace(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
      (a == 0xE2 && b == 0x80 && ((0x80...0x8A).contains(c) || c == 0xAF))
        || (a == 0xE2 && b == 0x81 && c == 0x9F) || (a == 0xE3 && b == 0x80 && c == 0x80)
    }
    let n = hi - lo
    if n < 2 { return nil }
    if atEnd {
      let last = all[hi - 1]
      // Fast exit: the last byte cannot end one of these spaces.
      if last != 0xA0 && last != 0xAF && last != 0x9F && !(0x80...0x8A).contains(last) {
        return nil
      }
      if all[hi - 2] == 0xC2 && last == 0xA0 { return 2 }
      if n >= 3 && isSpace(all[hi - 3], all[hi - 2], last) { return 3 }
      return nil
    }
    let first = all[lo]
    if first == 0xC2 { return all[lo + 1] == 0xA0 ? 2 : nil }
    if first != 0xE2 && first != 0xE3 { return nil }
    if n >= 3 && isSpace(first, all[lo + 1], all[lo + 2]) { return 3 }
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

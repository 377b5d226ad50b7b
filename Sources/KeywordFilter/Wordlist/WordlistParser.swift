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
  /// `TERM<TAB>review` (or `<TAB>block`) sets the entry's tier.
  ///
  /// - Parameters:
  ///   - bytes: the file's contents.
  ///   - name: the file name used in error messages and for the default category.
  /// - Throws: ``WordlistError`` naming `name:line` for invalid UTF-8, an empty term or
  ///   an unknown tier.
  public init(parsing bytes: some Collection<UInt8>, name: String) throws(WordlistError) {
    var entries: [WordlistEntry] = []
    var category = Wordlist.defaultCategory(forFileNamed: name)
    var lineNumber = 0
    var lines = Array(bytes).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
    if let first = lines.first, first.starts(with: [0xEF, 0xBB, 0xBF]) {
      lines[0] = first.dropFirst(3)
    }
    for raw in lines {
      lineNumber += 1
      guard let decoded = String(validating: raw, as: UTF8.self) else {
        throw WordlistError(file: name, line: lineNumber, reason: "not valid UTF-8")
      }
      let line = decoded.trimmingWhitespace()
      if line.isEmpty { continue }
      if line.hasPrefix("#") {
        if lineNumber == 1, let slug = Wordlist.categoryDirective(line) {
          if slug.isEmpty {
            throw WordlistError(file: name, line: lineNumber, reason: "empty category name")
          }
          category = Category(rawValue: slug)
        }
        continue
      }
      var kind = WordlistEntry.Kind.term
      var body = Substring(line)
      if body.hasPrefix("!") {
        kind = .allow
        body = body.dropFirst()
      } else if body.hasPrefix("\\!") || body.hasPrefix("\\#") {
        body = body.dropFirst()
      }
      var isRegex = false
      if body.hasPrefix("re:") {
        isRegex = true
        body = body.dropFirst(3)
      } else if body.hasPrefix("\\re:") {
        body = body.dropFirst()
      }
      var tier = Tier.block
      if let tab = body.lastIndex(of: "\t") {
        let tierText = body[body.index(after: tab)...].trimmingWhitespace()
        guard let t = Tier(rawValue: tierText) else {
          throw WordlistError(
            file: name, line: lineNumber,
            reason: "unknown tier '\(tierText)' (expected 'block' or 'review')")
        }
        tier = t
        body = body[..<tab]
      }
      let text = body.trimmingWhitespace()
      if text.isEmpty {
        throw WordlistError(
          file: name, line: lineNumber,
          reason: isRegex ? "empty regular expression"
            : kind == .allow ? "empty allow-list phrase" : "empty term")
      }
      entries.append(
        WordlistEntry(
          text: text, kind: kind, category: category, tier: tier, isRegex: isRegex,
          source: "\(name):\(lineNumber)"))
    }
    self.init(entries: entries)
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
  static func categoryDirective(_ line: String) -> String? {
    let body = line.dropFirst().trimmingWhitespace()
    guard body.lowercased().hasPrefix("category:") else { return nil }
    return body.dropFirst("category:".count).trimmingWhitespace()
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

// kwfilter — tests: the word-list format.

import Testing

@testable import KeywordFilter

@Test func parsesTheFormat() throws {
  let text = "# category: obscenity-violence\n# comment\n\n  赌博  \n!打击赌博\n\\!bang\n\\#hash\n老虎机\treview\n"
  let list = try Wordlist(parsing: Array(text.utf8), name: "x.txt")
  #expect(list.entries.map(\.text) == ["赌博", "打击赌博", "!bang", "#hash", "老虎机"])
  #expect(list.entries.map(\.kind) == [.term, .allow, .term, .term, .term])
  #expect(list.entries.allSatisfy { $0.category == .obscenityViolence })
  #expect(list.entries.map(\.tier) == [.block, .block, .block, .block, .review])
  #expect(list.entries[0].source == "x.txt:4")
}

@Test(arguments: [
  ("07-obscenity-violence.txt", "obscenity-violence"), ("dir/my-list.txt", "my-list"),
  ("plain", "plain"), ("12-a.b.txt", "a.b"),
])
func categoryFromFileName(name: String, slug: String) {
  #expect(Wordlist.defaultCategory(forFileNamed: name).rawValue == slug)
}

@Test func plainListUsesFileName() throws {
  let list = try Wordlist(parsing: Array("赌博\n".utf8), name: "/tmp/09-other-illegal.txt")
  #expect(list.entries[0].category == .otherIllegal)
}

@Test func errorsNameFileAndLine() {
  func error(_ bytes: [UInt8]) -> String? {
    do {
      _ = try Wordlist(parsing: bytes, name: "bad.txt")
      return nil
    } catch { return error.description }
  }
  #expect(error(Array("ok\n\u{FF}".utf8) + [0xFF, 0xFE]) == "bad.txt:2: not valid UTF-8")
  #expect(error(Array("ok\n!\n".utf8)) == "bad.txt:2: empty allow-list phrase")
  #expect(error(Array("ok\nx\tsevere\n".utf8))?.hasPrefix("bad.txt:2: unknown tier") == true)
}

@Test func unreadableFileIsAnError() {
  #expect(throws: WordlistError.self) { try Wordlist(contentsOfFile: "/nonexistent/list.txt") }
}

// The parser keeps `file:line` as its parts and formats it when asked; entries compare and hash
// by the formatted text, whichever way they were made.
@Test func parsedSourcesCompareAsText() throws {
  let list = try Wordlist(parsing: Array("赌博\n\n老虎机\n".utf8), name: "a.txt")
  #expect(list.entries.map(\.source) == ["a.txt:1", "a.txt:3"])
  let made = WordlistEntry(text: "赌博", category: list.entries[0].category, source: "a.txt:1")
  #expect(list.entries[0] == made)
  #expect(Set([list.entries[0], made]).count == 1)
  #expect(list.entries[0] != list.entries[1])
  var renamed = list.entries[1]
  renamed.source = "b.txt:9"
  #expect(renamed.source == "b.txt:9")
  #expect(renamed != list.entries[1])
  // A file name that itself ends in `:N` is not confused with a line number.
  let odd = try Wordlist(parsing: Array("赌博\n".utf8), name: "c.txt:1")
  #expect(odd.entries[0].source == "c.txt:1:1")
  let other = WordlistEntry(text: "赌博", category: odd.entries[0].category, source: "c.txt:1")
  #expect(odd.entries[0] != other)
}

// Trimming reads the Unicode spaces byte by byte: each trims at either end, and a character
// that merely shares their last byte (U+2020 †, `E2 80 A0`) does not.
@Test(arguments: ["\u{00A0}", "\u{2000}", "\u{200A}", "\u{202F}", "\u{205F}", "\u{3000}", " \t"])
func unicodeSpacesAreTrimmed(space: String) throws {
  let text = "\(space)赌博\(space)\n\(space)†\(space)\n"
  let list = try Wordlist(parsing: Array(text.utf8), name: "s.txt")
  #expect(list.entries.map(\.text) == ["赌博", "†"])
}

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

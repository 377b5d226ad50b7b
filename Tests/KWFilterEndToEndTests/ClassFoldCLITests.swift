// kwfilter — tests: `--variants homophones,lookalikes` (the class-fold passes) through the CLI.

import Foundation
import Testing

/// A list whose second file opts in by its `# variants:` header.
private let foldLists: [String] = {
  let a = NSTemporaryDirectory() + "kwfilter-fold-a-\(getpid()).txt"
  let b = NSTemporaryDirectory() + "kwfilter-fold-b-\(getpid()).txt"
  try? "# category: t\n白人班级\n".write(toFile: a, atomically: true, encoding: .utf8)
  try? "# category: u\n# variants: lookalikes\n婊子\n".write(toFile: b, atomically: true, encoding: .utf8)
  return [a, b]
}()

@Test func foldMatchesAreReviewTierWithExactOffsets() throws {
  let lists = foldLists.flatMap { ["-w", $0] }
  let input = "好百人办既了，婊纻\n白人班级\n"
  let on = try run(["--no-default-lists"] + lists + ["--variants", "homophones", "--json"], input: input)
  #expect(on.status == 0, "\(on.stderr)")
  #expect(
    on.text == """
      {"start":3,"end":15,"category":"t","term":"白人班级","text":"百人办既","tier":"review"}
      {"start":21,"end":27,"category":"u","term":"婊子","text":"婊纻","tier":"review"}
      {"start":28,"end":40,"category":"t","term":"白人班级","text":"白人班级","tier":"block"}

      """)
  // Without the option only the header's look-alike entry and the exact term match.
  let off = try run(["--no-default-lists"] + lists + ["--variants", "none", "-c"], input: input)
  #expect(off.text == "2\n")
  let masked = try run(["--no-default-lists"] + lists + ["--variants", "homophones"], input: input)
  #expect(masked.text == "好****了，**\n****\n")
}

@Test func compiledRulesKeepFoldMatches() throws {
  let rules = NSTemporaryDirectory() + "kwfilter-fold-\(getpid()).kwf"
  defer { try? FileManager.default.removeItem(atPath: rules) }
  let lists = foldLists.flatMap { ["-w", $0] }
  let flags = ["--variants", "homophones,lookalikes"]
  let compiled = try run(["compile", "--no-default-lists"] + lists + flags + ["-o", rules], input: "")
  #expect(compiled.status == 0, "\(compiled.stderr)")
  let input = "百人办既 白刄班汲 标自 婊纻 白人班级"
  let fromRules = try run(["--rules", rules, "--json"], input: input)
  let fromLists = try run(["--no-default-lists"] + lists + flags + ["--json"], input: input)
  #expect(fromRules.status == 0)
  #expect(fromRules.stdout == fromLists.stdout)
  #expect(fromLists.text.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 5)
}

// kwfilter — tests: `--boundary-control` and glued pinyin through the built binary.

import Foundation
import Testing

private let boundaryList: String = {
  let path = NSTemporaryDirectory() + "kwfilter-e2e-boundary-\(getpid()).txt"
  try? "# category: t\n口交\n赌博\n".write(toFile: path, atomically: true, encoding: .utf8)
  return path
}()

@Test func boundaryControlModes() throws {
  let input = "路口交通，他口交了\n"
  let common = ["--no-default-lists", "-w", boundaryList]
  let review = try run(common + ["--json"], input: input)  // the default
  #expect(review.text.contains(#""text":"口交","tier":"review""#))
  #expect(review.text.contains(#""tier":"block""#))
  let off = try run(common + ["--json", "--boundary-control", "off"], input: input)
  #expect(!off.text.contains(#""tier":"review""#))
  let drop = try run(common + ["--boundary-control", "drop"], input: input)
  #expect(drop.text == "路口交通，他**了\n")
  let bad = try run(common + ["--boundary-control", "sometimes"], input: input)
  #expect(bad.status == 2)
  #expect(bad.stderr.contains("--boundary-control"))
}

@Test func gluedPinyinThroughTheCLI() throws {
  let r = try run(
    ["--no-default-lists", "-w", boundaryList, "--variants", "pinyin", "-c"],
    input: "duboma\ndubois\n")
  #expect(r.text.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
}

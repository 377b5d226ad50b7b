// kwfilter — MailParsing tests: the real trec06c sample, when it is present.
//
// The corpus is read in place and never copied. Figures (counts, throughput) come from the
// `mail-corpus-stats` executable; this test checks invariants on every message.

import Foundation
import MailParsing
import Testing

private let corpus =
  ProcessInfo.processInfo.environment["KWFILTER_MAIL_CORPUS"]
  ?? "/work/shared/corpora/mail/trec06c_sample"

private func corpusFiles() -> [String] {
  ["ham", "spam"].flatMap { sub in
    ((try? FileManager.default.contentsOfDirectory(atPath: corpus + "/" + sub)) ?? [])
      .filter { $0.hasSuffix(".eml") }.sorted().map { corpus + "/" + sub + "/" + $0 }
  }
}

@Test(
  .enabled(
    if: FileManager.default.fileExists(atPath: corpus + "/ham"), "trec06c sample not present"))
func trec06cSampleParses() throws {
  let files = corpusFiles()
  #expect(files.count == 4_000)
  var kinds: [MailProblem.Kind: Int] = [:]
  for file in files {
    let raw = try #require(FileManager.default.contents(atPath: file)).map { $0 }
    let mail = MailParser.parse(raw)
    #expect(allTextIsUTF8(mail), "\(file)")
    #expect(mail.parts.contains { $0.contentType != "header" }, "\(file): no body text")
    for p in mail.problems { kinds[p.kind, default: 0] += 1 }
    // Adding a header changes nothing else: the parts stay the same.
    let marked = MailHeaders.adding([("X-Kwfilter-Status", "Yes")], to: raw)
    #expect(
      marked.count == raw.count + "X-Kwfilter-Status: Yes\n".utf8.count
        + (raw.contains(0x0D) && isCRLF(raw) ? 1 : 0), "\(file)")
    #expect(MailParser.parse(marked).parts == mail.parts, "\(file)")
  }
  // trec06c declares 1,281 multipart bodies without any boundary line (README §3).
  #expect((kinds[.boundaryNotFound] ?? 0) + (kinds[.missingBoundaryParameter] ?? 0) == 1_281)
}

private func isCRLF(_ raw: [UInt8]) -> Bool {
  guard let nl = raw.firstIndex(of: 0x0A) else { return false }
  return nl > 0 && raw[nl - 1] == 0x0D
}

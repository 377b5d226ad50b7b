// kwfilter — tests: FilterHolder — reloads under concurrent scans, failed reloads, the watcher.

import Foundation
import Synchronization
import Testing

@testable import KeywordFilter

@Suite struct ProductionHolderTests {
  /// A fresh temporary folder.
  static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "kwfilter-holder-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// Writes `text` to `path` the safe way (temporary file, then rename).
  static func deploy(_ text: String, to path: String) throws {
    try text.write(toFile: path + ".tmp", atomically: false, encoding: .utf8)
    #expect(rename(path + ".tmp", path) == 0)
  }

  static let listA = "# category: list-a\n赌博\n"
  static let listB = "# category: list-b\n赌博\n法轮功\n!打击赌博\n"

  /// Text where the two lists give clearly different results (count and categories).
  static let text: [UInt8] = {
    var s = ""
    for k in 0..<4000 { s += k % 3 == 0 ? "网上賭-博，打击赌博\n" : "法 轮 功 line \(k)\n" }
    return Array(s.utf8)
  }()

  @Test func reloadUnderEightConcurrentScans() throws {
    let folder = Self.temporaryFolder()
    let path = folder + "/list.txt"
    try Self.deploy(Self.listA, to: path)
    let holder = try FilterHolder(sources: FilterSources(files: [path]))
    let expectedA = holder.matches(in: Self.text)
    try Self.deploy(Self.listB, to: path)
    let filterB = try FilterSources(files: [path]).build()
    let expectedB = filterB.matches(in: Self.text)
    #expect(expectedA != expectedB)
    #expect(!expectedA.isEmpty && !expectedB.isEmpty)

    final class Shared: Sendable {
      let stop = Atomic<Bool>(false)
      let scans = Atomic<Int>(0)
      let mixed = Atomic<Int>(0)
      let sawB = Atomic<Int>(0)
    }
    let shared = Shared()
    let done = DispatchSemaphore(value: 0)
    for _ in 0..<8 {
      let thread = Thread {
        while !shared.stop.load(ordering: .relaxed) || shared.scans.load(ordering: .relaxed) < 16 {
          let found = holder.matches(in: Self.text)
          if found == expectedB {
            shared.sawB.add(1, ordering: .relaxed)
          } else if found != expectedA {
            shared.mixed.add(1, ordering: .relaxed)
          }
          shared.scans.add(1, ordering: .relaxed)
        }
        done.signal()
      }
      thread.start()
    }
    // Alternate the list while the threads scan.
    for k in 0..<40 {
      try Self.deploy(k % 2 == 0 ? Self.listB : Self.listA, to: path)
      try holder.reload()
    }
    shared.stop.store(true, ordering: .relaxed)
    for _ in 0..<8 { done.wait() }
    #expect(shared.mixed.load(ordering: .relaxed) == 0)
    #expect(shared.scans.load(ordering: .relaxed) >= 16)
    #expect(holder.generation == 41)
    #expect(holder.matches(in: Self.text) == expectedA)  // the last list deployed was A
  }

  @Test func failedReloadKeepsTheOldFilter() throws {
    let folder = Self.temporaryFolder()
    let path = folder + "/list.txt"
    try Self.deploy(Self.listA, to: path)
    let holder = try FilterHolder(sources: FilterSources(files: [path]))
    let before = holder.current

    // Invalid UTF-8 on line 2: a WordlistError naming the file and line.
    try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
    #expect(throws: WordlistError.self) { try holder.reload() }
    #expect(holder.current === before)
    #expect(holder.generation == 1)

    // A term made only of noise: a FilterError.
    try Self.deploy("# category: x\n，，\n", to: path)
    #expect(throws: FilterError.self) { try holder.reload() }
    // A list that is gone.
    try FileManager.default.removeItem(atPath: path)
    #expect(throws: WordlistError.self) { try holder.reload() }
    #expect(holder.current === before)
    #expect(holder.matches(in: "赌博").count == 1)

    // And a good list again is taken.
    try Self.deploy(Self.listB, to: path)
    try holder.reload()
    #expect(holder.current !== before)
    #expect(holder.generation == 2)
  }

  @Test func oldFilterLivesUntilItsLastScanEnds() throws {
    let holder = FilterHolder(filter: try Filter(wordlist: Wordlist(terms: ["赌博"])))
    weak var old: Filter?
    do {
      let pinned = holder.current  // a scan in progress holds its filter
      old = pinned
      holder.replace(with: try Filter(wordlist: Wordlist(terms: ["法轮功"])))
      #expect(old != nil)
      #expect(pinned.matches(in: "赌博").count == 1)  // still the old lists
      #expect(holder.matches(in: "赌博").isEmpty)
    }
    #expect(old == nil)
  }

  @Test func reloadWithoutSourcesThrows() throws {
    let holder = FilterHolder(filter: try Filter(wordlist: Wordlist(terms: ["赌博"])))
    #expect(throws: FilterError.self) { try holder.reload() }
    #expect(throws: FilterError.self) { _ = try holder.watch { _ in } }
  }

  @Test func watcherReloadsChangedListsAndReportsBadOnes() async throws {
    let folder = Self.temporaryFolder()
    try Self.deploy(Self.listA, to: folder + "/10-a.txt")
    let holder = try FilterHolder(sources: FilterSources(directories: [folder]))
    let errors = Mutex<[String]>([])
    let watch = try holder.watch(every: .milliseconds(20)) { error in
      errors.withLock { $0.append("\(error)") }
    }
    defer { watch.stop() }

    func waitFor(_ condition: () -> Bool) async throws -> Bool {
      for _ in 0..<250 {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
      }
      return condition()
    }

    // A list added to the folder.
    try Self.deploy("# category: added\n法轮功\n", to: folder + "/20-b.txt")
    #expect(try await waitFor { holder.generation == 2 })
    #expect(holder.matches(in: "法轮功").first?.category.rawValue == "added")

    // A bad list: reported, old filter kept, no retry until the next change.
    try Data([0x61, 0x0A, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: folder + "/bad.tmp"))
    #expect(rename(folder + "/bad.tmp", folder + "/20-b.txt") == 0)
    #expect(try await waitFor { !errors.withLock { $0.isEmpty } })
    #expect(holder.generation == 2)
    #expect(holder.matches(in: "法轮功").count == 1)
    try await Task.sleep(for: .milliseconds(200))
    #expect(errors.withLock { $0.count } == 1)

    // Fixed: taken.
    try Self.deploy("# category: fixed\n法轮功\n", to: folder + "/20-b.txt")
    #expect(try await waitFor { holder.generation == 3 })
    #expect(holder.matches(in: "法轮功").first?.category.rawValue == "fixed")

    // Stopped: changes are no longer picked up.
    watch.stop()
    try await Task.sleep(for: .milliseconds(100))
    try Self.deploy(Self.listB, to: folder + "/20-b.txt")
    try await Task.sleep(for: .milliseconds(200))
    #expect(holder.generation == 3)
  }

  @Test func batchScanKeepsOrderAndEqualsOneByOne() async throws {
    let filter = try Filter(wordlist: Wordlist(parsing: Self.listB, name: "b.txt"))
    var documents: [[UInt8]] = []
    for k in 0..<300 {
      let piece = k % 4 == 0 ? "打击赌博" : k % 4 == 1 ? "法-轮-功" : k % 4 == 2 ? "nothing" : "赌博"
      documents.append(Array(String(repeating: piece + " \(k) ", count: 1 + k % 37).utf8))
    }
    let expected = documents.map { filter.matches(in: $0) }
    #expect(await filter.matches(inDocuments: documents) == expected)
    #expect(await filter.matches(inDocuments: documents, maxConcurrency: 1) == expected)
    #expect(await filter.matches(inDocuments: documents, maxConcurrency: 8) == expected)
    #expect(await filter.matches(inDocuments: []) == [])
    let holder = FilterHolder(filter: filter)
    #expect(await holder.matches(inDocuments: documents) == expected)
  }
}

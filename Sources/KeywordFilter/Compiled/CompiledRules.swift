// kwfilter — KeywordFilter: compiled rule files — a built filter written once, mapped at start-up.

import AhoCorasick

#if canImport(Glibc)
  import Glibc
#endif

/// Why a compiled rule file could not be written or loaded.
public struct CompiledRulesError: Error, Sendable, CustomStringConvertible {
  /// The file.
  public let path: String
  /// Why.
  public let reason: String
  /// `path: reason`.
  public var description: String { "\(path): \(reason)" }
}

/// The compiled rule file format (`.kwf`).
///
/// ```
/// 0   8  magic "KWFRULES"
/// 8   4  format version (little endian; this is 1)
/// 12  4  section count
/// 16  8  payload length (bytes after the 40-byte header)
/// 24  8  checksum of the payload (64-bit multiply-xor hash, 8 bytes a step)
/// 32  8  reserved
/// 40  …  section directory: per section, tag (8) offset (8) length (8), offsets from file start
///        sections, each 16-byte aligned: scalars, tables, entry records
/// ```
///
/// Tables are stored exactly as they are in memory (little endian), so loading maps the file
/// and points the filter's tables into it: processes that load the same file share its pages,
/// and start-up does no construction work. A truncated file, a wrong magic number, a newer
/// version or a checksum mismatch is rejected before anything is used.
///
/// Two additions kept version 1, since older readers ignore them and newer readers default
/// them: scalar 15 (``Filter/Configuration/boundaryControl``; absent: the default) and the
/// `pinyinRule` section (``Filter/isPinyinRule``; absent: no rule relaxed, as before).
enum CompiledRules {
  static let magic: [UInt8] = Array("KWFRULES".utf8)
  static let version: UInt32 = 1
  static let headerSize = 40

  enum Tag: UInt64, CaseIterable {
    case scalars = 1, patternLengths, base, check, fail, rootNext, ownOutput, nextSameOutput
    case dictionaryLink, depth, dfaTable, dfaRootNext, dfaWordOfState, dfaStateOfBase
    case bmp, foldedSymbols, ruleOfPattern, ruleEntry, ruleTier, patternLength, isAllow
    case boundaryBefore, boundaryAfter, entryOffsets, entryBlob
    /// Added later (files without it have no pinyin rules marked, as before).
    case pinyinRule
  }

  /// The hash used as checksum: four independent multiply-xor lanes over 32 bytes a step
  /// (several GB/s), folded together at the end; any changed byte changes it (almost surely).
  static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x100_0000_01B3
    var h0: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
    var h1: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    var h2: UInt64 = 0x1656_67B1_9E37_79F9
    var h3: UInt64 = 0x27D4_EB2F_1656_67C5
    let blocks = bytes.count / 32
    for k in 0..<blocks {
      let at = k * 32
      h0 = (h0 ^ bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* prime
      h1 = (h1 ^ bytes.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self)) &* prime
      h2 = (h2 ^ bytes.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self)) &* prime
      h3 = (h3 ^ bytes.loadUnaligned(fromByteOffset: at + 24, as: UInt64.self)) &* prime
      h0 ^= h0 >> 29
      h1 ^= h1 >> 29
      h2 ^= h2 >> 29
      h3 ^= h3 >> 29
    }
    var h = h0 ^ (h1 &* 31) ^ (h2 &* 961) ^ (h3 &* 29791)
    for k in (blocks * 32)..<bytes.count {
      h = (h ^ UInt64(bytes[k])) &* prime
      h ^= h >> 29
    }
    return h
  }
}

/// A read-only memory mapping, unmapped when the last table pointing into it goes.
final class MappedFile: @unchecked Sendable {
  // Safety (@unchecked Sendable): the mapping is read-only and never changes.
  let base: UnsafeRawPointer
  let length: Int

  init(path: String) throws(CompiledRulesError) {
    let fd = open(path, O_RDONLY)
    if fd < 0 {
      throw CompiledRulesError(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
      throw CompiledRulesError(path: path, reason: "not a regular file")
    }
    length = Int(info.st_size)
    guard length >= CompiledRules.headerSize else {
      throw CompiledRulesError(path: path, reason: "truncated: not a compiled rule file")
    }
    guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
      throw CompiledRulesError(path: path, reason: "cannot map: \(String(cString: strerror(errno)))")
    }
    base = UnsafeRawPointer(p)
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: base), length) }
}

extension Filter {
  /// Writes the filter as a compiled rule file (see the README's "Compiled rule sets").
  ///
  /// - Throws: ``CompiledRulesError`` when the file cannot be written.
  public func writeCompiledRules(to path: String) throws(CompiledRulesError) {
    var sections: [(CompiledRules.Tag, [UInt8])] = []
    func raw<T: BitwiseCopyable>(_ tag: CompiledRules.Tag, _ a: FlatArray<T>) {
      sections.append((tag, Array(a.rawBytes)))
    }
    let n = configuration.normalization
    let t = automaton.tables
    let scalars: [Int64] = [
      n.foldCharacters ? 1 : 0, n.skipNoise ? 1 : 0, Int64(n.maxNoise), n.wordBoundaries ? 1 : 0,
      configuration.semantics == .all ? 1 : 0, Int64(configuration.variants.rawValue),
      alphabet.lookalikes ? 1 : 0, Int64(t.alphabetSize), Int64(alphabet.size),
      Int64(maxSpan), Int64(bitPattern: t.dfaRootWord), Int64(t.dfaSymbolLimit),
      Int64(t.dfaTransitionCount), Int64(t.dfaIncompleteCount), Int64(configuration.laneThreshold),
      Int64(BoundaryControl.allCases.firstIndex(of: configuration.boundaryControl) ?? 0),
      classFoldMask,
    ]
    sections.append((.scalars, scalars.withUnsafeBytes { Array($0) }))
    raw(.patternLengths, t.patternLengths)
    raw(.base, t.base)
    raw(.check, t.check)
    raw(.fail, t.fail)
    raw(.rootNext, t.rootNext)
    raw(.ownOutput, t.ownOutput)
    raw(.nextSameOutput, t.nextSameOutput)
    raw(.dictionaryLink, t.dictionaryLink)
    raw(.depth, t.depth)
    raw(.dfaTable, t.dfaTable)
    raw(.dfaRootNext, t.dfaRootNext)
    raw(.dfaWordOfState, t.dfaWordOfState)
    raw(.dfaStateOfBase, t.dfaStateOfBase)
    raw(.bmp, alphabet.bmp)
    let folded = alphabet.symbolOfFolded.sorted { $0.key < $1.key }
      .flatMap { [UInt32($0.key), UInt32($0.value)] }
    sections.append((.foldedSymbols, folded.withUnsafeBytes { Array($0) }))
    raw(.ruleOfPattern, ruleOfPattern)
    raw(.ruleEntry, ruleEntry)
    raw(.ruleTier, ruleTier)
    raw(.patternLength, patternLength)
    raw(.isAllow, isAllow)
    raw(.boundaryBefore, needsBoundaryBefore)
    raw(.boundaryAfter, needsBoundaryAfter)
    raw(.pinyinRule, isPinyinRule)
    var blob: [UInt8] = []
    let offsets = EntryStore.encode((0..<entryStore.count).lazy.map { self.entryStore[$0] }, into: &blob)
    sections.append((.entryOffsets, offsets.withUnsafeBytes { Array($0) }))
    sections.append((.entryBlob, blob))

    // Layout: header, directory, then each section 16-byte aligned.
    var file = [UInt8](repeating: 0, count: CompiledRules.headerSize + sections.count * 24)
    var directory: [(UInt64, UInt64, UInt64)] = []
    for (tag, bytes) in sections {
      while file.count % 16 != 0 { file.append(0) }
      directory.append((tag.rawValue, UInt64(file.count), UInt64(bytes.count)))
      file.append(contentsOf: bytes)
    }
    func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
      withUnsafeBytes(of: value.littleEndian) { file.replaceSubrange(offset..<(offset + $0.count), with: $0) }
    }
    for (k, d) in directory.enumerated() {
      put(d.0, at: CompiledRules.headerSize + k * 24)
      put(d.1, at: CompiledRules.headerSize + k * 24 + 8)
      put(d.2, at: CompiledRules.headerSize + k * 24 + 16)
    }
    file.replaceSubrange(0..<8, with: CompiledRules.magic)
    put(CompiledRules.version, at: 8)
    put(UInt32(sections.count), at: 12)
    put(UInt64(file.count - CompiledRules.headerSize), at: 16)
    let sum = file.withUnsafeBytes {
      CompiledRules.checksum(UnsafeRawBufferPointer(rebasing: $0[CompiledRules.headerSize...]))
    }
    put(sum, at: 24)

    // Write to a temporary file, then rename: readers never see a half-written file.
    let temporary = path + ".tmp-\(getpid())"
    let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { throw CompiledRulesError(path: path, reason: String(cString: strerror(errno))) }
    var written = 0
    while written < file.count {
      let n = file.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
      if n <= 0 {
        if n < 0 && errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        close(fd)
        unlink(temporary)
        throw CompiledRulesError(path: path, reason: reason)
      }
      written += n
    }
    close(fd)
    if rename(temporary, path) != 0 {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw CompiledRulesError(path: path, reason: reason)
    }
  }

  /// Loads a compiled rule file written by ``writeCompiledRules(to:)``: maps it and points the
  /// filter's tables into the mapping (no rebuilding).
  ///
  /// - Throws: ``CompiledRulesError`` for a missing, truncated, corrupt (checksum) or
  ///   newer-version file, or one whose tables do not fit together.
  public convenience init(compiledRulesAt path: String) throws(CompiledRulesError) {
    let file = try MappedFile(path: path)
    func fail(_ reason: String) -> CompiledRulesError { CompiledRulesError(path: path, reason: reason) }
    let all = UnsafeRawBufferPointer(start: file.base, count: file.length)
    guard Array(all[0..<8]) == CompiledRules.magic else { throw fail("not a compiled kwfilter rule file") }
    let version = all.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
    guard version == CompiledRules.version else {
      throw fail(
        version > CompiledRules.version
          ? "format version \(version) is newer than this kwfilter reads (\(CompiledRules.version)); recompile the rules"
          : "unknown format version \(version)")
    }
    let sectionCount = Int(all.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
    let payload = Int(all.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
    guard payload == file.length - CompiledRules.headerSize,
      CompiledRules.headerSize + sectionCount * 24 <= file.length
    else { throw fail("truncated or padded: \(file.length) bytes, header says \(payload + CompiledRules.headerSize)") }
    let sum = all.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
    guard CompiledRules.checksum(UnsafeRawBufferPointer(rebasing: all[CompiledRules.headerSize...])) == sum
    else { throw fail("corrupt: checksum mismatch") }
    var sections: [UInt64: (offset: Int, length: Int)] = [:]
    for k in 0..<sectionCount {
      let at = CompiledRules.headerSize + k * 24
      let tag = all.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
      let offset = Int(all.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self).littleEndian)
      let length = Int(all.loadUnaligned(fromByteOffset: at + 16, as: UInt64.self).littleEndian)
      guard offset % 16 == 0, offset >= 0, length >= 0, offset + length <= file.length else {
        throw fail("corrupt section directory")
      }
      sections[tag] = (offset, length)
    }
    func table<T: BitwiseCopyable>(_ tag: CompiledRules.Tag, _: T.Type) throws(CompiledRulesError) -> FlatArray<T> {
      guard let s = sections[tag.rawValue], s.length % MemoryLayout<T>.stride == 0 else {
        throw fail("missing or malformed section \(tag)")
      }
      return FlatArray(borrowing: file.base + s.offset, count: s.length / MemoryLayout<T>.stride, owner: file)
    }
    let scalars = try table(.scalars, Int64.self)
    guard scalars.count >= 15 else { throw fail("missing scalars") }
    let normalization = Normalization(
      foldCharacters: scalars[0] != 0, skipNoise: scalars[1] != 0, maxNoise: Int(scalars[2]),
      wordBoundaries: scalars[3] != 0)
    var configuration = Configuration(
      normalization: normalization, semantics: scalars[4] != 0 ? .all : .leftmostLongest,
      variants: VariantOptions(rawValue: UInt32(truncatingIfNeeded: scalars[5])))
    configuration.laneThreshold = Int(scalars[14])
    // Scalar 15 (boundary control) came later; files without it get the default.
    if scalars.count > 15, BoundaryControl.allCases.indices.contains(Int(scalars[15])) {
      configuration.boundaryControl = BoundaryControl.allCases[Int(scalars[15])]
    }
    let tables = Automaton.Tables(
      alphabetSize: Int(scalars[7]), patternLengths: try table(.patternLengths, Int32.self),
      base: try table(.base, Int32.self), check: try table(.check, UInt32.self),
      fail: try table(.fail, UInt32.self), rootNext: try table(.rootNext, UInt32.self),
      ownOutput: try table(.ownOutput, UInt32.self),
      nextSameOutput: try table(.nextSameOutput, UInt32.self),
      dictionaryLink: try table(.dictionaryLink, UInt32.self), depth: try table(.depth, UInt32.self),
      dfaTable: try table(.dfaTable, UInt64.self), dfaRootNext: try table(.dfaRootNext, UInt32.self),
      dfaWordOfState: try table(.dfaWordOfState, UInt32.self),
      dfaStateOfBase: try table(.dfaStateOfBase, UInt32.self),
      dfaRootWord: UInt64(bitPattern: scalars[10]), dfaSymbolLimit: Int(scalars[11]),
      dfaTransitionCount: Int(scalars[12]), dfaIncompleteCount: Int(scalars[13]))
    let automaton: Automaton
    do { automaton = try Automaton(tables: tables) } catch { throw fail(error.description) }
    let folded = try table(.foldedSymbols, UInt32.self)
    var symbolOfFolded: [UInt32: UInt16] = [:]
    symbolOfFolded.reserveCapacity(folded.count / 2)
    for k in stride(from: 0, to: folded.count - 1, by: 2) { symbolOfFolded[folded[k]] = UInt16(truncatingIfNeeded: folded[k + 1]) }
    let size = Int(scalars[8])
    let bmp = try table(.bmp, UInt16.self)
    let bmpMax = bmp.withUnsafeBufferPointer { b in b.reduce(UInt16(0)) { Swift.max($0, $1) } }
    guard bmp.count == 0x10000, size + 2 == automaton.dfa.symbolLimit, Int(bmpMax) <= size + 1
    else { throw fail("the character table does not fit the automaton") }
    let alphabet = Alphabet(
      bmp: bmp, symbolOfFolded: symbolOfFolded, size: size, normalization: normalization,
      lookalikes: scalars[6] != 0)
    let store = EntryStore(offsets: try table(.entryOffsets, UInt64.self), blob: try table(.entryBlob, UInt8.self))
    let ruleEntry = try table(.ruleEntry, Int.self)
    let ruleOfPattern = try table(.ruleOfPattern, Int.self)
    let rules = ruleEntry.count
    func inRange(_ a: FlatArray<Int>, _ n: Int) -> Bool {
      a.withUnsafeBufferPointer { b in
        var lo = 0
        var hi = 0
        for v in b {
          lo = Swift.min(lo, v)
          hi = Swift.max(hi, v)
        }
        return lo >= 0 && (b.isEmpty || hi < n)
      }
    }
    let patternLength = try table(.patternLength, Int.self)
    // Regex rules are the ones without a folded pattern; only their entries need decoding.
    let regexRuleIndices = (0..<rules).filter { patternLength[$0] == 0 }
    let ruleMin = ruleOfPattern.withUnsafeBufferPointer { $0.min() ?? 0 }
    let ruleMax = ruleOfPattern.withUnsafeBufferPointer { $0.max() ?? 0 }
    guard ruleOfPattern.count == automaton.patternCount, ruleMin >= -regexRuleIndices.count,
      ruleOfPattern.isEmpty || ruleMax < rules, inRange(ruleEntry, store.count)
    else { throw fail("the rules do not fit the entries") }
    let regexRules: RegexRules
    do {
      let texts = regexRuleIndices.map { store[ruleEntry[$0]].text }
      let triggers = RegexTriggers.folded(texts, normalization: normalization, folds: alphabet.folds)
      regexRules = try RegexRules(
        entries: store, rules: regexRuleIndices, ruleEntry: ruleEntry,
        triggers: triggers.map { $0 == nil ? nil : [] })
    } catch { throw fail(error.description) }
    let isPinyinRule =
      sections[CompiledRules.Tag.pinyinRule.rawValue] == nil
      ? FlatArray([Bool](repeating: false, count: rules)) : try table(.pinyinRule, Bool.self)
    guard isPinyinRule.count == rules else { throw fail("the pinyin table does not fit the rules") }
    // The class-fold passes are rebuilt from the entries (scalar 16 says which exist; files
    // written before it had them decode the entries to find out).
    var foldPasses: [Filter] = []
    let foldMask = scalars.count > 16 ? scalars[16] : -1
    if foldMask != 0 {
      do {
        foldPasses = try Filter.classFoldPasses(
          entries: store.all, store: store, configuration: configuration,
          lookalikes: alphabet.lookalikes)
      } catch { throw fail(error.description) }
    }
    self.init(
      entryStore: store, configuration: configuration, automaton: automaton, alphabet: alphabet,
      regexRules: regexRules, ruleOfPattern: ruleOfPattern, ruleEntry: ruleEntry,
      ruleTier: try table(.ruleTier, Tier.self), patternLength: patternLength,
      isAllow: try table(.isAllow, Bool.self),
      needsBoundaryBefore: try table(.boundaryBefore, Bool.self),
      needsBoundaryAfter: try table(.boundaryAfter, Bool.self),
      isPinyinRule: isPinyinRule, maxSpan: Int(scalars[9]), foldPasses: foldPasses)
  }
}

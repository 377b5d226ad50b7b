// kwfilter — KeywordFilter: the variant data, parsed from the generated VariantData.

/// Readings, homophones, splits and frequency ranks, decoded once per process from
/// ``VariantData`` (a few milliseconds) and shared by every expansion.
///
/// Every character here is a fixed point of the standard fold, so lookups take folded text.
struct VariantTables: Sendable {
  /// Syllable spellings (`du`, `nv`), indexed by syllable number.
  let syllables: [[Unicode.Scalar]]
  /// Character → its syllable numbers, customary reading first (at most two).
  let readings: [UInt32: [Int]]
  /// Syllable number → characters with that reading, most frequent first.
  let homophones: [[UInt32]]
  /// Character → position in the frequency order (0 = most frequent).
  let rank: [UInt32: Int]
  /// Character → its two-component splits, preferred first.
  let splits: [UInt32: [Split]]
  /// Second component of a character's preferred split → the characters with it (`及` → 级 吸 …).
  let bySecondComponent: [UInt32: [UInt32]]
  /// Component of a character's preferred split → the characters with it (`黑` → 嘿 …).
  let byComponent: [UInt32: [UInt32]]

  /// A character written as two components.
  struct Split: Sendable, Equatable {
    let first: UInt32
    let second: UInt32
    /// The two components spell a common word (`好` = `女子`): not used for one-character terms.
    let spellsWord: Bool
  }

  /// The process-wide tables.
  static let shared = VariantTables()

  init() {
    var syllables: [[Unicode.Scalar]] = []
    var syllableIndex: [String: Int] = [:]
    func syllable(_ name: Substring) -> Int {
      if let i = syllableIndex[String(name)] { return i }
      syllables.append(Array(name.unicodeScalars))
      syllableIndex[String(name)] = syllables.count - 1
      return syllables.count - 1
    }

    var readings: [UInt32: [Int]] = [:]
    for (name, chars) in VariantTables.entries(VariantData.primaryReadings) {
      let s = syllable(name)
      for c in chars.unicodeScalars { readings[c.value] = [s] }
    }
    for (name, chars) in VariantTables.entries(VariantData.secondReadings) {
      let s = syllable(name)
      for c in chars.unicodeScalars { readings[c.value, default: []].append(s) }
    }
    var homophones: [Int: [UInt32]] = [:]
    for (name, chars) in VariantTables.entries(VariantData.homophones) {
      homophones[syllable(name)] = chars.unicodeScalars.map(\.value)
    }

    var rank: [UInt32: Int] = [:]
    for c in VariantData.frequencyOrder.unicodeScalars where c != "\n" {
      rank[c.value] = rank.count
    }

    var splits: [UInt32: [Split]] = [:]
    var bySecond: [UInt32: [UInt32]] = [:]
    var byComponent: [UInt32: [UInt32]] = [:]
    for chunk in VariantData.splitChunks {
      for (name, rest) in VariantTables.entries(chunk) {
        guard let c = name.unicodeScalars.first?.value else { continue }
        var list: [Split] = []
        for part in rest.split(separator: " ") {
          let flagged = part.hasPrefix("*")
          let scalars = Array(part.unicodeScalars.drop { $0 == "*" })
          guard scalars.count == 2 else { continue }
          list.append(Split(first: scalars[0].value, second: scalars[1].value, spellsWord: flagged))
        }
        guard let preferred = list.first else { continue }
        splits[c] = list
        bySecond[preferred.second, default: []].append(c)
        byComponent[preferred.first, default: []].append(c)
        if preferred.second != preferred.first {
          byComponent[preferred.second, default: []].append(c)
        }
      }
    }

    self.syllables = syllables
    self.readings = readings
    self.homophones = (0..<syllables.count).map { homophones[$0] ?? [] }
    self.rank = rank
    self.splits = splits
    self.bySecondComponent = bySecond
    self.byComponent = byComponent
  }

  /// The `NAME=VALUE` lines of one literal (leading spaces trimmed).
  private static func entries(_ literal: String) -> [(Substring, Substring)] {
    literal.split(separator: "\n").compactMap { raw in
      let line = raw.drop { $0 == " " }
      guard let eq = line.firstIndex(of: "=") else { return nil }
      return (line[..<eq], line[line.index(after: eq)...])
    }
  }
}

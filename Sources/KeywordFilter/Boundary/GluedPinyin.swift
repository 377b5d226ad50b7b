// kwfilter — KeywordFilter: the Latin word-boundary rule relaxed for pinyin glued to pinyin.

/// Whether letters next to a pinyin-variant match are more pinyin: the rest of the Latin run
/// splits completely into toneless pinyin syllables.
///
/// Pinyin variants (``VariantOptions/pinyinFull``) must match as whole Latin words, so `dubo`
/// (赌博) does not match inside `dubois`. But writers glue the pinyin of neighbouring words:
/// `hei renma fan` holds `heiren` (黑人) followed by `ma`. A pinyin-variant match inside a
/// Latin run is therefore accepted when the letters between the run's start and the match, and
/// between the match and the run's end, each split into syllables (`ma` does; the `is` of
/// `dubois` does not). English words mostly fail; some pass (`dubogan`: `gan` is a syllable),
/// which is the price of the recall (see the README).
///
/// Only variants of terms without Latin letters or digits are relaxed (`露b` spelled `lub`
/// would otherwise match in `Luberda`).
///
/// The look is bounded: a side with more than ``maxLetters`` letters, or with a digit, is not
/// pinyin. Syllables come from the variant data (the 413 readings of ``VariantTables``), with
/// `ü` spelled both `v` and `u`.
enum GluedPinyin {
  /// Letters looked at on each side of a match.
  static let maxLetters = 32
  /// Input bytes that hold ``maxLetters`` + 1 characters: how far the scanner must look.
  static let contextBytes = 4 * (maxLetters + 1) + 4

  /// Every toneless syllable with a vowel, as lower-case ASCII letters. The vowel-less
  /// interjections (`m`, `n`, `ng`, `hng`, `r`) are left out: they are never glued in real
  /// pinyin, but make English fragments split (`hman`, `ser`).
  static let syllables: Set<[UInt8]> = {
    var set: Set<[UInt8]> = []
    for s in VariantTables.shared.syllables {
      let letters = s.map { UInt8(truncatingIfNeeded: $0.value) }
      if !letters.contains(where: { "aeiouv".utf8.contains($0) }) { continue }
      set.insert(letters)
      set.insert(letters.map { $0 == UInt8(ascii: "v") ? UInt8(ascii: "u") : $0 })
    }
    return set
  }()
  static let longestSyllable = 6

  /// Whether `letters` (lower-case ASCII) split completely into syllables; true when empty.
  static func isPinyin(_ letters: [UInt8]) -> Bool {
    if letters.isEmpty { return true }
    if letters.count > maxLetters { return false }
    var reach = [Bool](repeating: false, count: letters.count + 1)
    reach[0] = true
    for i in 1...letters.count {
      for n in 1...min(longestSyllable, i) where reach[i - n] {
        if syllables.contains(Array(letters[(i - n)..<i])) {
          reach[i] = true
          break
        }
      }
    }
    return reach[letters.count]
  }

  /// The folded character as a lower-case ASCII letter, nil for any other word character
  /// (a digit, a non-ASCII letter), and 0 for a character that ends the run.
  static func letter(_ cp: UInt32?, alphabet: Alphabet) -> UInt8? {
    guard let cp else { return 0 }
    let f: UInt32
    switch alphabet.fold(cp) {
    case .noise: return 0
    case .single(let x): f = x
    case .multiple(let fs): f = fs[0]
    }
    if !Alphabet.isWordCharacter(f) { return 0 }
    switch f {
    case 0x61...0x7A: return UInt8(f)
    case 0x41...0x5A: return UInt8(f + 0x20)
    default: return nil
    }
  }
}

extension ByteView {
  /// Whether the Latin run ending at `offset` is glued pinyin (see ``GluedPinyin``).
  func gluedPinyin(before offset: Int, alphabet: Alphabet) -> Bool {
    var letters: [UInt8] = []
    var at = offset
    while true {
      let c = character(endingAt: at)
      guard let l = GluedPinyin.letter(c?.scalar, alphabet: alphabet) else { return false }
      if l == 0 { break }
      letters.append(l)
      if letters.count > GluedPinyin.maxLetters { return false }
      at = c!.start
    }
    return GluedPinyin.isPinyin(letters.reversed())
  }

  /// Whether the Latin run starting at `offset` is glued pinyin.
  func gluedPinyin(after offset: Int, alphabet: Alphabet) -> Bool {
    var letters: [UInt8] = []
    var at = offset
    while true {
      let c = character(at: at)
      guard let l = GluedPinyin.letter(c?.scalar, alphabet: alphabet) else { return false }
      if l == 0 { break }
      letters.append(l)
      if letters.count > GluedPinyin.maxLetters { return false }
      at += c!.length
    }
    return GluedPinyin.isPinyin(letters)
  }
}

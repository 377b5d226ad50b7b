// kwfilter — KeywordFilter: a few Han characters of a match's context, held inline.

/// Up to ``BoundaryRule/contextCharacters`` folded Han characters in text order, stored in the
/// value itself: every Chinese occurrence carries the characters before it (see
/// ``Occurrence/hanBefore``), and an array each would cost an allocation per occurrence.
struct HanRun: Sendable, Equatable {
  /// The characters, first at lane 0; lanes from `count` on are 0.
  private var lanes: SIMD8<UInt32> = .zero
  /// How many characters are held.
  private(set) var count = 0

  /// The most characters a run holds.
  static let capacity = 8

  init() {}

  /// The run of `characters` read backwards (last character first), in text order.
  init(reversed characters: SIMD8<UInt32>, count: Int) {
    precondition(count <= HanRun.capacity)
    for k in 0..<count { lanes[k] = characters[count - 1 - k] }
    self.count = count
  }

  var isEmpty: Bool { count == 0 }

  /// The last character, nil when empty.
  var last: UInt32? { count == 0 ? nil : lanes[count - 1] }

  /// The characters as an array (for the segmentation, which runs on few occurrences).
  var array: [UInt32] { (0..<count).map { lanes[$0] } }
}

// kwfilter fuzzing — FuzzInput: a fuzzer's bytes read as a sequence of choices.

/// Reads the bytes libFuzzer hands a target as a sequence of small choices.
///
/// Every choice consumes bytes from the front; past the end every choice is 0, so any input,
/// the empty one included, decodes to *something*. Keep the mapping simple and stable: libFuzzer
/// mutates bytes, and small byte changes should make small changes in what a target builds.
public struct FuzzInput {
  /// The whole input.
  public let bytes: [UInt8]
  /// Index of the next unread byte. Invariant: `0...bytes.count`.
  public private(set) var position = 0

  /// Copies the input libFuzzer passed to `LLVMFuzzerTestOneInput`.
  public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
    if let data, size > 0 {
      bytes = Array(UnsafeBufferPointer(start: data, count: size))
    } else {
      bytes = []
    }
  }

  /// Creates a reader over `bytes` (for replaying an input from a test).
  public init(bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { position >= bytes.count }

  /// The next byte, or 0 past the end.
  public mutating func byte() -> UInt8 {
    guard position < bytes.count else { return 0 }
    defer { position += 1 }
    return bytes[position]
  }

  /// A number in `range`, from one byte (modulo the range's size).
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(byte()) % range.count
  }

  /// The next `count` bytes (fewer at the end).
  public mutating func take(_ count: Int) -> [UInt8] {
    let end = min(bytes.count, position + max(0, count))
    defer { position = end }
    return Array(bytes[position..<end])
  }

  /// Every byte not read yet.
  public mutating func rest() -> [UInt8] { take(bytes.count - position) }

  /// The bytes up to (not including) the next `separator`, which is consumed; the rest of
  /// the input when there is none.
  public mutating func take(upTo separator: UInt8) -> [UInt8] {
    guard let end = bytes[position...].firstIndex(of: separator) else { return rest() }
    defer { position = end + 1 }
    return Array(bytes[position..<end])
  }
}

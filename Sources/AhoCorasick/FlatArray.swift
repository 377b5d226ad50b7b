// kwfilter — AhoCorasick: immutable tables that live in owned memory or in a mapped file.

/// An immutable array of plain values whose storage is either owned (copied from a Swift
/// array when an automaton is built) or borrowed from a memory-mapped compiled rule file, so
/// that processes loading the same file share its pages and start without copying.
///
/// The owner object keeps the memory alive; a `FlatArray` never outlives it.
public struct FlatArray<Element: BitwiseCopyable>: RandomAccessCollection, @unchecked Sendable {
  // Safety (@unchecked Sendable): the memory is never written after creation, and `owner`
  // (immutable too) keeps it alive as long as any copy of this value exists.
  @usableFromInline let base: UnsafePointer<Element>?
  /// Number of elements.
  public let count: Int
  @usableFromInline let owner: AnyObject?

  /// Copies an array into owned memory.
  public init(_ array: [Element]) {
    let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: Swift.max(array.count, 1))
    _ = buffer.initialize(from: array)
    base = UnsafePointer(buffer.baseAddress)
    count = array.count
    owner = OwnedMemory<Element>(buffer.baseAddress!)
  }

  /// Takes ownership of an initialized buffer from `UnsafeMutableBufferPointer.allocate` (no
  /// copy: build stages fill their tables in place and hand them over). Nothing may write to
  /// the buffer afterwards.
  init(adopting buffer: UnsafeMutableBufferPointer<Element>) {
    base = UnsafePointer(buffer.baseAddress)
    count = buffer.count
    owner = OwnedMemory<Element>(buffer.baseAddress!)
  }

  /// Borrows `count` elements at `pointer`, kept alive by `owner` (e.g. a mapped file).
  public init(borrowing pointer: UnsafeRawPointer, count: Int, owner: AnyObject) {
    base = pointer.assumingMemoryBound(to: Element.self)
    self.count = count
    self.owner = owner
  }

  /// The first index (0).
  public var startIndex: Int { 0 }
  /// One past the last index.
  public var endIndex: Int { count }

  /// The element at `index` (bounds-checked).
  @inlinable public subscript(index: Int) -> Element {
    precondition(index >= 0 && index < count, "FlatArray index out of range")
    return base![index]
  }

  /// Calls `body` with a pointer view of the elements.
  @inlinable
  public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R)
    rethrows -> R
  {
    try body(UnsafeBufferPointer(start: base, count: count))
  }

  /// The raw bytes (for writing a compiled rule file).
  public var rawBytes: UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(UnsafeBufferPointer(start: base, count: count))
  }
}

/// Frees memory allocated for a ``FlatArray`` when the last copy goes.
private final class OwnedMemory<Element> {
  let pointer: UnsafeMutablePointer<Element>
  init(_ pointer: UnsafeMutablePointer<Element>) { self.pointer = pointer }
  deinit { pointer.deallocate() }
}

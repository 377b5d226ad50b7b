// kwfilter — MailParsing: the glibc iconv wrapper; the only file that uses Unsafe* pointers.

import Glibc

/// An open glibc iconv conversion from one charset to UTF-8.
///
/// Each value owns its descriptor and closes it when it goes away, so a decoder is never
/// shared between threads (iconv descriptors carry state).
struct IconvDecoder: ~Copyable {
  /// The open descriptor.
  ///
  /// Invariant: never `(iconv_t)-1`.
  private let descriptor: iconv_t

  /// Opens a conversion from `charset` (an iconv name such as `GB18030`) to UTF-8, or returns
  /// `nil` when iconv does not know the name.
  init?(from charset: String) {
    // A name with '/' could ask iconv for //TRANSLIT or //IGNORE behaviour; names are
    // normalized before they get here, but refuse them anyway.
    guard !charset.isEmpty, !charset.contains("/") else { return nil }
    guard let cd = iconv_open("UTF-8", charset), cd != iconv_t(bitPattern: -1) else {
      return nil
    }
    descriptor = cd
  }

  deinit { iconv_close(descriptor) }

  /// Whether iconv can convert from `charset` to UTF-8.
  static func knows(_ charset: String) -> Bool { IconvDecoder(from: charset) != nil }

  /// Converts `input` and appends the UTF-8 to `output`; returns how many invalid or
  /// incomplete sequences were replaced by U+FFFD.
  ///
  /// On an invalid sequence (`EILSEQ`) one input byte is skipped and U+FFFD written; an
  /// incomplete sequence at the end (`EINVAL`) becomes one U+FFFD. Every turn of the loop
  /// consumes input or ends it, so this cannot spin.
  ///
  /// - Complexity: O(`input.count`).
  func convert(_ input: ArraySlice<UInt8>, appendingTo output: inout [UInt8]) -> Int {
    if input.isEmpty { return 0 }
    var replaced = 0
    // Enough for most inputs in one call (GB18030 and Latin-1 at most double in UTF-8);
    // E2BIG just takes another turn.
    let scratchSize = min(16 * 1024, input.count * 2 + 64)
    var scratch = [UInt8](repeating: 0, count: scratchSize)
    input.withUnsafeBufferPointer { inBuffer in
      scratch.withUnsafeMutableBufferPointer { outBuffer in
        // Safe: iconv reads at most `inLeft` bytes from `inPtr` and writes at most `outLeft`
        // bytes at `outPtr`; both counts start at the buffers' sizes and iconv keeps the
        // pointer/count pairs in step. The input is never written: the cast to a mutable
        // pointer only matches iconv's C signature.
        guard let inBase = inBuffer.baseAddress, let outBase = outBuffer.baseAddress else {
          return
        }
        var inPtr: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: inBase)
          .assumingMemoryBound(to: CChar.self)
        var inLeft = inBuffer.count
        let outStart = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
        while inLeft > 0 {
          var outPtr: UnsafeMutablePointer<CChar>? = outStart
          var outLeft = scratchSize
          let leftBefore = inLeft
          let result = iconv(descriptor, &inPtr, &inLeft, &outPtr, &outLeft)
          let error = errno
          let produced = scratchSize - outLeft
          output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: produced))
          let progressed = inLeft < leftBefore || produced > 0
          if result != -1 && (inLeft == 0 || progressed) { continue }
          if result == -1 && error == E2BIG && progressed { continue }
          output.append(contentsOf: replacementCharacter)
          replaced += 1
          if result == -1 && error == EINVAL {
            inLeft = 0  // an incomplete sequence at the end of the input: one U+FFFD
          } else {
            // EILSEQ, or no progress for any other reason: skip one byte.
            inPtr = inPtr.map { $0 + 1 }
            inLeft -= 1
          }
          _ = iconv(descriptor, nil, nil, nil, nil)  // reset the shift state
        }
        // Flush a stateful charset's pending output.
        var outPtr: UnsafeMutablePointer<CChar>? = outStart
        var outLeft = scratchSize
        _ = iconv(descriptor, nil, nil, &outPtr, &outLeft)
        output.append(contentsOf: UnsafeBufferPointer(start: outBase, count: scratchSize - outLeft))
      }
    }
    return replaced
  }
}

/// U+FFFD REPLACEMENT CHARACTER in UTF-8.
let replacementCharacter: [UInt8] = [0xEF, 0xBF, 0xBD]

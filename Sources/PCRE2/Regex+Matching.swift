//===----------------------------------------------------------------------===//
// This source file is part of the kwfilter project.
// See LICENSE for license information.
//===----------------------------------------------------------------------===//
// Regex+Matching.swift: running a compiled pattern over bytes — first match, all matches.

import CPCRE2

extension Regex {
  /// Finds the leftmost match that starts at or after `offset`.
  ///
  /// The subject may hold any bytes: invalid UTF-8 never matches anything (not even `.`
  /// or `[^x]`) and no match crosses it, but it is not an error. Lookbehinds may look at
  /// bytes before `offset`, and `^` matches only at the very start of `subject`.
  ///
  /// - Parameters:
  ///   - subject: The bytes to search; nominally UTF-8.
  ///   - offset: Where to start, in bytes; `0...subject.count`. If it points into the
  ///     middle of a character, the search starts at the next character.
  ///   - scratch: This thread's ``MatchData``.
  /// - Returns: The match as byte offsets into `subject`, or why there is none.
  /// - Complexity: Usually O(*n*) in the bytes searched; bounded by ``Options/limits``.
  public func firstMatch(
    in subject: UnsafeRawBufferPointer, from offset: Int = 0, scratch: MatchData
  ) -> MatchResult {
    precondition(offset >= 0 && offset <= subject.count, "offset \(offset) outside the subject")
    return match(subject, from: offset, flags: 0, scratch: scratch)
  }

  /// Finds every non-overlapping match, left to right, as byte ranges.
  ///
  /// After an empty match at position *p*, the next search starts at *p* again but
  /// refuses an empty match there (`PCRE2_NOTEMPTY_ATSTART`), so it finds either a
  /// non-empty match at *p* or the next match one character or more further on: `a*`
  /// over `baaac` gives `0..<0, 1..<4, 4..<4, 5..<5`, as in Perl, Python and PCRE2's own
  /// `pcre2demo`. The loop always advances, so it terminates.
  ///
  /// - Throws: ``PCRE2Error`` when a match call fails or reaches a limit
  ///   (``PCRE2Error/isResourceLimit``); a partial list could hide a match, so none
  ///   is returned.
  /// - Complexity: O(*n*) calls at most; each bounded by ``Options/limits``.
  public func matches(
    in subject: UnsafeRawBufferPointer, scratch: MatchData
  ) throws(PCRE2Error) -> [Range<Int>] {
    var found: [Range<Int>] = []
    var offset = 0
    var flags: UInt32 = 0
    while true {
      switch match(subject, from: offset, flags: flags, scratch: scratch) {
      case .match(let range):
        // Progress: with flags == 0 a match ends at or after `offset`; with
        // NOTEMPTY_ATSTART it ends strictly after. Anything else would loop forever.
        guard range.upperBound > offset || (flags == 0 && range.upperBound == offset) else {
          throw PCRE2Error(
            code: PCRE2_ERROR_INTERNAL, message: "internal error: no progress at offset \(offset)")
        }
        found.append(range)
        if range.isEmpty {
          if range.upperBound == subject.count { return found }
          flags = UInt32(PCRE2_NOTEMPTY_ATSTART)
        } else {
          flags = 0
        }
        offset = range.upperBound
      case .noMatch:
        return found
      case .limitExceeded(let error), .error(let error):
        throw error
      }
    }
  }

  /// Finds the leftmost match in `text` at or after the UTF-8 offset `offset`.
  ///
  /// A convenience over ``firstMatch(in:from:scratch:)-(UnsafeRawBufferPointer,_,_)``;
  /// the range is in UTF-8 bytes (`text.utf8`).
  public func firstMatch(in text: String, from offset: Int = 0, scratch: MatchData) -> MatchResult {
    var text = text  // withUTF8 is mutating
    return text.withUTF8 {
      firstMatch(in: UnsafeRawBufferPointer($0), from: offset, scratch: scratch)
    }
  }

  /// Finds every non-overlapping match in `text`, as UTF-8 byte ranges.
  ///
  /// A convenience over ``matches(in:scratch:)-(UnsafeRawBufferPointer,_)``.
  /// - Throws: ``PCRE2Error`` as that method does.
  public func matches(in text: String, scratch: MatchData) throws(PCRE2Error) -> [Range<Int>] {
    var text = text  // withUTF8 is mutating
    // String.withUTF8 rethrows untyped errors, so carry the typed one out in a Result.
    let result = text.withUTF8 { bytes in
      Result { () throws(PCRE2Error) in
        try matches(in: UnsafeRawBufferPointer(bytes), scratch: scratch)
      }
    }
    return try result.get()
  }

  /// One `pcre2_match` call: the only place this module runs a match.
  ///
  /// Safety: `code` is valid for the life of `self`; `scratch`'s pointers for the life of
  /// `scratch`, which the caller holds; the subject pointer is valid for `subject.count`
  /// bytes for the duration of the call (PCRE2 keeps no reference to it, since we do not
  /// pass PCRE2_COPY_MATCHED_SUBJECT and read only offsets afterwards). PCRE2 only reads
  /// the subject, as `uint8_t`, so binding raw bytes to `UInt8` here is sound whatever
  /// type the memory holds. `PCRE2_NO_UTF_CHECK` is never needed: with
  /// PCRE2_MATCH_INVALID_UTF, PCRE2 ignores it and copes with any bytes.
  private func match(
    _ subject: UnsafeRawBufferPointer, from offset: Int, flags: UInt32, scratch: MatchData
  ) -> MatchResult {
    scratch.apply(options.limits)
    let rc: Int32
    if let base = subject.baseAddress {
      rc = pcre2_match_8(
        code, base.assumingMemoryBound(to: UInt8.self), subject.count, offset, flags,
        scratch.matchData, scratch.context)
    } else {
      // An empty buffer may have no address. PCRE2 10.42 accepts NULL with length 0
      // (checked), but older releases do not document it; an address costs nothing.
      rc = Regex.emptyBytes.withUnsafeBufferPointer { empty in
        pcre2_match_8(code, empty.baseAddress, 0, 0, flags, scratch.matchData, scratch.context)
      }
    }

    // rc > 0: match, rc pairs set; rc == 0: match, ovector too small for the captures.
    if rc >= 0 {
      guard let ovector = pcre2_get_ovector_pointer_8(scratch.matchData) else {
        return .error(PCRE2Error(code: PCRE2_ERROR_INTERNAL, message: "internal error: no ovector"))
      }
      let start = ovector[0]
      let end = ovector[1]
      // \K inside a lookaround could make start > end; PCRE2 >= 10.38 forbids that
      // unless PCRE2_EXTRA_ALLOW_LOOKAROUND_BSK is set, which we never set.
      guard start <= end else {
        return .error(
          PCRE2Error(code: PCRE2_ERROR_INTERNAL, message: "internal error: match start after end"))
      }
      return .match(start..<end)
    }
    if rc == PCRE2_ERROR_NOMATCH { return .noMatch }
    let error = PCRE2Error(code: rc)
    return error.isResourceLimit ? .limitExceeded(error) : .error(error)
  }
}

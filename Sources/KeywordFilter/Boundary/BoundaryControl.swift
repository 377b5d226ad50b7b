// kwfilter — KeywordFilter: what to do with a Chinese match that cuts through a common word.

/// What happens to a match of a Chinese term whose start or end cuts through a common Chinese
/// word of the text around it — `口交` in `路口交通` (路口 · 交通), `性爱` in `理性爱好`
/// (理性 · 爱好).
///
/// The decision is made by ``BoundaryRule``: the few Han characters on either side of the
/// match are segmented into words with a word-frequency dictionary (jieba's, see
/// `Scripts/generate-word-frequencies.py`); the match is *cut* when the best segmentation that
/// keeps the match whole is much less likely than the best segmentation overall.
///
/// The default is ``review``: a cut match is still reported, with tier ``Tier/review``
/// instead of its own, so nothing is lost and a blocking pipeline stops acting on it alone.
/// On a 55 MB Chinese user-generated-content corpus 64 of the shipped lists' 39,942 matches
/// (0.16%) are cut, about 57 of them false positives (see the README). Choose ``drop`` to remove
/// them (another term overlapping the cut match may then be reported instead), and ``off``
/// to skip the check: the dictionary is then never loaded.
public enum BoundaryControl: String, Sendable, Hashable, CaseIterable {
  /// No check: matches are reported as found.
  case off
  /// Cut matches are reported with tier ``Tier/review``.
  case review
  /// Cut matches are not reported.
  case drop
}

// kwfilter — Benchmarks: deterministic corpora and word lists, each with its expected answer.

import Foundation
import KeywordFilter

/// SplitMix64: a small seeded generator, so every corpus is byte-for-byte the same on every
/// machine and every run. (Not the standard library's `random(in:using:)`, whose algorithm may
/// change between Swift versions.)
struct SeededRandom: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Uniform in `range` (the modulo bias is far below anything a benchmark can see).
  mutating func int(_ range: ClosedRange<Int>) -> Int {
    range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
  }

  mutating func chance(_ p: Double) -> Bool { unit() < p }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  /// An index drawn with the given weights.
  mutating func weighted(_ weights: [Double]) -> Int {
    var x = unit() * weights.reduce(0, +)
    for (i, w) in weights.enumerated() {
      x -= w
      if x < 0 { return i }
    }
    return weights.count - 1
  }
}

/// The Chinese characters the generator writes, ranked by frequency, with the probability of
/// each rank in running text and in word-list terms.
///
/// Ranks 1…~1,000 are the most common characters of modern Chinese, in roughly their frequency
/// order; the rest are the other level-1 characters of GB 2312 (the 3,755 common ones), in a
/// seeded shuffled order. Characters whose standard normalization coincides with another's
/// (a traditional form that folds to a simplified one already in the pool) are dropped, so every
/// pool character stands for itself under both `.standard` and `.exact`.
struct CharacterPool: Sendable {
  /// The characters, most frequent first.
  let scalars: [Unicode.Scalar]
  /// UTF-8 of `scalars[i]` at `utf8[3 * i ..< 3 * i + 3]` (all are 3-byte characters).
  let utf8: [UInt8]
  /// Cumulative probability of each rank in running text.
  let textCDF: [Double]
  /// Cumulative probability of each rank in word-list terms: the text weights flattened to
  /// p^0.5, because real sensitive-word lists lean to less common characters. With the text
  /// weights themselves, a 10k list would occur about once every 20 characters of generated
  /// text (real lists on real posts: about once every 2.6 KB).
  let termCDF: [Double]

  static let shared = CharacterPool()

  var count: Int { scalars.count }

  /// Cumulative share of the CJK characters of real Chinese posts (a 20 MB sample of
  /// Weibo-style user-generated text) taken by the top-N characters: rank → share.
  /// Between anchors the weight of rank k falls as 1/k.
  static let frequencyAnchors: [(rank: Int, share: Double)] = [
    (1, 0.033), (10, 0.150), (100, 0.456), (500, 0.767), (1000, 0.891), (2000, 0.971),
    (3000, 0.991),
  ]

  private init() {
    var seen = Set<Unicode.Scalar>()
    var ranked: [Unicode.Scalar] = []
    for s in CharacterPool.commonCharacters.unicodeScalars where seen.insert(s).inserted {
      ranked.append(s)
    }
    var tail = CharacterPool.gb2312Level1().filter { !seen.contains($0) }
    var rng = SeededRandom(seed: 0x6B77_6669_6C74_6572)  // "kwfilter"
    for i in stride(from: tail.count - 1, to: 0, by: -1) {
      tail.swapAt(i, rng.int(0...i))
    }
    ranked += tail
    ranked = CharacterPool.distinctUnderNormalization(ranked)
    precondition(ranked.count >= 3000, "character pool too small: \(ranked.count)")

    scalars = ranked
    utf8 = ranked.flatMap { Array(String(Character($0)).utf8) }
    precondition(utf8.count == 3 * ranked.count, "pool characters must be 3 UTF-8 bytes")

    var weights = [Double](repeating: 0, count: ranked.count)
    weights[0] = CharacterPool.frequencyAnchors[0].share
    var anchors = CharacterPool.frequencyAnchors.filter { $0.rank < ranked.count }
    anchors.append((ranked.count, 1.0))
    for (a, b) in zip(anchors, anchors.dropFirst()) {
      let ks = (a.rank + 1)...b.rank
      let norm = ks.reduce(0.0) { $0 + 1.0 / Double($1) }
      for k in ks { weights[k - 1] = (b.share - a.share) / Double(k) / norm }
    }
    textCDF = CharacterPool.cumulative(weights)
    termCDF = CharacterPool.cumulative(weights.map { $0.squareRoot() })
  }

  private static func cumulative(_ weights: [Double]) -> [Double] {
    let total = weights.reduce(0, +)
    var sum = 0.0
    var cdf = weights.map { w -> Double in
      sum += w / total
      return sum
    }
    cdf[cdf.count - 1] = 1.0
    return cdf
  }

  /// A rank drawn from `cdf`.
  static func draw(_ cdf: [Double], _ rng: inout SeededRandom) -> Int32 {
    let x = rng.unit()
    var lo = 0
    var hi = cdf.count - 1
    while lo < hi {
      let mid = (lo + hi) / 2
      if cdf[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return Int32(lo)
  }

  /// The 3,755 level-1 characters of GB 2312 (rows 16–55), decoded with Foundation's GB 18030.
  private static func gb2312Level1() -> [Unicode.Scalar] {
    var bytes: [UInt8] = []
    for row in UInt8(0xB0)...0xD7 {
      for cell in UInt8(0xA1)...(row == 0xD7 ? 0xF9 : 0xFE) {
        bytes += [row, cell]
      }
    }
    let gb18030 = String.Encoding(rawValue: 0x8000_0632)
    guard let text = String(data: Data(bytes), encoding: gb18030) else {
      fatalError("Foundation could not decode GB 18030")
    }
    let scalars = Array(text.unicodeScalars)
    precondition(scalars.count == 3755, "GB 2312 level 1 decoded to \(scalars.count) characters")
    return scalars
  }

  /// `chars` without those that the filter's standard normalization folds onto an earlier one.
  ///
  /// Each character becomes a one-character term; the text is every character followed by a
  /// digit (not noise, so each character stands alone), and a character is kept when the one
  /// match at its position is for its own entry.
  private static func distinctUnderNormalization(_ chars: [Unicode.Scalar]) -> [Unicode.Scalar] {
    let terms = chars.map { String(Character($0)) }
    let filter: Filter
    do {
      filter = try Filter(wordlist: Wordlist(terms: terms))
    } catch {
      fatalError("cannot build the character-pool check filter: \(error)")
    }
    var text = ""
    for c in chars {
      text.unicodeScalars.append(c)
      text += "1"
    }
    var own = [Bool](repeating: false, count: chars.count)
    for m in filter.matches(in: text) where m.range.lowerBound % 4 == 0 && m.range.count == 3 {
      let i = m.range.lowerBound / 4
      if m.entryIndex == i { own[i] = true }
    }
    return chars.indices.filter { own[$0] }.map { chars[$0] }
  }

  /// The most common characters of modern Chinese, most frequent first (approximately).
  static let commonCharacters =
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    + "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只"
    + "从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向"
    + "头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声"
    + "提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建"
    + "务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即"
    + "像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带"
    + "导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具"
    + "罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
    + "器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另"
    + "周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够"
    + "章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀"
    + "攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假"
    + "久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢"
    + "雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵"
    + "协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香田铁控税左右份"
    + "穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨"
    + "丽良序升监临亮露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋"
    + "画班智亦耳恩短掌恐遗固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭"
    + "妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂"
    + "旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森"
    + "塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购"
    + "替塞努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍"
    + "页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵"
}

/// A generated word list: terms of 2–6 pool characters, distinct.
struct TermList: Sendable {
  /// Each term as pool ranks.
  let terms: [[Int32]]
  /// Each term as text, in the same order.
  let strings: [String]
  /// ``Corpus/key(_:)`` of every term, for the scrubber.
  let keys: Set<UInt64>

  var wordlist: Wordlist { Wordlist(terms: strings) }
}

/// A haystack cut into units of exactly ``Corpus/unitBytes`` bytes (real files: at most 3 bytes
/// fewer, cut at a character boundary), so that one benchmark iteration = one unit = 1 MB and
/// package-benchmark's throughput (iterations/s) reads directly as MB/s.
struct Haystack: Sendable {
  let name: String
  let units: [[UInt8]]
  /// Matches in each unit, known from the construction (generated text), or nil for a real
  /// file (the benchmark derives it in setup).
  let expectedMatches: [Int]?
  /// Bytes written by ``StreamMasker`` with a one-byte mask, per unit, when known.
  let expectedMaskedBytes: [Int]?

  var byteCount: Int { units.reduce(0) { $0 + $1.count } }
}

enum Corpus {
  /// One benchmark iteration scans one unit: 1 MB (10^6 bytes).
  static let unitBytes = 1_000_000
  /// Units per generated haystack: 8 MB, cycled through so the text doesn't sit in L2.
  static let unitCount = 8
  /// Seed of the generated 10k scan list and of the haystacks.
  static let seed: UInt64 = 7

  /// The generated kinds of text.
  enum Kind: String, CaseIterable, Sendable {
    /// Chinese posts: CJK characters with a real frequency profile, ~8% of bytes ASCII
    /// (words, @names, numbers, links, punctuation; real posts: ~9%), CJK punctuation, a few
    /// full-width forms; one planted term per ~2.5 KB (real lists on real posts: ~1 per 2.6 KB).
    case cjk
    /// English-like prose with a short Chinese phrase every few sentences (~90% ASCII bytes);
    /// one planted term per ~4 KB.
    case ascii
    /// The Chinese posts with a planted term every ~64 bytes.
    case dense
    /// The Chinese posts with no term anywhere (under either normalization).
    case free

    var plantGap: Int {
      switch self {
      case .cjk: 2_500
      case .ascii: 4_000
      case .dense: 64
      case .free: 0
      }
    }
  }

  // MARK: Word lists

  /// `count` distinct terms of 2–6 characters (lengths 25/30/25/12/8%), characters drawn from
  /// the pool's term weights.
  static func words(_ count: Int, seed: UInt64) -> TermList {
    let pool = CharacterPool.shared
    var rng = SeededRandom(seed: seed ^ 0x5445_524D_5321)  // "TERMS!"
    var keys = Set<UInt64>()
    var terms: [[Int32]] = []
    var strings: [String] = []
    terms.reserveCapacity(count)
    strings.reserveCapacity(count)
    while terms.count < count {
      let length = 2 + rng.weighted([25, 30, 25, 12, 8])
      let term = (0..<length).map { _ in CharacterPool.draw(pool.termCDF, &rng) }
      guard keys.insert(key(term[...])).inserted else { continue }
      terms.append(term)
      var s = String.UnicodeScalarView()
      for r in term { s.append(pool.scalars[Int(r)]) }
      strings.append(String(s))
    }
    return TermList(terms: terms, strings: strings, keys: keys)
  }

  /// A hash of a sequence of pool ranks. Distinct sequences may collide; that only makes the
  /// scrubber redraw a character it did not need to, never lets a term through.
  @inline(__always)
  static func key(_ ranks: ArraySlice<Int32>, then last: Int32? = nil) -> UInt64 {
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for r in ranks { h = (h ^ UInt64(UInt32(bitPattern: r))) &* 0x0000_0100_0000_01B3 }
    if let last { h = (h ^ UInt64(UInt32(bitPattern: last))) &* 0x0000_0100_0000_01B3 }
    return h ^ (h >> 29)
  }

  // MARK: Generated haystacks

  /// A generated haystack of ``unitCount`` units, scrubbed against `list` and with terms of
  /// `list` planted, so that its expected match count is known by construction:
  ///
  /// - The scrubber looks at each run of pool characters with *all* noise between them removed
  ///   (a letter or a digit ends a run) and redraws any character that would complete a term.
  ///   So no term occurs even when every space and punctuation mark is skipped: the text has
  ///   no match under `.standard` (which skips at most 3 noise characters) nor `.exact`.
  /// - A planted term stands between two ASCII digits or letters, which are not noise, so it
  ///   is a run of its own: the leftmost-longest match there is the whole term, exactly once.
  ///
  /// Expected matches per unit = terms planted in it, under both normalizations.
  static func haystack(_ kind: Kind, list: TermList, seed: UInt64 = Corpus.seed) -> Haystack {
    var units: [[UInt8]] = []
    var expected: [Int] = []
    var masked: [Int] = []
    for u in 0..<unitCount {
      var writer = TextWriter(
        pool: CharacterPool.shared, list: list,
        seed: seed &* 0x1000_0000_01B3 &+ UInt64(u) &+ UInt64(kind.plantGap) << 32)
      writer.fillUnit(kind)
      units.append(writer.out)
      expected.append(writer.planted)
      masked.append(unitBytes - writer.plantedBytes + writer.plantedCharacters)
    }
    return Haystack(
      name: kind.rawValue, units: units, expectedMatches: expected, expectedMaskedBytes: masked)
  }

  // MARK: Real files

  /// A real file cut into ~1 MB units at character boundaries (the final part shorter than a
  /// unit is left out, so every iteration is ~1 MB). Expected counts are derived by the
  /// benchmark in setup.
  static func haystack(contentsOfFile path: String) -> Haystack {
    guard let data = FileManager.default.contents(atPath: path) else {
      fatalError("cannot read \(path)")
    }
    let bytes = [UInt8](data)
    var units: [[UInt8]] = []
    var start = 0
    while start + unitBytes <= bytes.count {
      var end = start + unitBytes
      // Back up to the start of a UTF-8 sequence (at most 3 bytes).
      var back = 0
      while back < 3 && end < bytes.count && bytes[end] & 0xC0 == 0x80 {
        end -= 1
        back += 1
      }
      units.append(Array(bytes[start..<end]))
      start = end
    }
    precondition(!units.isEmpty, "\(path) is smaller than one unit (\(unitBytes) bytes)")
    return Haystack(
      name: (path as NSString).lastPathComponent, units: units, expectedMatches: nil,
      expectedMaskedBytes: nil)
  }

  static func wordlist(contentsOfFile path: String) -> Wordlist {
    do {
      return try Wordlist(contentsOfFile: path)
    } catch {
      fatalError("\(error)")
    }
  }

  // MARK: Dumping

  /// Writes the generated list and haystack to `directory` (for `kwfilter`, rg, grep and
  /// `Scripts/compare-peers.sh`): `list10k.txt`, `KIND.txt` and `KIND.expected` (the match
  /// count). Existing files are left alone.
  static func dump(_ haystack: Haystack, list: TermList, to directory: String) {
    let fm = FileManager.default
    try? fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    func write(_ name: String, _ bytes: [UInt8]) {
      let path = directory + "/" + name
      if !fm.fileExists(atPath: path) { _ = fm.createFile(atPath: path, contents: Data(bytes)) }
    }
    write("list10k.txt", Array(list.strings.map { $0 + "\n" }.joined().utf8))
    write(haystack.name + ".txt", haystack.units.flatMap { $0 })
    let expected = haystack.expectedMatches.map { String($0.reduce(0, +)) + "\n" } ?? ""
    write(haystack.name + ".expected", Array(expected.utf8))
  }
}

/// Writes one unit of generated text, scrubbing and planting as it goes.
private struct TextWriter {
  let pool: CharacterPool
  let list: TermList
  var rng: SeededRandom
  var out: [UInt8] = []
  /// The last (up to 5) pool characters of the current run, noise removed.
  var run: [Int32] = []
  var planted = 0
  var plantedBytes = 0
  var plantedCharacters = 0

  init(pool: CharacterPool, list: TermList, seed: UInt64) {
    self.pool = pool
    self.list = list
    self.rng = SeededRandom(seed: seed)
    out.reserveCapacity(Corpus.unitBytes)
  }

  mutating func fillUnit(_ kind: Corpus.Kind) {
    let gap = kind.plantGap
    var nextPlant = gap / 2
    // Every step writes well under 400 bytes, and a plant under 30.
    while out.count < Corpus.unitBytes - 400 {
      if gap > 0 && out.count >= nextPlant {
        plant(rng.pick(list.terms))
        nextPlant = out.count + rng.int((gap / 2)...(gap + gap / 2))
      }
      if kind == .ascii { proseSentence() } else { postClause() }
    }
    emit("0")  // a unit ends in a digit, so units never join into a match
    while out.count < Corpus.unitBytes - 1 { out.append(0x20) }
    out.append(0x0A)
    precondition(out.count == Corpus.unitBytes)
  }

  // MARK: Building blocks

  /// `n` pool characters from the text weights; a character that would complete a term of the
  /// list (noise ignored) is drawn again.
  mutating func chinese(_ n: Int) {
    for _ in 0..<n {
      var rank: Int32 = 0
      var found = false
      for _ in 0..<32 {
        rank = CharacterPool.draw(pool.textCDF, &rng)
        if !completesTerm(rank) {
          found = true
          break
        }
      }
      if !found {
        emit("0")  // practically never: end the run instead
        continue
      }
      let i = Int(rank) * 3
      out.append(contentsOf: pool.utf8[i..<(i + 3)])
      run.append(rank)
      if run.count > 5 { run.removeFirst() }
    }
  }

  private func completesTerm(_ rank: Int32) -> Bool {
    let keys = list.keys
    var length = 1
    while length <= run.count {
      if keys.contains(Corpus.key(run[(run.count - length)...], then: rank)) { return true }
      length += 1
    }
    return false
  }

  /// ASCII, full-width forms or punctuation (no pool characters). A letter or digit ends the
  /// current run; anything else is noise and leaves it open.
  mutating func emit(_ s: String) {
    for scalar in s.unicodeScalars {
      let v = scalar.value
      let isAlnum =
        (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
        || (0xFF10...0xFF19).contains(v) || (0xFF21...0xFF3A).contains(v)
        || (0xFF41...0xFF5A).contains(v)
      precondition(isAlnum || v < 0x4E00 || v >= 0xA000, "emit() is not for CJK: \(s)")
      if isAlnum { run.removeAll(keepingCapacity: true) }
    }
    out.append(contentsOf: s.utf8)
  }

  /// A term between two ASCII digits or letters: one run, one match.
  mutating func plant(_ term: [Int32]) {
    emit(rng.pick(Self.breakers))
    for r in term {
      let i = Int(r) * 3
      out.append(contentsOf: pool.utf8[i..<(i + 3)])
    }
    emit(rng.pick(Self.breakers))
    planted += 1
    plantedBytes += 3 * term.count
    plantedCharacters += term.count
  }

  // MARK: Text shapes

  /// One clause of a Chinese post, sometimes with a tag, an @name, an ASCII word, a number,
  /// a link or a full-width form before it; ~45% of clauses end the post (a new line).
  mutating func postClause() {
    if rng.chance(0.10) {
      emit("[")
      chinese(rng.int(1...3))
      emit("]")
    }
    if rng.chance(0.07) {
      emit("@" + asciiName() + " ")
    }
    if rng.chance(0.14) {
      emit(rng.pick(Self.asciiWords))
      if rng.chance(0.5) { emit(" ") }
    }
    if rng.chance(0.07) {
      emit(String(rng.int(1...2024)))
    }
    if rng.chance(0.012) {
      emit("http://t.cn/" + asciiName(length: 7) + " ")
    }
    if rng.chance(0.015) {
      emit(rng.pick(Self.fullWidth))
    }
    chinese(rng.int(2...14))
    emit(Self.clausePunctuation[rng.weighted(Self.clausePunctuationWeights)])
    if rng.chance(0.45) { emit("\n") }
  }

  /// One English-like sentence; every fourth or so carries a short Chinese phrase.
  mutating func proseSentence() {
    let words = rng.int(4...14)
    let phraseAt = rng.chance(0.3) ? rng.int(0...(words - 1)) : -1
    for w in 0..<words {
      var word = rng.pick(Self.englishWords)
      if w == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
      emit(word)
      if w == phraseAt {
        emit(" ")
        chinese(rng.int(2...8))
        if rng.chance(0.3) { emit("，") }
      }
      if w < words - 1 { emit(rng.chance(0.08) ? ", " : " ") }
    }
    if rng.chance(0.06) { emit(" " + String(rng.int(0...9999))) }
    emit([". ", ". ", ". ", "! ", "? "][rng.int(0...4)])
    if rng.chance(0.25) { emit("\n") }
  }

  mutating func asciiName(length: Int? = nil) -> String {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    let n = length ?? rng.int(4...10)
    return String((0..<n).map { _ in rng.pick(alphabet) })
  }

  static let breakers = ["0", "1", "2", "3", "5", "8", "9", "a", "b", "g", "k", "v", "x", "Q"]

  static let clausePunctuation = ["，", "。", "！", "？", "…", "～", "、", "：", "；", " ", "!", "?", "~"]
  static let clausePunctuationWeights: [Double] = [40, 20, 14, 6, 4, 3, 4, 2, 1, 6, 3, 2, 3]

  static let asciiWords = [
    "ok", "OK", "app", "APP", "vip", "VIP", "qq", "QQ", "wifi", "iPhone", "666", "hhh", "lol",
    "PK", "DIY", "CEO", "NBA", "KTV", "bug", "high", "GDP", "PPT", "MV", "TV", "ID", "iPad",
    "Android", "low", "cp", "yyds", "emo", "wow", "Hello", "bye", "sorry", "thx", "get", "out",
  ]

  static let fullWidth = ["ＱＱ", "ＯＫ", "１２３", "ＶＩＰ", "ｖｉｐ", "２０２４", "ＡＰＰ", "（", "）", "［", "］"]

  static let englishWords = [
    "the", "of", "and", "to", "a", "in", "is", "it", "you", "that", "he", "was", "for", "on",
    "are", "with", "as", "his", "they", "be", "at", "one", "have", "this", "from", "or", "had",
    "by", "not", "word", "but", "what", "some", "we", "can", "out", "other", "were", "all",
    "there", "when", "up", "use", "your", "how", "said", "an", "each", "she", "which", "do",
    "their", "time", "if", "will", "way", "about", "many", "then", "them", "write", "would",
    "like", "so", "these", "her", "long", "make", "thing", "see", "him", "two", "has", "look",
    "more", "day", "could", "go", "come", "did", "number", "sound", "no", "most", "people",
    "my", "over", "know", "water", "than", "call", "first", "who", "may", "down", "side",
    "been", "now", "find", "any", "new", "work", "part", "take", "get", "place", "made",
    "live", "where", "after", "back", "little", "only", "round", "man", "year", "came", "show",
    "every", "good", "me", "give", "our", "under", "name", "very", "through", "just", "form",
    "sentence", "great", "think", "say", "help", "low", "line", "differ", "turn", "cause",
    "much", "mean", "before", "move", "right", "boy", "old", "too", "same", "tell", "does",
    "set", "three", "want", "air", "well", "also", "play", "small", "end", "put", "home",
    "read", "hand", "port", "large", "spell", "add", "even", "land", "here", "must", "big",
    "high", "such", "follow", "act", "why", "ask", "men", "change", "went", "light", "kind",
    "off", "need", "house", "picture", "try", "us", "again", "animal", "point", "mother",
    "world", "near", "build", "self", "earth", "father", "online", "video", "game", "free",
    "click", "link", "download", "account", "password", "login", "email", "phone", "app",
  ]
}

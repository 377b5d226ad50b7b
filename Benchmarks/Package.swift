// swift-tools-version:6.1
// Benchmarks for kwfilter, in their own package so that they can see only the public API of
// KeywordFilter (STYLE.md §2.3). Run from this folder:
//
//   swift package --disable-sandbox benchmark --target KWFilterBenchmarks
//
// See README.md here for the benchmarks, the real-data variables and how to read the figures.
import PackageDescription

let package = Package(
  name: "KWFilterBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    // ordo-one/benchmark (formerly package-benchmark; the old identifier still resolves but
    // prints a deprecation warning). The "MallocInterposer" trait alone: the default traits also
    // want swift-runtime-interposer, which the local package mirror does not have.
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1",
      traits: ["MallocInterposer"]),
    .package(name: "kwfilter", path: ".."),
  ],
  targets: [
    .executableTarget(
      name: "KWFilterBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "KeywordFilter", package: "kwfilter"),
      ],
      path: "KWFilterBenchmarks",
      plugins: [
        .plugin(name: "BenchmarkPlugin", package: "benchmark")
      ]
    )
  ]
)

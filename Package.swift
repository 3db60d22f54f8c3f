// swift-tools-version: 6.0
//
// formcheck: an open, offline exercise-form analyzer.
//
// Read top to bottom: build settings, products, dependencies, library targets (lowest layer
// first), C shims, the command-line tool, tests. `../shared/docs/architecture.md` explains the
// layers; dependencies point one way, downward.

import Foundation
import PackageDescription

// MARK: - Build settings

/// The CPU the hot code (kernels, crop, filters) is compiled for.
///
/// Swift has no run-time dispatch between instruction sets, so the package picks one explicit
/// target when it is built: `FORMCHECK_TARGET_CPU` if set (`portable` turns the flag off, any
/// other value is passed to `-target-cpu`), else `skylake-avx512` when this machine has
/// AVX-512 (F/BW/DQ/VL), else `haswell` when it has AVX2 and FMA, else no flag. The portable
/// build compiles and passes the tests everywhere; it is only slower.
let targetCPU: String? = {
    let environment = ProcessInfo.processInfo.environment
    if let wanted = environment["FORMCHECK_TARGET_CPU"], !wanted.isEmpty {
        return wanted == "portable" ? nil : wanted
    }
    #if arch(x86_64)
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let flagsLine = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") })
    else { return nil }
    let flags = Set(flagsLine.split(separator: " ").map(String.init))
    if ["avx512f", "avx512bw", "avx512dq", "avx512vl", "fma"].allSatisfy(flags.contains) {
        return "skylake-avx512"
    }
    if ["avx2", "fma", "f16c"].allSatisfy(flags.contains) { return "haswell" }
    #endif
    return nil
}()

/// CPU targets with 512-bit vector registers (32 of them): the GEMM kernels' widest tiles fit.
let avx512Targets: Set<String> = [
    "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client", "icelake-server",
    "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids", "graniterapids", "znver4", "znver5",
]

/// Settings for targets with hot loops: optimised, with the CPU target above. (A debug build
/// still runs the engine slowly: its generic SIMD helpers are not specialised across files
/// without whole-module optimisation, which is why `scripts/test` builds with `-c release`.)
/// `FORMCHECK_NARROW_VECTORS` tells the kernels that vectors are 256 bits or fewer (16
/// registers), so the GEMM packs 8-wide column blocks: a 12 × 32 tile would spill.
let hotCodeSettings: [SwiftSetting] = {
    var flags = ["-O", "-enforce-exclusivity=unchecked"]
    guard let cpu = targetCPU else {
        // No known vector unit: kernels avoid fused multiply-add, which would be a library call.
        return [.unsafeFlags(flags), .define("FORMCHECK_PORTABLE"), .define("FORMCHECK_NARROW_VECTORS")]
    }
    flags += ["-target-cpu", cpu]
    return avx512Targets.contains(cpu) ? [.unsafeFlags(flags)] : [.unsafeFlags(flags), .define("FORMCHECK_NARROW_VECTORS")]
}()

// MARK: - Package

let package = Package(
    name: "formcheck",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "formcheck", targets: ["formcheck"]),
        .library(name: "Inference", targets: ["Inference"]),
        .library(name: "Imaging", targets: ["Imaging"]),
        .library(name: "Capture", targets: ["Capture"]),
        .library(name: "Pose", targets: ["Pose"]),
        .library(name: "Form", targets: ["Form"]),
        .library(name: "Mannequin", targets: ["Mannequin"]),
        .library(name: "Scoring", targets: ["Scoring"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Live", targets: ["Live"]),
        .library(name: "LiveView", targets: ["LiveView"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // MARK: Libraries, lowest layer first

        /// `.tflite` reader, graph planning with one arena, SIMD kernels, the interpreter.
        .target(
            name: "Inference",
            dependencies: ["CInferenceSIMD"],
            swiftSettings: hotCodeSettings
        ),
        /// Image values, JPEG/PNG decode and encode, pixel formats, the exact rotated crop, drawing.
        .target(
            name: "Imaging",
            dependencies: ["CJPEG", "CPNG"],
            swiftSettings: hotCodeSettings
        ),
        /// `FrameSource`: V4L2 webcams, image folders, single images, video files.
        .target(
            name: "Capture",
            dependencies: ["CV4L2", "Imaging"]
        ),
        /// BlazePose: detector, landmark model, tracking, filters; the `Pose` value.
        .target(
            name: "Pose",
            dependencies: ["Inference", "Imaging"],
            swiftSettings: hotCodeSettings
        ),
        /// Geometry, exercise templates (data in `Templates/`), per-frame analysis, sessions.
        .target(
            name: "Form",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.copy("Templates")]
        ),
        /// A posable figure drawn by our own ray marcher: the sample frames and target poses.
        .target(
            name: "Mannequin",
            dependencies: ["Form", "Imaging"],
            swiftSettings: hotCodeSettings
        ),

        /// Recordings to scored sessions: Pose → Form landmarks, poses of several inputs in
        /// parallel, exercise recognition, check statistics, the worst frames.
        .target(
            name: "Scoring",
            dependencies: ["Capture", "Imaging", "Pose", "Form"]
        ),
        /// Reports of scored sessions: the summary table, JSON, CSV, the HTML page with plots
        /// and pictures, the overlay drawn on frames, the progress line.
        .target(
            name: "Reports",
            dependencies: ["Scoring", "Form", "Pose", "Imaging"]
        ),

        /// The live session: capture and pose threads that drop stale frames, the terminal
        /// screen with big letters, spoken cues, the safety keys, the session report.
        .target(
            name: "Live",
            dependencies: ["Capture", "Imaging", "Pose", "Form", "Scoring", "Reports"]
        ),
        /// The live web view: a small HTTP/1.1 server of our own on loopback (GET only) with the
        /// page, the annotated camera image, the state as server-sent events, the target pose.
        .target(
            name: "LiveView",
            dependencies: ["Live", "Form", "Imaging", "Reports", "Scoring"]
        ),

        // MARK: C shims

        /// Vector min/max/clamp as single instructions (Swift's generic SIMD versions are scalar loops).
        .target(name: "CInferenceSIMD"),

        // System libraries found with pkg-config.

        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"])]
        ),
        .systemLibrary(
            name: "CV4L2",
            pkgConfig: "libv4l2",
            providers: [.apt(["libv4l-dev"])]
        ),

        // MARK: The command-line tool

        .executableTarget(
            name: "formcheck",
            dependencies: [
                "Inference", "Imaging", "Capture", "Pose", "Form", "Mannequin", "Scoring", "Reports", "Live", "LiveView",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests

        .testTarget(name: "InferenceTests", dependencies: ["Inference"],
                    resources: [.copy("Fixtures")], swiftSettings: hotCodeSettings),
        .testTarget(name: "ImagingTests", dependencies: ["Imaging", "TestSupport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "CaptureTests", dependencies: ["Capture", "Imaging"]),
        .testTarget(name: "PoseTests", dependencies: ["Pose", "Imaging", "Inference", "TestSupport"], resources: [.copy("Fixtures")]),
        /// What several test targets share: running the built binary, a seeded random generator,
        /// finding ../shared.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "FormTests", dependencies: ["Form", "TestSupport"]),
        .testTarget(name: "MannequinTests", dependencies: ["Mannequin", "Form", "Imaging"]),
        .testTarget(name: "ScoringTests", dependencies: ["Scoring", "Form", "Pose", "Capture", "Imaging", "TestSupport"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "Scoring", "Form", "Imaging"]),
        .testTarget(name: "CLITests", dependencies: ["formcheck", "TestSupport"]),
        .testTarget(name: "LiveTests", dependencies: ["Live", "Form", "Scoring", "Capture", "Imaging", "Mannequin", "formcheck", "TestSupport"]),
        .testTarget(name: "LiveViewTests", dependencies: ["LiveView", "Live", "Form", "Imaging"]),
    ]
)

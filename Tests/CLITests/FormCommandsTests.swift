@testable import formcheck
import Foundation
import Testing
import TestSupport

/// `formcheck exercises` and `formcheck analyze`, run as the built binary.
@Suite struct FormCommandsTests {
    /// Runs the built `formcheck`; its exit status, standard output and standard error.
    static func formcheck(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        let result = try FormcheckProcess.run(arguments)
        return (result.status, result.output, result.error)
    }

    /// A scratch folder for this test run.
    static func scratch() throws -> URL { try FormcheckProcess.scratch() }

    // MARK: exercises

    static let ids = [
        "abdominal-crunch", "back-stabiliser", "bird-dog", "bridge", "cat-cow", "childs-pose", "cobra", "dead-bug",
        "deep-stomach-hold", "double-knee-hug", "heel-raise", "heel-slide", "knee-plank", "knee-roll", "knee-to-chest",
        "partial-crunch", "pelvic-tilt", "plank", "side-plank", "squat", "straight-leg-raise", "wall-squat",
    ]

    @Test func listsEveryExerciseWithItsPrescription() throws {
        let (status, output, _) = try Self.formcheck(["exercises"])
        #expect(status == 0)
        let lines = output.split(separator: "\n").map(String.init)
        #expect(lines.prefix(Self.ids.count).map { String($0.prefix { $0 != " " }) } == Self.ids)
        #expect(lines.contains { $0.hasPrefix("plank ") && $0.hasSuffix("lying face down, camera from the side: hold 10–30 s × 3") })
        #expect(lines.contains { $0.hasPrefix("knee-to-chest ") && $0.hasSuffix("hold 15–30 s × 3, each side") })
        #expect(lines.last == "`formcheck exercises ID` shows one; `formcheck exercises --safety` shows when to stop.")
    }

    @Test func showsOneExercise() throws {
        let (status, output, _) = try Self.formcheck(["exercises", "bird-dog"])
        #expect(status == 0)
        #expect(output.hasPrefix("Bird dog (bird-dog)\n\nStart on your hands and knees"))
        #expect(output.contains("Prescription: hold 3–5 s × 5, alternating sides."))
        #expect(output.contains("  pelvis_level.working at most 10° (± 3) → hips_rolling (when the camera can see it)"))
        #expect(output.contains("  [high] hips_rolling: Keep your hips level — don't let the lifted leg's hip roll up."))
    }

    @Test func showsTheSafetyRules() throws {
        let (status, output, _) = try Self.formcheck(["exercises", "--safety"])
        #expect(status == 0)
        #expect(output == """
            Pain: rate it from 0 (none) to 10 (worst) before and after. If it is above 3/10, or you feel a sharp pain, stop the exercise.

            Red flags — stop and see a doctor if any of these apply:
              • Numbness or tingling in a leg, the buttocks or around the genitals
              • Weakness in a leg, or a leg that gives way or a foot that drags
              • Losing control of your bladder or bowels, or being unable to pass urine
              • Pain that wakes you at night or is there even when you lie still
              • Pain that started after an accident, a fall or a blow to the back
            Do not do these exercises until a doctor has checked you.

            """)
    }

    @Test func anUnknownExerciseNamesTheKnownOnes() throws {
        let (status, _, error) = try Self.formcheck(["exercises", "plonk"])
        #expect(status != 0)
        #expect(error.contains("No exercise 'plonk'. Run `formcheck exercises` to list them; known ids: abdominal-crunch, "))
    }

    @Test func aBrokenTemplateNamesTheFileAndTheField() throws {
        let folder = try Self.scratch()
        let file = folder.appendingPathComponent("my-plank.yaml")
        try """
            id: my-plank
            name: My plank
            how_to: Hold a plank.
            start: on_front
            camera: side
            prescription:
              hold_seconds: {min: 10, target: 30}
            faults:
              hips_sagging:
                cue: Lift your hips.
                severity: high
            checks:
              - measure: hip_off_shoulder_ankle_line
                good: {min: 10, max: -10}
                tolerance: 3
                below: hips_sagging
                above: hips_sagging
            """.write(to: file, atomically: true, encoding: .utf8)
        let (status, _, error) = try Self.formcheck(["exercises", "--template", file.path])
        #expect(status != 0)
        #expect(error.contains("my-plank.yaml:14: checks[0].good: reversed range: min 10 is above max -10."))
    }

    @Test func helpOfExercises() throws {
        let (status, output, _) = try Self.formcheck(["exercises", "--help"])
        #expect(status == 0)
        #expect(output == """
            OVERVIEW: List the exercises with how much to do, or show one in full.

            Without an id, lists every exercise with its starting position, camera view and
            prescription. With an id (or --template FILE, to check a template of your own),
            shows how to do it and what formcheck checks; --figure FILE also draws its
            target pose. --safety shows when to stop and see a doctor.

            USAGE: formcheck exercises [<id>] [--template <file>] [--safety] [--figure <file>]

            ARGUMENTS:
              <id>                    An exercise id to show in full (e.g. plank).

            OPTIONS:
              --template <file>       A template file of your own to check and show.
              --safety                Show the pain rule and the red flags that mean: stop
                                      and see a doctor.
              --figure <file>         Also draw the exercise's target pose to this picture
                                      (.jpg or .png).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    @Test func helpOfAnalyze() throws {
        let (status, output, _) = try Self.formcheck(["analyze", "--help"])
        #expect(status == 0)
        #expect(output == """
            OVERVIEW: Analyse recorded landmarks for one exercise: verdicts, reps, holds,
            score.

            Reads the landmark JSON that `formcheck pose --json` writes (an array of
            frames, or a folder of one JSON file per frame), judges every frame against the
            exercise's checks, counts reps and holds, and prints the session summary.
            Frames of separate photos (image files that are not one numbered series, as
            `formcheck pose` writes for a folder of photos) are each judged on their own,
            with no reps or holds. --json writes every frame's verdict, faults, cues and
            measures, the reps, holds and summary.

            USAGE: formcheck analyze [<options>] <poses>

            ARGUMENTS:
              <poses>                 The landmark JSON file, or a folder of one JSON file
                                      per frame.

            OPTIONS:
              --exercise <id>         The exercise id (see `formcheck exercises`).
              --template <file>       A template file of your own, instead of --exercise.
              --json <file>           Write the full report as JSON to this file ('-' for
                                      standard output).
              --fps <rate>            Frames per second, for frames without a timestamp_s.
                                      (default: 30.0)
              --visibility <level>    The lowest landmark visibility to trust, 0 to 1.
                                      (default: 0.5)
              --image-only            Measure on image landmarks only, ignoring world
                                      landmarks.
              --photos/--no-photos    Take the frames as separate photos, each judged on
                                      its own with no reps or holds (--photos), or as one
                                      recording (--no-photos). By default they are photos
                                      when their image files are not one numbered series.
              --pain-before <score>   Pain before starting, 0 (none) to 10 (worst).
              --pain-after <score>    Pain after finishing, 0 to 10.
              --sharp-pain            A sharp pain was felt during the exercise.
              --sharp-pain-at <seconds>
                                      Seconds into the recording when the sharp pain came
                                      (default: at the end).
              --version               Show the version.
              -h, --help              Show help information.


            """)
    }

    // MARK: analyze

    /// A figure standing, seen from its left side (image 720×1280): image (x, y, visibility) and world (x, y, z).
    static let standingImage: [(Double, Double, Double)] = [
        (353.0, 498.9, 0.99), (355.2, 492.5, 0.99), (356.2, 492.1, 0.99), (358.1, 491.7, 0.99),
        (355.2, 493.4, 0.99), (356.3, 493.8, 0.30), (358.1, 494.2, 0.30), (372.3, 494.1, 0.99),
        (371.8, 498.0, 0.30), (355.7, 504.7, 0.99), (355.8, 505.9, 0.99), (371.7, 527.9, 0.99),
        (370.5, 533.4, 0.99), (371.6, 590.1, 0.99), (370.5, 589.6, 0.30), (371.5, 638.2, 0.99),
        (370.4, 633.2, 0.30), (371.4, 651.4, 0.99), (370.5, 646.2, 0.30), (369.9, 654.9, 0.99),
        (368.9, 647.7, 0.30), (367.5, 647.9, 0.99), (366.6, 640.7, 0.30), (371.2, 622.8, 0.99),
        (370.7, 621.0, 0.99), (371.1, 700.3, 0.99), (370.6, 694.8, 0.30), (371.0, 776.6, 0.99),
        (370.5, 767.4, 0.30), (381.9, 784.9, 0.99), (380.9, 775.4, 0.30), (338.1, 786.1, 0.99),
        (339.1, 776.6, 0.99),
    ]
    static let standingWorld: [(Double, Double, Double)] = [
        (-0.100, -0.675, -0.059), (-0.088, -0.705, -0.080), (-0.082, -0.704, -0.095), (-0.072, -0.703, -0.110),
        (-0.088, -0.709, -0.044), (-0.082, -0.710, -0.029), (-0.072, -0.711, -0.014), (0.005, -0.684, -0.135),
        (0.005, -0.697, 0.014), (-0.085, -0.638, -0.081), (-0.085, -0.643, -0.031), (0.000, -0.487, -0.218),
        (0.000, -0.517, 0.130), (0.000, -0.163, -0.190), (0.000, -0.193, 0.159), (0.000, 0.092, -0.168),
        (0.000, 0.061, 0.181), (0.000, 0.163, -0.131), (0.000, 0.138, 0.157), (-0.009, 0.181, -0.177),
        (-0.009, 0.147, 0.206), (-0.022, 0.143, -0.203), (-0.022, 0.106, 0.224), (0.000, 0.008, -0.087),
        (0.000, -0.008, 0.087), (0.000, 0.435, -0.050), (0.000, 0.419, 0.125), (0.000, 0.864, -0.012),
        (0.000, 0.848, 0.162), (0.061, 0.911, -0.008), (0.061, 0.896, 0.166), (-0.184, 0.918, -0.008),
        (-0.184, 0.903, 0.167),
    ]
    /// The same figure at the bottom of a squat.
    static let bottomImage: [(Double, Double, Double)] = [
        (344.4, 550.5, 0.99), (342.8, 544.3, 0.99), (343.6, 543.5, 0.99), (345.0, 542.3, 0.99),
        (342.9, 544.7, 0.30), (343.9, 544.3, 0.30), (345.4, 543.4, 0.30), (358.3, 536.3, 0.99),
        (358.4, 538.4, 0.30), (350.2, 553.9, 0.99), (350.3, 554.4, 0.99), (378.0, 565.0, 0.99),
        (376.3, 566.9, 0.99), (334.5, 608.6, 0.99), (336.9, 606.4, 0.30), (300.8, 642.5, 0.99),
        (306.4, 637.1, 0.30), (291.6, 651.7, 0.99), (297.0, 646.5, 0.30), (287.7, 653.2, 0.99),
        (295.2, 646.2, 0.30), (290.7, 646.7, 0.99), (298.7, 639.6, 0.30), (430.2, 641.4, 0.99),
        (426.7, 638.7, 0.99), (354.5, 661.5, 0.99), (354.8, 657.9, 0.30), (381.1, 734.0, 0.99),
        (380.1, 726.9, 0.30), (392.1, 742.5, 0.99), (390.6, 734.9, 0.30), (348.0, 743.7, 0.99),
        (348.6, 736.1, 0.99),
    ]
    static let bottomWorld: [(Double, Double, Double)] = [
        (-0.470, -0.496, -0.043), (-0.479, -0.527, -0.064), (-0.474, -0.530, -0.079), (-0.466, -0.534, -0.095),
        (-0.479, -0.531, -0.028), (-0.474, -0.535, -0.014), (-0.466, -0.542, 0.001), (-0.393, -0.562, -0.124),
        (-0.393, -0.575, 0.025), (-0.438, -0.474, -0.067), (-0.438, -0.478, -0.017), (-0.289, -0.396, -0.210),
        (-0.289, -0.427, 0.138), (-0.519, -0.167, -0.190), (-0.519, -0.197, 0.158), (-0.700, 0.013, -0.175),
        (-0.700, -0.017, 0.174), (-0.753, 0.063, -0.139), (-0.753, 0.038, 0.148), (-0.768, 0.070, -0.187),
        (-0.768, 0.037, 0.196), (-0.749, 0.035, -0.212), (-0.749, -0.002, 0.215), (0.000, 0.008, -0.087),
        (0.000, -0.008, 0.087), (-0.414, 0.118, -0.077), (-0.414, 0.103, 0.097), (-0.267, 0.521, -0.042),
        (-0.267, 0.506, 0.132), (-0.206, 0.569, -0.038), (-0.206, 0.554, 0.136), (-0.451, 0.576, -0.037),
        (-0.451, 0.560, 0.137),
    ]

    static let names = [
        "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
        "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
        "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
        "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
        "left_heel", "right_heel", "left_foot_index", "right_foot_index",
    ]

    /// A recording of `squats` squats at 10 frames per second, as `formcheck pose --json` writes it;
    /// frames in `missing` have no person.
    static func squatRecording(squats: Int, missing: Set<Int> = []) throws -> Data {
        var frames: [[String: Any]] = []
        func frame(_ depth: Double, _ index: Int) -> [String: Any] {
            func mix(_ a: (Double, Double, Double), _ b: (Double, Double, Double)) -> (Double, Double, Double) {
                (a.0 + (b.0 - a.0) * depth, a.1 + (b.1 - a.1) * depth, a.2 + (b.2 - a.2) * depth)
            }
            let image = zip(standingImage, bottomImage).map(mix)
            let world = zip(standingWorld, bottomWorld).map(mix)
            let pose: Any = missing.contains(index) ? NSNull() : [
                "landmarks": image.enumerated().map { ["name": names[$0], "x_px": $1.0, "y_px": $1.1, "z": 0.0,
                                                         "visibility": $1.2, "presence": 0.99] },
                "world_landmarks": world.map { ["x": $0.0, "y": $0.1, "z": $0.2] },
            ] as [String: Any]
            return ["image": "frame_\(index).jpg", "width": 720, "height": 1280, "pose": pose]
        }
        var depths = Array(repeating: 0.0, count: 10)
        for _ in 0..<squats {
            depths += (1...10).map { (1 - cos(Double($0) / 10 * .pi)) / 2 }
            depths += Array(repeating: 1.0, count: 5)
            depths += (1...10).map { (1 + cos(Double($0) / 10 * .pi)) / 2 }
            depths += Array(repeating: 0.0, count: 8)
        }
        frames = depths.enumerated().map { frame($1, $0) }
        return try JSONSerialization.data(withJSONObject: frames)
    }

    @Test func analysesASquatRecording() throws {
        let folder = try Self.scratch()
        let poses = folder.appendingPathComponent("squats.json"), report = folder.appendingPathComponent("report.json")
        try Self.squatRecording(squats: 3, missing: [2]).write(to: poses)
        let (status, output, error) = try Self.formcheck(["analyze", poses.path, "--exercise", "squat", "--fps", "10",
                                                           "--json", report.path])
        #expect(status == 0, "\(error)")
        #expect(output.hasPrefix("Squat (squat) — prescription: 10 reps\n"))
        #expect(output.contains("\nReps: 3\n"))
        #expect(output.contains("Red flags — stop and see a doctor if any of these apply:"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        #expect(Set(json.keys) == ["exercise", "frames", "reps", "holds", "summary"])
        #expect(json["exercise"] as? String == "squat")
        let frames = try #require(json["frames"] as? [[String: Any]])
        #expect(frames.count == 10 + 3 * 33)
        #expect(frames.allSatisfy { Set($0.keys) == ["image", "verdict", "faults", "cues", "measures"] })
        #expect(frames[2]["verdict"] as? String == "unseen")
        #expect((frames[2]["cues"] as? [String])?.first == "I can't see you — step into the picture so your whole body is in view.")
        #expect(frames.enumerated().allSatisfy { $0.offset == 2 || $0.element["verdict"] as? String == "good" })
        let measures = try #require(frames[30]["measures"] as? [String: Any])
        #expect(measures.keys.contains("knee_angle.mean"))
        let reps = try #require(json["reps"] as? [[String: Any]])
        #expect(reps.count == 3)
        #expect(reps.allSatisfy { $0["complete"] as? Bool == true && $0["score"] as? Int == 100 })
        let summary = try #require(json["summary"] as? [String: Any])
        #expect(summary["reps"] as? Int == 3)
        #expect(summary["score"] as? Int == 100)
        let safety = try #require(summary["safety"] as? [String: Any])
        #expect((safety["red_flags"] as? [String])?.count == 5)
    }

    @Test func painAboveThreeStopsTheExercise() throws {
        let folder = try Self.scratch()
        let poses = folder.appendingPathComponent("squats.json")
        try Self.squatRecording(squats: 2).write(to: poses)
        let (status, output, _) = try Self.formcheck(["analyze", poses.path, "--exercise", "squat", "--fps", "10",
                                                       "--pain-before", "5"])
        #expect(status == 0)
        #expect(output.contains("No reps or holds counted yet."))
        #expect(output.contains("Stopped for safety."))
        #expect(output.contains("Your pain is 5/10 before starting, above 3/10: don't do this exercise today."))
    }

    @Test func aSharpPainEndsTheExerciseWhereItCame() throws {
        let folder = try Self.scratch()
        let poses = folder.appendingPathComponent("squats.json")
        try Self.squatRecording(squats: 3).write(to: poses)
        let (status, output, _) = try Self.formcheck(["analyze", poses.path, "--exercise", "squat", "--fps", "10",
                                                       "--sharp-pain", "--sharp-pain-at", "5"])
        #expect(status == 0)
        #expect(output.contains("\nReps: 1\n"))
        #expect(output.contains("You felt a sharp pain: stop this exercise now."))
    }

    @Test func analyzeNeedsAnExercise() throws {
        let (status, _, error) = try Self.formcheck(["analyze", "poses.json"])
        #expect(status != 0)
        #expect(error.contains("give --exercise ID or --template FILE (one of them)"))
    }

    @Test func aPainScoreOffTheScaleIsRefused() throws {
        let (status, _, error) = try Self.formcheck(["analyze", "poses.json", "--exercise", "squat", "--pain-after", "12"])
        #expect(status != 0)
        #expect(error.contains("--pain-after must be a whole number from 0 (no pain) to 10 (worst pain)"), "\(error)")
    }

    @Test func aMissingRecordingSaysSo() throws {
        let (status, _, error) = try Self.formcheck(["analyze", "/nonexistent/poses.json", "--exercise", "plank"])
        #expect(status != 0)
        #expect(error.contains("Cannot read /nonexistent/poses.json: no such file or folder."))
    }
}

extension FormCommandsTests {
    @Test func framesOfPhotosOrOfARecording() {
        #expect(AnalyzeCommand.arePhotos(["plank/front.jpg", "plank/side.jpg"]))
        #expect(AnalyzeCommand.arePhotos(["one.png"]))
        #expect(!AnalyzeCommand.arePhotos(["f/frame_0001.jpg", "f/frame_0002.jpg", "f/frame_0003.jpg"]))
        #expect(!AnalyzeCommand.arePhotos(["clip.mp4#1", "clip.mp4#2"]), "frames of a video")
        #expect(!AnalyzeCommand.arePhotos(["a.jpg", nil]), "a frame without an image name")
    }
}

import Foundation
import Imaging
import Testing
@testable import Pose

/// Heatmap refinement and projection (`blazepose-pipeline.md` §9.3, §10).
@Suite struct LandmarkTests {
    /// A 64×64 heatmap with `channels` channels, logits −20 everywhere except `hot` cells.
    static func heatmap(channels: Int = 1, hot: [(row: Int, column: Int, channel: Int, logit: Float)]) -> [Float] {
        var values = [Float](repeating: -20, count: 64 * 64 * channels)
        for cell in hot { values[(cell.row * 64 + cell.column) * channels + cell.channel] = cell.logit }
        return values
    }

    static func refine(_ points: [LandmarkPoint], _ heatmap: [Float], kernel: Int = 9) -> [LandmarkPoint] {
        var landmarks = points
        heatmap.withUnsafeBufferPointer {
            HeatmapRefinement(kernelSize: kernel).refine(&landmarks, heatmap: $0, rows: 64, columns: 64, channels: points.count)
        }
        return landmarks
    }

    @Test func movesToTheWeightedCellIndexWithoutAHalfCellOffset() {
        // Two equally hot cells at columns 10 and 12, row 20: the mean is column 11 → 11/64.
        let map = Self.heatmap(hot: [(20, 10, 0, 5), (20, 12, 0, 5)])
        let out = Self.refine([LandmarkPoint(x: 11.7 / 64, y: 20.2 / 64, z: 0.3, visibility: 0.7, presence: 0.8)], map)[0]
        #expect(abs(out.x - 11.0 / 64) < 1e-5)
        #expect(abs(out.y - 20.0 / 64) < 1e-5)
        #expect(out.z == 0.3 && out.visibility == 0.7 && out.presence == 0.8)
    }

    @Test(arguments: [(7, false), (9, true)])
    func kernelSizeSetsTheWindow(kernel: Int, reachesCell: Bool) {
        // The only hot cell is 4 columns away: inside a 9-wide window, outside a 7-wide one.
        let map = Self.heatmap(hot: [(30, 24, 0, 5)])
        let start = LandmarkPoint(x: 20.5 / 64, y: 30.5 / 64, z: 0)
        let out = Self.refine([start], map, kernel: kernel)[0]
        #expect((abs(out.x - 24.0 / 64) < 1e-5) == reachesCell)
        #expect((out.x == start.x) == !reachesCell)
    }

    @Test func lowConfidenceLeavesTheLandmark() {
        // sigmoid(−0.01) < 0.5: nothing in the window is confident enough.
        let map = Self.heatmap(hot: [(10, 10, 0, -0.01)])
        let start = LandmarkPoint(x: 10.2 / 64, y: 10.2 / 64, z: 0)
        #expect(Self.refine([start], map)[0] == start)
    }

    @Test(arguments: [Float(-0.9), 64.3, 64, 70])
    func windowCentreTruncatesTowardZeroAndSkipsOutsideCells(row: Float) {
        // Row −0.9 truncates to 0 and is refined; rows 64 and above are outside: unchanged.
        let map = Self.heatmap(hot: [(0, 5, 0, 5), (63, 5, 0, 5)])
        let start = LandmarkPoint(x: 5.5 / 64, y: row / 64, z: 0)
        let out = Self.refine([start], map)[0]
        if row < 0 {
            #expect(abs(out.y) < 1e-6 && abs(out.x - 5.0 / 64) < 1e-5)
        } else {
            #expect(out == start)
        }
    }

    @Test func eachLandmarkReadsItsOwnChannel() {
        let map = Self.heatmap(channels: 2, hot: [(8, 8, 0, 5), (40, 40, 1, 5)])
        let out = Self.refine([LandmarkPoint(x: 9 / 64, y: 9 / 64, z: 0), LandmarkPoint(x: 41 / 64, y: 41 / 64, z: 0)], map)
        #expect(abs(out[0].x - 8.0 / 64) < 1e-5 && abs(out[1].y - 40.0 / 64) < 1e-5)
    }

    @Test func projectionRotatesAboutTheRegionCentre() {
        let region = NormalizedRect(xCenter: 0.5, yCenter: 0.4, width: 0.2, height: 0.3, rotation: .pi / 2)
        // The crop's right edge centre goes to below the centre after a quarter turn clockwise.
        let p = LandmarkProjection.toImage(LandmarkPoint(x: 1, y: 0.5, z: 0.1, visibility: 0.9), padding: Letterbox(), region: region)
        #expect(abs(p.x - 0.5) < 1e-6 && abs(p.y - (0.4 + 0.5 * 0.3)) < 1e-6)
        #expect(abs(p.z - 0.02) < 1e-7 && p.visibility == 0.9)
    }

    @Test func projectionRemovesTheLetterbox() {
        let region = NormalizedRect(xCenter: 0.5, yCenter: 0.5, width: 1, height: 1, rotation: 0)
        let padding = Letterbox(left: 0.1, top: 0, right: 0.1, bottom: 0)
        let p = LandmarkProjection.toImage(LandmarkPoint(x: 0.1, y: 0.25, z: 0.8), padding: padding, region: region)
        #expect(abs(p.x) < 1e-6 && abs(p.y - 0.25) < 1e-6 && abs(p.z - 1) < 1e-6)
    }

    @Test func worldLandmarksTurnWithTheRegionAndKeepDepth() {
        let region = NormalizedRect(xCenter: 0.3, yCenter: 0.3, width: 1, height: 1, rotation: -.pi / 2)
        let w = LandmarkProjection.toWorld(LandmarkPoint(x: 0.2, y: 0, z: -0.4), region: region)
        #expect(abs(w.x) < 1e-6 && abs(w.y + 0.2) < 1e-6 && w.z == -0.4)
    }
}

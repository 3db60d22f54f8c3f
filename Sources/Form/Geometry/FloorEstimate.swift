import Foundation

/// Where the floor is: the up direction and, when known, a point on it.
///
/// Found from the landmarks a template says rest on the floor (hands and knees on all fours,
/// shoulders and heels in a bridge): a plane through three or more of them in world
/// coordinates, a line through two (which corrects a tilted camera in the plane of the
/// picture), else the camera's own up. An estimate tilted more than ``maximumTilt`` from the
/// camera's up is not believed (the person is not in the assumed position) and the camera's up
/// is used instead. Each resting landmark is first lowered by its ``BodyLandmark/restingClearance``
/// (a hip joint rests higher above the floor than a heel), so the fit follows the floor itself;
/// of several resting landmarks, those that have lifted (a knee under a hip that has risen, a
/// heel that has come up) lie above the floor the others agree on and are left out, so a part
/// that should rest but rises does not tip the floor with it.
public struct FloorEstimate: Sendable {
    /// How the up direction was found.
    public enum Source: String, Sendable {
        /// A plane through three or more resting landmarks (3D only).
        case plane
        /// A line through resting landmarks.
        case line
        /// The camera's up direction.
        case camera
    }

    /// The largest believed angle between the floor's up and the camera's up, in degrees.
    public static let maximumTilt = 40.0

    /// The lowest visibility a resting landmark needs to help find the floor. Lower than for
    /// measuring: a far hand or knee hidden behind the body is still placed well enough by the
    /// pose model to steady the floor, and landmarks that disagree are left out anyway.
    public static let contactVisibility = 0.2

    /// The unit up direction.
    public let up: Vector3
    /// A point on the floor (the centre of the trusted resting landmarks), if any was trusted.
    public let point: Vector3?
    /// The resting landmarks that were used (seen well enough, and not lifted off the others' floor).
    public let landmarks: [BodyLandmark]
    /// How ``up`` was found.
    public let source: Source
    /// The direction of the resting line, for a ``Source/line`` estimate.
    public let lineDirection: Vector3?

    /// The camera's up with no floor point.
    public init(cameraUpIn geometry: PoseGeometry) {
        up = geometry.cameraUp
        point = nil
        landmarks = []
        source = .camera
        lineDirection = nil
    }

    /// The floor through the trusted landmarks among `contacts`; `trunkLength` (in the
    /// geometry's units) scales the landmarks' clearances and sets the shortest extent (half of
    /// it) a line or plane must have to be believed.
    public init(contacts: [BodyLandmark], in geometry: PoseGeometry, trunkLength: Double) {
        let trusted = contacts.filter { geometry.confidence($0) >= min(Self.contactVisibility, geometry.visibilityThreshold) }
        let spread = trunkLength / 2
        let first = Self.fit(trusted.map(geometry.position), space: geometry.space, cameraUp: geometry.cameraUp, minimumSpread: spread)
        func lowered(_ landmark: BodyLandmark) -> Vector3 {
            geometry.position(landmark) - first.up * (landmark.restingClearance * trunkLength)
        }
        let used = Self.restingSubset(trusted, positions: lowered, geometry: geometry, spread: spread,
                                      tolerance: 0.12 * trunkLength)
        let fitted = Self.fit(used.map(lowered), space: geometry.space, cameraUp: geometry.cameraUp, minimumSpread: spread)
        landmarks = used
        up = fitted.up
        source = fitted.source
        lineDirection = fitted.direction
        point = used.isEmpty ? nil : used.map(lowered).reduce(Vector3.zero, +) / Double(used.count)
    }

    /// The landmarks that really rest on the floor: of the planes (3D) or lines (2D) through
    /// every few of them, the one with none of the others below it and the most of them on it.
    /// A resting part that has lifted lies above that floor and is left out.
    private static func restingSubset(_ landmarks: [BodyLandmark], positions: (BodyLandmark) -> Vector3,
                                      geometry: PoseGeometry, spread: Double, tolerance: Double) -> [BodyLandmark] {
        let size = geometry.space == .world ? 3 : 2
        guard landmarks.count > size else { return landmarks }
        let points = landmarks.map(positions)
        var best: (inliers: [Int], residual: Double)?
        for subset in combinations(of: points.count, choose: size) {
            let fitted = fit(subset.map { points[$0] }, space: geometry.space, cameraUp: geometry.cameraUp, minimumSpread: spread)
            guard fitted.source == (geometry.space == .world ? .plane : .line) else { continue }
            let centre = subset.map { points[$0] }.reduce(Vector3.zero, +) / Double(size)
            let heights = points.map { ($0 - centre).dot(fitted.up) }
            guard heights.allSatisfy({ $0 >= -tolerance }) else { continue }
            let inliers = heights.indices.filter { abs(heights[$0]) <= tolerance }
            let residual = inliers.map { abs(heights[$0]) }.reduce(0, +)
            if let current = best, current.inliers.count > inliers.count
                || (current.inliers.count == inliers.count && current.residual <= residual) { continue }
            best = (inliers, residual)
        }
        return best.map { $0.inliers.map { landmarks[$0] } } ?? landmarks
    }

    /// Every way of choosing `k` of `n` indices, in order.
    private static func combinations(of n: Int, choose k: Int) -> [[Int]] {
        guard k > 0 else { return [[]] }
        guard n >= k else { return [] }
        return combinations(of: n - 1, choose: k - 1).map { $0 + [n - 1] } + combinations(of: n - 1, choose: k)
    }

    /// The up direction through `points`.
    private static func fit(_ points: [Vector3], space: PoseGeometry.Space, cameraUp: Vector3,
                            minimumSpread: Double) -> (up: Vector3, source: Source, direction: Vector3?) {
        guard points.count >= 2 else { return (cameraUp, .camera, nil) }
        let centre = points.reduce(Vector3.zero, +) / Double(points.count)
        var rows = [Vector3](repeating: .zero, count: 3)
        for p in points {
            let d = p - centre
            rows[0] += d * d.x
            rows[1] += d * d.y
            rows[2] += d * d.z
        }
        let eigen = SymmetricEigen3(rows: rows.map { $0 / Double(points.count) })
        let extent = (eigen.values[0].magnitude * 4).squareRoot()
        let width = (eigen.values[1].magnitude * 4).squareRoot()
        let maxTiltCos = cos(Angle.radians(Self.maximumTilt))
        if space == .world, points.count >= 3, extent >= minimumSpread, width >= 0.2 * extent {
            var normal = eigen.vectors[2]
            if normal.dot(cameraUp) < 0 { normal = -normal }
            if normal.dot(cameraUp) >= maxTiltCos { return (normal, .plane, nil) }
        }
        let direction = eigen.vectors[0]
        if extent >= minimumSpread,
           let lineUp = cameraUp.removingComponent(along: direction).normalized,
           lineUp.dot(cameraUp) >= maxTiltCos {
            return (lineUp, .line, direction)
        }
        return (cameraUp, .camera, nil)
    }

    /// Whether the estimate corrects a camera tipped about an axis across `axis` (the body's long
    /// axis): a plane does, a line does when it runs along the body, the camera's up does not.
    public func correctsTilt(along axis: Vector3) -> Bool {
        switch source {
        case .plane: return true
        case .line: return lineDirection.map { abs($0.dot(axis)) >= 0.5 } ?? false
        case .camera: return false
        }
    }

    /// The height of `position` above the floor along ``up``, or `nil` without a floor point.
    public func height(of position: Vector3) -> Double? {
        point.map { (position - $0).dot(up) }
    }
}

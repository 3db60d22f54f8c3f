import Foundation

/// Whether the names of a folder's images say they are the frames of one recording
/// (`frame_0001.jpg`, `frame_0002.jpg`, … or every fifth frame) rather than a collection of
/// separate photos (`plank_front.jpg`, `IMG_2031.jpg`, `IMG_2107.jpg`).
///
/// Frames of a recording share one name around a number that rises by a steady step; photos
/// do not. Tracking a person from one separate photo to the next, and smoothing their
/// landmarks as if the photos were 1/30 s apart, would blend unrelated pictures.
public enum FrameSeries {
    /// Whether `paths` (in natural order) name the frames of one recording: at least two files,
    /// nearly all of them (all but one in ten, so that a stray file does not decide) with the
    /// same text before and after one number and the same extension, those numbers rising with
    /// no step more than twice the most common one.
    public static func isRecording(_ paths: [String]) -> Bool {
        guard paths.count >= 2 else { return false }
        var series: [String: [Int]] = [:]
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let stem = url.deletingPathExtension().lastPathComponent
            guard let (prefix, number, suffix) = split(stem) else { continue }
            series["\(prefix.lowercased())\u{0}\(suffix.lowercased())\u{0}\(url.pathExtension.lowercased())", default: []].append(number)
        }
        guard let numbers = series.values.max(by: { $0.count < $1.count }), numbers.count >= 2,
              Double(numbers.count) >= 0.9 * Double(paths.count) else { return false }
        let steps = zip(numbers.dropFirst(), numbers).map { $0 - $1 }
        guard steps.allSatisfy({ $0 > 0 }) else { return false }
        var counts: [Int: Int] = [:]
        for step in steps { counts[step, default: 0] += 1 }
        guard let common = counts.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key })?.key else { return false }
        return steps.allSatisfy { $0 <= 2 * common }
    }

    /// Whether images named `names` are separate photos: there is at least one, every name is an
    /// image file (``ImageFolderSource/imageExtensions``; frames of a video, `clip.mp4#12`, are
    /// not), and they are not the frames of one recording (``isRecording(_:)``).
    public static func arePhotos(_ names: [String]) -> Bool {
        guard !names.isEmpty else { return false }
        let pictures = names.allSatisfy {
            ImageFolderSource.imageExtensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased())
        }
        return pictures && !isRecording(names)
    }

    /// The stem's last run of digits with the text before and after it.
    private static func split(_ stem: String) -> (String, Int, String)? {
        let characters = Array(stem)
        guard let end = characters.lastIndex(where: \.isASCIIDigit) else { return nil }
        var start = end
        while start > 0, characters[start - 1].isASCIIDigit { start -= 1 }
        let digits = String(characters[start...end])
        guard digits.count <= 9, let number = Int(digits) else { return nil }
        return (String(characters[..<start]), number, String(characters[(end + 1)...]))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

import Foundation

/// Names for files written into one folder, one per source picture: `stem.jpg` after the
/// source's file name, made unique with `_2`, `_3`, … when two sources share a stem
/// (`a/frame_1.png` and `b/frame_1.jpg`). `formcheck pose --annotate` and `formcheck score
/// --annotate` name their pictures this way.
public struct UniqueFileNames: Sendable {
    private var taken = Set<String>()
    /// The extension given to every name, without the dot.
    public let fileExtension: String

    /// No name taken yet; names end in `.fileExtension`.
    public init(fileExtension: String = "jpg") {
        self.fileExtension = fileExtension
    }

    /// A new name for the picture from `path`: its file name's stem, with this extension.
    public mutating func name(for path: String) -> String {
        name(stem: ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
    }

    /// A new name from `stem`: `stem.ext`, or `stem_2.ext`, `stem_3.ext`, … when taken.
    public mutating func name(stem: String) -> String {
        var name = "\(stem).\(fileExtension)", n = 1
        while taken.contains(name) {
            n += 1
            name = "\(stem)_\(n).\(fileExtension)"
        }
        taken.insert(name)
        return name
    }
}

import Foundation
import Yams

/// A node of a template's YAML with the path that leads to it, for errors that point at the field.
struct YAMLField {
    let node: Node
    /// The field path, e.g. `checks[2].good.min`.
    let path: String
    /// The file name, for errors.
    let file: String

    /// An error about this field.
    func error(_ problem: String) -> FormError {
        .invalidTemplate(file: file, path: path.isEmpty ? "(top level)" : path, line: node.mark?.line, problem: problem)
    }

    /// The field as a mapping whose keys must all be in `allowed`.
    func mapping(allowed: [String]) throws -> YAMLMapping {
        guard case let .mapping(mapping) = node else { throw error("expected a mapping of fields") }
        var fields: [(String, YAMLField)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw error("a field name is not text") }
            let child = YAMLField(node: value, path: path.isEmpty ? name : "\(path).\(name)", file: file)
            guard allowed.contains(name) else {
                throw child.error("unknown field '\(name)' (allowed here: \(allowed.joined(separator: ", ")))")
            }
            if fields.contains(where: { $0.0 == name }) { throw child.error("field given twice") }
            fields.append((name, child))
        }
        return YAMLMapping(field: self, fields: fields)
    }

    /// The field as a list.
    func list() throws -> [YAMLField] {
        guard case let .sequence(sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { YAMLField(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    /// The field as non-empty text.
    func text() throws -> String {
        guard case let .scalar(scalar) = node else { throw error("expected text") }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw error("is empty") }
        return value
    }

    /// The field as a finite number.
    func number() throws -> Double {
        guard case .scalar = node, let value = node.float, value.isFinite else { throw error("expected a number") }
        return value
    }

    /// The field as a whole number of at least `minimum`.
    func integer(minimum: Int) throws -> Int {
        guard case .scalar = node, let value = node.int else { throw error("expected a whole number") }
        guard value >= minimum else { throw error("must be at least \(minimum)") }
        return value
    }

    /// The field as true or false.
    func boolean() throws -> Bool {
        guard case .scalar = node, let value = node.bool else { throw error("expected true or false") }
        return value
    }

    /// The field as one of a fixed set of words.
    func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws -> T where T.RawValue == String {
        let word = try text()
        guard let value = T(rawValue: word) else {
            throw error("'\(word)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}

/// The fields of a YAML mapping, looked up by name.
struct YAMLMapping {
    let field: YAMLField
    let fields: [(String, YAMLField)]

    /// The optional field `name`.
    subscript(name: String) -> YAMLField? { fields.first { $0.0 == name }?.1 }

    /// The field `name`, which must be present.
    func required(_ name: String) throws -> YAMLField {
        guard let value = self[name] else {
            throw FormError.invalidTemplate(file: field.file, path: field.path.isEmpty ? name : "\(field.path).\(name)",
                                            line: field.node.mark?.line, problem: "missing required field")
        }
        return value
    }
}

/// A part's fields (`set PART FIELD TEXT`, or filled by an answer), each the person's own words.
/// Reads like a `[PartField: String]`; kept as a short list, which takes a fraction of a
/// dictionary's memory for the few fields a part has.
public struct PartFields: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    private var entries: [(field: PartField, text: StoredText)] = []

    public init() {}

    public init(dictionaryLiteral elements: (PartField, String)...) {
        for (field, text) in elements { self[field] = text }
    }

    public subscript(field: PartField) -> String? {
        get { stored(field)?.string }
        set { set(field, newValue.map { StoredText($0) }) }
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var count: Int { entries.count }

    /// The fields that are set.
    public var dictionary: [PartField: String] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.field, $0.text.string) })
    }

    func stored(_ field: PartField) -> StoredText? {
        for entry in entries where entry.field == field { return entry.text }
        return nil
    }

    /// Sets (or with nil or an empty text, clears) a field.
    mutating func set(_ field: PartField, _ text: StoredText?) {
        let index = entries.firstIndex { $0.field == field }
        switch (index, text) {
        case (let index?, let text?) where !text.isEmpty: entries[index].text = text
        case (let index?, _): entries.remove(at: index)
        case (nil, let text?) where !text.isEmpty: entries.appendGrowingGently((field, text))
        case (nil, _): break
        }
    }

    public static func == (a: PartFields, b: PartFields) -> Bool {
        a.count == b.count && a.entries.allSatisfy { b.stored($0.field) == $0.text }
    }
}

extension PartFields: Sequence {
    /// The fields that are set, in the order they were first set.
    public func makeIterator() -> some IteratorProtocol<(key: PartField, value: String)> {
        entries.lazy.map { (key: $0.field, value: $0.text.string) }.makeIterator()
    }
}

extension Array {
    /// Appends, growing by half rather than doubling when full: a large map holds a short list of
    /// answers and of fields for each of 100,000 parts, and doubling leaves a quarter of them unused.
    mutating func appendGrowingGently(_ element: Element) {
        if count == capacity { reserveCapacity(count + Swift.max(2, count / 2)) }
        append(element)
    }
}

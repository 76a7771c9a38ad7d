/// Every part's and pattern's name in an array indexed by id, for a view that names the ends of
/// every relation and link: ids are small and dense, and a lookup by hash in a table the size of a
/// large map misses the cache every time.
struct NamesByID {
    private var names: [String]

    init(_ system: InnerSystem) {
        names = [String](repeating: "", count: system.nextEntityID)
        system.forEachPart { names[$0.pointee.id] = $0.pointee.name }
        system.patterns.values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in buffer.indices { names[(base + index).pointee.id] = (base + index).pointee.name }
        }
    }

    subscript(id: EntityID) -> String { names[id] }
}

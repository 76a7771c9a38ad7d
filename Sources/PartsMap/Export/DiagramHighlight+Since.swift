extension DiagramHighlight {
    /// What `export … --since SESSION` marks: parts, patterns, relations and links that are new
    /// since then, and parts and patterns that were there but have new answers.
    init(marking diff: MapDiff, since session: Int) {
        parts = diff.newParts.union(diff.answeredParts)
        patterns = diff.newPatterns.union(diff.answeredPatterns)
        relations = diff.newRelations
        links = diff.newLinks
        let answered = !diff.answeredParts.isEmpty || !diff.answeredPatterns.isEmpty
        legendText = (answered ? "new or newly answered" : "new") + " since session \(session)"
    }
}

/// `debrief` and `rupture` are driven like the other walks (`CommandRunner.converse`): every answer
/// is a change already kept, so stopping adds none.
extension IncidentConversation: GuidedWalk {
    mutating func stop(in system: InnerSystem) -> [Change] {
        _ = stop()
        return []
    }
}

extension InnerSystem {
    /// Why the map would refuse these changes applied in order, or nil if it takes them all.
    func refusal(of changes: [Change]) -> MapError? {
        var copy = self
        for change in changes {
            do { try copy.apply(change, at: nil) } catch { return error }
        }
        return nil
    }
}

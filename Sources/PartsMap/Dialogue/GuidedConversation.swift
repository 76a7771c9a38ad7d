/// What a guided conversation (`ask`, `debrief`, `rupture`) gives whoever drives it: the step to show,
/// the changes each reply makes, and the closing words when the person stops.
public protocol GuidedConversation {
    var step: Step { get }
    var isFinished: Bool { get }
    /// The changes to apply and journal now, in order, valid against `system`.
    mutating func respond(_ line: String, in system: InnerSystem) -> [Change]
    /// Ends it now (a lone "." or Ctrl-C), keeping what was said; the closing words.
    mutating func stop() -> String
}

extension Conversation: GuidedConversation {}
extension IncidentConversation: GuidedConversation {}

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

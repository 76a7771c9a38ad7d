/// The small words every message, card and view shares, in one place so they agree: counts with
/// their plurals, a role with its article. (There are no bad parts: a role is only ever named,
/// never judged.)
public enum Wording {
    /// "1 part", "2 parts", "0 patterns".
    public static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// A role as a sentence names it: "a manager", "an exile", "a part whose role is not yet clear".
    public static func aRole(_ role: Role) -> String {
        role == .unknown ? "a part whose role is not yet clear" : "a\(role == .exile ? "n" : "") \(role.rawValue)"
    }
}

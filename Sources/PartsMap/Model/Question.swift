/// The questions partsmap asks, each with the short key the command language uses to record
/// an answer from a script (`ask PART KEY TEXT`). The order of `partQuestions` is the order of
/// the guided conversation with a part; `patternQuestions` are the relational questions.
public enum Question: String, CaseIterable, Sendable, Hashable {
    // Asked of a part.
    case body, age, toward, job, duration, message, protecting, afraid
    // Asked of a relationship pattern.
    case active, hard, choices, communicate, learn
    // Preparing a hard conversation, asked after the five above.
    case steady, timeout, change

    public static let partQuestions: [Question] = [.body, .age, .toward, .job, .duration, .message, .protecting, .afraid]
    public static let patternQuestions: [Question] = [.active, .hard, .choices, .communicate, .learn, .steady, .timeout, .change]

    public var isForPatterns: Bool {
        switch self {
        case .active, .hard, .choices, .communicate, .learn, .steady, .timeout, .change: true
        case .body, .age, .toward, .job, .duration, .message, .protecting, .afraid: false
        }
    }

    /// The question as it is asked.
    public var wording: String {
        switch self {
        case .body: "Where do you notice it, in or around your body?"
        case .age: "How old does it seem?"
        case .toward: "How do you feel toward it?"
        case .job: "What is its job?"
        case .duration: "How long has it been doing this job?"
        case .message: "What does it want you to know?"
        case .protecting: "What are you protecting me from?"
        case .afraid: "What is it afraid would happen if it stopped?"
        case .active: "Which part is active in you when this happens?"
        case .hard: "What do you do that makes it hard for the other person to give you what you want?"
        case .choices: "Where were your choice points?"
        case .communicate: "What do you want to communicate about yourself?"
        case .learn: "What do you want to learn about them?"
        case .steady: "How can you hold steady — calm and centred — while you have the conversation?"
        case .timeout: "What is your plan for a time-out: who may call it, and who comes back to the topic, when?"
        case .change: "What would you like to change in how you show up, for your own reasons?"
        }
    }

    /// The part field an answer also fills, so a card shows the latest answer in its place.
    public var fillsField: PartField? {
        switch self {
        case .body: .body
        case .age: .age
        case .job: .job
        case .afraid: .fear
        default: nil
        }
    }
}

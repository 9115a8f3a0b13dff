/// The words of a message as a person reads them: a student may paste text with HTML tags or
/// terminal colour codes, whose fragments («script», «31m») would otherwise be searched as words.
public enum MessageText {
    public static func plain(_ text: String) -> String {
        text.replacing(#/\x1B\][^\x07\x1B]*(\x07|\x1B\\)?/#, with: " ")  // OSC: a title, a link
            .replacing(#/\x1B\[[0-9;?]*[ -\/]*[@-~]/#, with: " ")        // CSI: colours, cursor moves
            .replacing(#/(?is)<(script|style)\b.*?<\/\1\s*>/#, with: " ")  // code, not words
            .replacing(#/<\/?[A-Za-z][^<>]*>/#, with: " ")                // HTML tags
            .replacing(#/[\x00-\x08\x0B-\x1F\x7F]/#, with: " ")
    }
}

import Foundation

/// Writes a line to standard error (messages for people, never stack traces).
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

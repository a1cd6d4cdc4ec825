import Crypto
import Foundation

/// SHA-256 in lower-case hex: how the audit chain links its rows, and how sessions and API
/// tokens are stored (only their fingerprint, never the token).
public enum Fingerprint {
    public static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

import Crypto
import Foundation

/// SHA-256 in lower-case hex: how the audit chain links its rows, and how sessions and API
/// tokens are stored (only their fingerprint, never the token).
public enum Fingerprint {
    public static func sha256(_ text: String) -> String {
        // Every request fingerprints its token, and every audit row its link: two hex digits a
        // byte from a table, not a formatted string per byte (which was 4% of a simple request).
        var hex: [UInt8] = []
        hex.reserveCapacity(2 * SHA256.byteCount)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    private static let digits = Array("0123456789abcdef".utf8)
}

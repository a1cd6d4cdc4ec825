import Foundation
import Testing

@testable import ConveneWeb

@Suite("Two-factor codes (RFC 6238) and base32 (RFC 4648)")
struct TOTPTests {
    static let sha1Seed = Array("12345678901234567890".utf8)
    static let sha256Seed = Array("12345678901234567890123456789012".utf8)
    static let sha512Seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    /// RFC 6238 Appendix B: time, then the 8-digit codes for SHA-1, SHA-256 and SHA-512.
    static let vectors: [(TimeInterval, String, String, String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ]

    @Test(arguments: vectors) func codesMatchTheRFCTestVectors(vector: (TimeInterval, String, String, String)) {
        let (seconds, sha1, sha256, sha512) = vector
        let time = Date(timeIntervalSince1970: seconds)
        #expect(TOTP(secret: Self.sha1Seed, digits: 8, algorithm: .sha1).code(at: time) == sha1)
        #expect(TOTP(secret: Self.sha256Seed, digits: 8, algorithm: .sha256).code(at: time) == sha256)
        #expect(TOTP(secret: Self.sha512Seed, digits: 8, algorithm: .sha512).code(at: time) == sha512)
    }

    @Test func sixDigitCodesAreTheLastSixOfTheRFCCodes() {
        // Dynamic truncation modulo 10^6 keeps the low six digits of the 8-digit value.
        let totp = TOTP(secret: Self.sha1Seed)
        #expect(totp.code(at: Date(timeIntervalSince1970: 59)) == "287082")
        #expect(totp.code(at: Date(timeIntervalSince1970: 1_111_111_109)) == "081804")
    }

    @Test func aCodeIsAcceptedOneStepEitherSideButNoFurther() {
        let totp = TOTP(secret: Self.sha1Seed)
        let now = Date(timeIntervalSince1970: 1_234_567_890)
        let step = totp.step(at: now)
        #expect(totp.matchingStep(totp.code(atStep: step), at: now) == step)
        #expect(totp.matchingStep(totp.code(atStep: step - 1), at: now) == step - 1)
        #expect(totp.matchingStep(totp.code(atStep: step + 1), at: now) == step + 1)
        #expect(totp.matchingStep(totp.code(atStep: step - 2), at: now) == nil)
        #expect(totp.matchingStep("12345", at: now) == nil)
        #expect(totp.matchingStep("abcdef", at: now) == nil)
    }

    @Test(arguments: [
        ("", ""), ("f", "MY"), ("fo", "MZXQ"), ("foo", "MZXW6"), ("foob", "MZXW6YQ"), ("fooba", "MZXW6YTB"),
        ("foobar", "MZXW6YTBOI"),
    ])
    func base32SecretsReadAsRFC4648WithoutPaddingInEitherCase(plain: String, encoded: String) {
        #expect(TOTP.secretBytes(base32: encoded) == Array(plain.utf8))
        #expect(TOTP.secretBytes(base32: encoded.lowercased() + "===") == Array(plain.utf8))
        #expect(TOTP.secretBytes(base32: " " + encoded.prefix(4) + " " + encoded.dropFirst(4)) == Array(plain.utf8))
    }

    @Test func base32RefusesOtherCharacters() {
        #expect(TOTP.secretBytes(base32: "MZXW1") == nil)
        #expect(TOTP(base32: "not base32!") == nil)
        #expect(TOTP(base32: "") == nil)
    }

    @Test func aNewSecretIs160BitsThatReadBack() {
        let secret = TOTP.newSecret()
        #expect(secret.count == 32 && secret.allSatisfy { "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".contains($0) })
        #expect(TOTP(base32: secret)?.secret.count == 20)
    }

    @Test func theTestAccountsSecretIsTheRFCSeed() {
        #expect(TOTP.secretBytes(base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ") == Self.sha1Seed)
    }
}

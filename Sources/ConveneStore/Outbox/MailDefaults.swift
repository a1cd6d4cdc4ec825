import ConveneCore
import Foundation

/// The server's mail settings, read once at start-up: the address messages come from, and the
/// address of Convene for organisations that have not set their own (`MailSettings`).
public struct MailDefaults: Sendable, Equatable {
    /// The envelope sender and From address ("convene@northmoor.gov.uk").
    public var fromAddress: String
    public var baseUrl: String

    public init(fromAddress: String, baseUrl: String) {
        self.fromAddress = fromAddress
        self.baseUrl = baseUrl
    }

    public static let standard = MailDefaults(fromAddress: "convene@localhost.localdomain", baseUrl: "http://127.0.0.1:8080")
}

import ArgumentParser
import ConveneCore
import ConveneStore
import ConveneWeb
import Foundation

/// Accounts: create, list, disable, enable, set a password.
struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account", abstract: "Create and manage sign-in accounts.",
        subcommands: [Create.self, List.self, Disable.self, Enable.self, Password.self])

    /// Reads a new password from the first line of standard input, so it never appears in `ps` or shell history.
    static func readPassword() throws -> String {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw CLIError("give the new password on standard input, for example: convene account create ... < password.txt")
        }
        if let problem = Credentials.passwordProblem(line) { throw CLIError("the password \(problem)") }
        return line
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account; reads the password from standard input and prints the two-factor secret.")
        @OptionGroup var database: DatabaseOptions
        @Option(help: "Sign-in name.") var username: String
        @Option(help: "The professional this account is for (their role becomes the account's role).")
        var professionalId: String?
        @Flag(help: "An administrator's account, not tied to a professional.") var administrator = false
        @Option(help: "Display name, for an administrator.") var name: String?

        func run() async throws {
            if administrator == (professionalId != nil) {
                throw CLIError("give either --professional-id ID or --administrator --name NAME")
            }
            var professional: UUID?
            if let professionalId {
                guard let id = UUID(uuidString: professionalId) else {
                    throw CLIError("--professional-id must be an id (a UUID)")
                }
                professional = id
            }
            let password = try AccountCommand.readPassword()
            let secret = Credentials.newTOTPSecret()
            let hash = try Credentials.hashPassword(password)
            let account = try await database.withStore { store in
                try await store.createAccount(
                    NewAccount(
                        username: username, displayName: name, role: administrator ? .administrator : nil,
                        professionalId: professional, passwordHash: hash, totpSecret: secret))
            }
            print("Created \(account.username) (\(account.role.label)).")
            print("Two-factor secret: \(secret)")
            print("Add it to an authenticator app: \(Credentials.provisioningURI(secret: secret, username: account.username))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List accounts.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let accounts = try await database.withStore { try await $0.accounts() }
            for a in accounts {
                print("\(a.username)\t\(a.role.rawValue)\t\(a.disabledAt == nil ? "active" : "disabled")\t\(a.displayName)")
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account and end all of its sessions.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            try await database.setDisabled(username, true)
            print("Disabled \(username); every session of theirs has ended.")
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            try await database.setDisabled(username, false)
            print("Enabled \(username).")
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a new password (read from standard input); ends every session of the account.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String

        func run() async throws {
            let hash = try Credentials.hashPassword(try AccountCommand.readPassword())
            try await database.withStore { store in
                let account = try await store.namedAccount(username)
                try await store.setPasswordHash(account.id, hash)
            }
            print("Password changed for \(username); every session of theirs has ended.")
        }
    }
}

/// Personal API tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Create and revoke personal API tokens.", subcommands: [Create.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for an account; prints it once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Option(help: "What the token is for.") var name: String

        func run() async throws {
            let (token, hash) = Credentials.newAPIToken()
            let saved = try await database.withStore { store in
                let account = try await store.namedAccount(username)
                return try await store.createToken(accountId: account.id, name: name, tokenHash: hash)
            }
            print("Token \(saved.id) for \(username). Copy it now; it is not shown again:")
            print(token)
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Username.") var username: String
        @Argument(help: "Token id.") var tokenId: String

        func run() async throws {
            guard let id = UUID(uuidString: tokenId) else { throw CLIError("the token id must be an id (a UUID)") }
            try await database.withStore { store in
                let account = try await store.namedAccount(username)
                _ = try await store.revokeToken(id, of: account.id)
            }
            print("Revoked token \(id).")
        }
    }
}

/// The audit log.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check the audit log.", subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Walk the hash chain and report any edited, removed or inserted row; exits 1 if any.")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let result = try await database.withStore { try await $0.verifyAudit() }
            if result.isIntact {
                print("Audit log intact: \(counted(result.rowsChecked, "row")), every hash matches.")
            } else {
                for problem in result.problems { print("audit: \(problem)") }
                throw CLIError(
                    "the audit log has been tampered with: \(counted(result.problems.count, "problem")) in \(counted(result.rowsChecked, "row"))"
                )
            }
        }
    }
}

/// Prints the current code for a TOTP secret (for the demo accounts, whose secret is published).
struct TOTPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp", abstract: "Print the current two-factor code for a base32 secret.")
    @Argument(help: "The secret, base32.") var secret: String

    func run() throws {
        guard let code = Credentials.totpCode(secret: secret) else { throw CLIError("the secret must be base32 (A–Z, 2–7)") }
        print(code)
    }
}

extension ConveneStore {
    /// The account with this username, or a one-line error naming it.
    func namedAccount(_ username: String) async throws -> Account {
        guard let account = try await account(username: username) else { throw CLIError("no account \(username)") }
        return account
    }
}

extension DatabaseOptions {
    func setDisabled(_ username: String, _ disabled: Bool) async throws {
        try await withStore { store in _ = try await store.setDisabled(try await store.namedAccount(username).id, disabled) }
    }
}

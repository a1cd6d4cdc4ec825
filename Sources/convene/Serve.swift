import ArgumentParser
import ConveneMail
import ConveneStore
import ConveneWeb
import Foundation
import Logging

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the web application and the JSON API.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Address to listen on (default: $CONVENE_HOST or 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default: $CONVENE_PORT or 8080).")
    var port: Int?

    @Flag(help: "Load the synthetic demo data first if the database is empty.")
    var demo = false

    @Option(help: "Vapor environment: production (default) or development.")
    var env = "production"

    @Option(name: .customLong("log-format"), help: "json (default: one JSON object per line, with request ids) or text.")
    var logFormat = "json"

    func run() async throws {
        runTasksOnEventLoops()
        var config: AppConfig
        do {
            config = try AppConfig.from(environment: ProcessInfo.processInfo.environment, databasePath: database.path)
        } catch {
            throw CLIError("\(error)")
        }
        if let host { config.hostname = host }
        if let port {
            guard (1...65535).contains(port) else { throw CLIError("--port must be between 1 and 65535") }
            config.port = port
        }
        guard env == "production" || env == "development" else { throw CLIError("--env must be production or development") }
        guard logFormat == "json" || logFormat == "text" else { throw CLIError("--log-format must be json or text") }
        // The stylesheet (and the meeting page's script) are served from here: without them every
        // page would show unstyled.
        let publicFiles = FileManager.default.currentDirectoryPath + "/Public"
        guard FileManager.default.fileExists(atPath: publicFiles + "/css/convene.css") else {
            throw CLIError(
                "no stylesheet in \(publicFiles): run convene serve from the Convene directory (the one with Public/)")
        }
        if logFormat == "json" {
            LoggingSystem.bootstrap { JSONLogHandler(label: $0) }
        }
        if demo {
            // The demo's messages link to this server, on the port it serves.
            try await database.withStore(mail: config.mailDefaults) { store in
                if try await store.organisations().isEmpty {
                    let summary = try await DemoData(
                        database: store.database, now: Date(), passwordHash: try Credentials.hashPassword(DemoData.password),
                        mail: store.mail
                    ).load()
                    print(
                        "Loaded demo data: \(summary.cases) cases, \(summary.meetings) meetings, \(summary.professionals) professionals."
                    )
                    print(
                        "Sign in as any demo professional (for example hana.okafor, a social worker) or as admin, with password \(DemoData.password) and the code from: convene totp \(DemoData.totpSecret)"
                    )
                    fflush(nil)  // flush so a parent process reading the pipe sees the line now
                }
            }
        }
        let ready = config
        do {
            try await runServer(config: config, environment: env) {
                print(
                    "Convene is running at http://\(ready.hostname):\(ready.port)/ (\(ready.location)). API: /api/v1, OpenAPI: /openapi.json. Stop with Ctrl-C."
                )
                if let mail = ready.mail, mail.smtp != nil, !ready.baseUrlGiven, env == "production" {
                    print(
                        "Warning: CONVENE_BASE_URL is not set, so links in messages lead to http://\(ready.hostname):\(ready.port), which recipients cannot reach; set it to Convene's public address."
                    )
                }
                if let mail = ready.mail {
                    print(
                        mail.smtp == nil
                            ? "Messages are written to the folder \(mail.folder)/ as .eml files (set CONVENE_SMTP_URL to send them through a relay)."
                            : "Messages go to \(mail.transport.destination).")
                }
                fflush(nil)  // flush so a parent process reading the pipe sees the line now
            }
        } catch let error as ConfigurationError {
            throw CLIError("\(error)")
        } catch {
            throw CLIError("the server stopped: \(error)")
        }
    }
}

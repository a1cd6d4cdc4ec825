import ConveneWeb
import Foundation
import Logging
import Testing

/// Collects written lines for inspection.
final class LineSink: @unchecked Sendable {
    // @unchecked: the test writes and reads from one task, one line at a time.
    var lines: [String] = []
}

@Suite("JSON logs")
struct JSONLogHandlerTests {
    @Test func eachLineIsOneJSONObjectWithTheRequestId() throws {
        // Given a logger that writes JSON lines
        let sink = LineSink()
        var logger = Logger(label: "convene.test") { label in JSONLogHandler(label: label, write: { sink.lines.append($0) }) }
        logger[metadataKey: "request-id"] = "B1D4"
        // When it logs an event with metadata
        logger.info("GET /meetings/42 \"booked\"\n", metadata: ["meeting-id": "42"])
        logger.debug("not at info level")
        // Then one line is written, as JSON with every field
        #expect(sink.lines.count == 1)
        let fields = try JSONDecoder().decode([String: String].self, from: Data(sink.lines[0].utf8))
        #expect(fields["message"] == "GET /meetings/42 \"booked\"\n")
        // Paths stay readable: slashes are not escaped; quotes and newlines are.
        #expect(sink.lines[0].contains(#""message":"GET /meetings/42 \"booked\"\n""#))
        #expect(sink.lines[0].hasPrefix(#"{"label":"convene.test","level":"info","meeting_id":"42","message""#))
        #expect(fields["level"] == "info")
        #expect(fields["label"] == "convene.test")
        #expect(fields["request_id"] == "B1D4")
        #expect(fields["meeting_id"] == "42")
        #expect(fields["time"].flatMap(JSONCoding.parseInstant) != nil)
    }
}

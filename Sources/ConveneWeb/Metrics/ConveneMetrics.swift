import Prometheus
import Vapor

/// Prometheus metrics for one running app, served at `/metrics`. Labels are route patterns and
/// statuses only: never ids, names or anything typed by a person.
final class ConveneMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let durationBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10),
    ]

    /// One request finished: counted by method, route and status, and timed by route.
    func record(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "convene", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "Requests answered, by method, route pattern and status"),
            labels: [("method", method), ("route", route), ("status", String(status))]
        ).increment()
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "convene", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "Time to answer, by route pattern"),
            labels: [("route", route)], buckets: Self.durationBuckets
        ).record(duration)
    }

    /// Counts an event that has no route of its own (busy database, refused sign-in).
    func count(_ name: String, help: String) { add(1, name, help: help) }

    /// Adds to a counter of events that have no route of its own (messages sent).
    func add(_ amount: Int, _ name: String, help: String) {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: "convene", metricName: name, unitName: "total", helpText: help)
        ).increment(by: Int64(amount))
    }

    /// Sets a gauge that has no route of its own (the SQLite log's size): `convene_<subsystem>_<name>_<unit>`.
    func set(subsystem: String, _ name: String, unit: String, help: String, to value: Int) {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "convene", subsystem: subsystem, metricName: name, unitName: unit, helpText: help)
        ).set(Double(value))
    }

    func exposition() -> String { registry.emitToString() }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = ConveneMetrics }

    /// This app's metrics (set up by `configure`).
    var metrics: ConveneMetrics {
        get { storage[MetricsKey.self] ?? ConveneMetrics() }
        set { storage[MetricsKey.self] = newValue }
    }
}

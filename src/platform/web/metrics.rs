//! Request counters and latencies, exposed at `/metrics` in the Prometheus text format by the
//! `metrics` crates' Prometheus recorder. Each application holds its own recorder (never the
//! process-wide one), so two applications in one process (tests) count apart.

use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics::{Key, KeyName, Label, Level, Metadata, Recorder, SharedString, Unit};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};

use crate::platform::Platform;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

/// How often the latencies recorded since the last scrape are folded into the histogram
/// (until then each is kept on its own, so a server nobody scrapes would keep them all).
pub const UPKEEP_EVERY: Duration = Duration::from_secs(5);

const REQUESTS: &str = "concerto_http_requests_total";
const DURATION: &str = "concerto_http_request_duration_seconds";

/// Where the series come from, as the `metrics` crates describe a call site.
static ORIGIN: Metadata<'static> = Metadata::new(module_path!(), Level::INFO, None);

/// Counters kept since the server started.
pub struct Metrics {
    recorder: PrometheusRecorder,
    handle: PrometheusHandle,
}

impl Default for Metrics {
    fn default() -> Self {
        let recorder = PrometheusBuilder::new()
            .set_buckets(&BUCKETS)
            .expect("the buckets are not empty")
            .build_recorder();
        recorder.describe_counter(
            KeyName::from_const_str(REQUESTS),
            None,
            "HTTP requests by method, route and status.".into(),
        );
        recorder.describe_histogram(
            KeyName::from_const_str(DURATION),
            Some(Unit::Seconds),
            "Time to answer a request.".into(),
        );
        let handle = recorder.handle();
        Metrics { recorder, handle }
    }
}

impl Metrics {
    /// Counts one finished request.
    pub fn record(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        let labels = vec![
            Label::from_static_parts("method", method),
            Label::new("route", route.to_owned()),
            Label::new("status", status.to_string()),
        ];
        self.recorder
            .register_counter(&Key::from_parts(REQUESTS, labels), &ORIGIN)
            .increment(1);
        self.recorder
            .register_histogram(&Key::from_static_name(DURATION), &ORIGIN)
            .record(seconds);
    }

    /// Folds the latencies recorded since the last call into the histogram.
    pub fn upkeep(&self) {
        self.handle.run_upkeep();
    }

    /// The Prometheus text exposition, with the given gauges (name, help, value) set first.
    pub fn render(&self, gauges: &[(&'static str, &'static str, i64)]) -> String {
        for &(name, help, value) in gauges {
            let name = KeyName::from_const_str(name);
            self.recorder
                .describe_gauge(name.clone(), None, SharedString::const_str(help));
            self.recorder
                .register_gauge(&Key::from_name(name), &ORIGIN)
                .set(value as f64);
        }
        self.handle.render()
    }
}

/// The label of a request's method: one of HTTP's standard methods, or `other` (a made-up
/// method must not open a new series: visitors choose it).
pub fn method_label(method: &Method) -> &'static str {
    const STANDARD: [Method; 9] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
        Method::CONNECT,
        Method::TRACE,
    ];
    STANDARD
        .iter()
        .find(|m| *m == method)
        .map_or("other", Method::as_str)
}

/// Middleware: times each request and counts it under its method's label and its route
/// pattern (never the raw method or path, which would let visitors create unbounded series).
pub async fn track(State(state): State<Platform>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str)
        .to_owned();
    let response = next.run(request).await;
    state.metrics.record(
        method,
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counters_and_histogram() {
        let metrics = Metrics::default();
        metrics.record("GET", "/", 200, 0.002);
        metrics.upkeep();
        metrics.record("GET", "/", 200, 0.3);
        metrics.record("GET", "/a\"b", 404, 0.3);
        let text = metrics.render(&[("concerto_users", "Accounts.", 7)]);
        assert!(text.contains("# HELP concerto_http_requests_total HTTP requests"));
        assert!(text.contains("# TYPE concerto_http_request_duration_seconds histogram"));
        assert!(text.contains("# HELP concerto_users Accounts."));
        assert!(text.contains(r#"route="/a\"b",status="404"} 1"#), "{text}");
        assert!(
            text.contains(
                "concerto_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"
            )
        );
        assert!(text.contains("concerto_http_request_duration_seconds_bucket{le=\"0.0025\"} 1"));
        // Latencies folded by an upkeep and those recorded since are all counted.
        assert!(text.contains("concerto_http_request_duration_seconds_bucket{le=\"+Inf\"} 3"));
        assert!(text.contains("concerto_users 7"));
    }

    #[test]
    fn made_up_methods_share_one_label() {
        assert_eq!(method_label(&Method::GET), "GET");
        assert_eq!(method_label(&Method::PATCH), "PATCH");
        for made_up in ["FOO", "BAR1", "get"] {
            assert_eq!(
                method_label(&Method::from_bytes(made_up.as_bytes()).unwrap()),
                "other"
            );
        }
    }
}

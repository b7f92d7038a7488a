//! Request counters and latencies, exposed at `/metrics` in the Prometheus text format.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::platform::Platform;

/// Upper bounds of the latency histogram, in seconds.
const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0];

/// Counters kept since the server started.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<(String, String, u16), u64>>,
    latency_buckets: [AtomicU64; BUCKETS.len()],
    latency_count: AtomicU64,
    latency_sum_micros: AtomicU64,
}

impl Metrics {
    /// Counts one finished request.
    pub fn record(&self, method: &str, route: &str, status: u16, seconds: f64) {
        *self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .entry((method.to_owned(), route.to_owned(), status))
            .or_default() += 1;
        for (bucket, bound) in self.latency_buckets.iter().zip(BUCKETS) {
            if seconds <= bound {
                bucket.fetch_add(1, Ordering::Relaxed);
            }
        }
        self.latency_count.fetch_add(1, Ordering::Relaxed);
        self.latency_sum_micros
            .fetch_add((seconds * 1e6) as u64, Ordering::Relaxed);
    }

    /// The Prometheus text exposition, with extra gauges appended.
    pub fn render(&self, gauges: &[(&str, &str, i64)]) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP concerto_http_requests_total HTTP requests by method, route and status.\n",
        );
        out.push_str("# TYPE concerto_http_requests_total counter\n");
        for ((method, route, status), count) in self
            .requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "concerto_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {count}",
                route.replace('\\', "\\\\").replace('"', "\\\"")
            );
        }
        out.push_str("# HELP concerto_http_request_duration_seconds Time to answer a request.\n");
        out.push_str("# TYPE concerto_http_request_duration_seconds histogram\n");
        for (bucket, bound) in self.latency_buckets.iter().zip(BUCKETS) {
            let _ = writeln!(
                out,
                "concerto_http_request_duration_seconds_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Ordering::Relaxed)
            );
        }
        let count = self.latency_count.load(Ordering::Relaxed);
        let _ = writeln!(
            out,
            "concerto_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {count}"
        );
        let _ = writeln!(
            out,
            "concerto_http_request_duration_seconds_sum {}",
            self.latency_sum_micros.load(Ordering::Relaxed) as f64 / 1e6
        );
        let _ = writeln!(out, "concerto_http_request_duration_seconds_count {count}");
        for (name, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        out
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
        metrics.record("GET", "/", 200, 0.3);
        let text = metrics.render(&[("concerto_users", "Accounts.", 7)]);
        assert!(
            text.contains(
                "concerto_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 2"
            )
        );
        assert!(text.contains("concerto_http_request_duration_seconds_bucket{le=\"0.0025\"} 1"));
        assert!(text.contains("concerto_http_request_duration_seconds_bucket{le=\"+Inf\"} 2"));
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

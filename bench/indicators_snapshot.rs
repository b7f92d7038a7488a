//! The daily indicators snapshot (issue #25): on a database seeded by seed-needs (the demo's
//! process with its needs), computes every standard indicator of the process and keeps them as
//! the day's snapshot, RUNS times (5), and prints each time and the median.
//!   indicators-snapshot DATABASE_URL [RUNS]

use std::time::Instant;

use concerto::features::indicators::rules::Indicator;
use concerto::features::indicators::service;
use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::platform::db::{self, Db};

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let runs: usize = args.next().map_or(5, |n| n.parse().expect("a count"));
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    let process = processes::store::by_slug(&db, concerto::features::demo::PROCESS_SLUG)
        .await
        .expect("read")
        .expect("the demo process");
    let mut times = Vec::new();
    let mut needs = None;
    for _ in 0..runs {
        let started = Instant::now();
        let values = service::snapshot(&db, process.id, Day::today())
            .await
            .expect("snapshot");
        times.push(started.elapsed().as_secs_f64());
        needs = values
            .iter()
            .find(|(i, _)| *i == Indicator::Needs)
            .and_then(|(_, v)| *v);
    }
    let written: Vec<String> = times
        .iter()
        .map(|t| format!("{:.0} ms", t * 1000.0))
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "indicators snapshot ({} indicators, {} published needs): median {:.0} ms ({})",
        Indicator::ALL.len(),
        needs.unwrap_or(0.0),
        times[times.len() / 2] * 1000.0,
        written.join(", ")
    );
}

//! Seeds the solutions benchmark on a database the needs benchmark seeded (`seed-needs`): a
//! published synthesis of its needs, then 20,000 solutions answering 60,000 needs (three each,
//! drawn among the needs), at every stage, half of them placed on a point, through the same
//! store the site writes with. Then times the suggestions' index over the needs: its build,
//! and 2,000 queries (texts of needs, as a solution's text would resemble them) for the 8
//! closest needs, p50 / p99 / max. Appends to `OUT/params.env` a need with solutions, a stage
//! and the texts for the suggestion requests.
//!   cargo run --release -p concerto-bench --bin seed-solutions -- DATABASE_URL OUT [SOLUTIONS]

use std::time::Instant;

use concerto::features::processes;
use concerto::features::solutions::caches::NeedIndex;
use concerto::features::solutions::rules::{Scope, Source};
use concerto::features::solutions::store::{self, NewSolution};
use concerto::features::syntheses;
use concerto::platform::db::{self, Db};
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const LINKS_PER_SOLUTION: usize = 3;
const QUERIES: usize = 2_000;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let out = std::path::PathBuf::from(args.next().expect("OUT folder"));
    let count: usize = args
        .next()
        .map_or(20_000, |n| n.parse().expect("SOLUTIONS"));
    let started = Instant::now();
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    let process = processes::store::by_slug(&db, concerto::features::demo::PROCESS_SLUG)
        .await
        .unwrap()
        .expect("seed-needs ran first");

    // The synthesis of the needs, published: each need's trail goes through its cluster.
    let synthesis = syntheses::store::start(&db, process.id, syntheses::rules::Scope::All, None)
        .await
        .unwrap()
        .expect("no synthesis running");
    syntheses::jobs::run(&db, synthesis, &mut |_| {})
        .await
        .expect("synthesis");
    let manager =
        concerto::features::accounts::users::by_email(&db, "gestion@demo.concerto.localhost")
            .await
            .unwrap()
            .expect("demo manager")
            .id;
    syntheses::store::validate(&db, synthesis, manager)
        .await
        .unwrap();
    let validated = syntheses::store::by_id(&db, synthesis)
        .await
        .unwrap()
        .unwrap();
    syntheses::store::publish(&db, &validated).await.unwrap();
    let synthesised = started.elapsed().as_secs_f64();

    type Need = (
        i64,
        String,
        String,
        Option<i64>,
        Option<i64>,
        Option<f64>,
        Option<f64>,
    );
    let needs: Vec<Need> = concerto::with_db!(&db, pool => sqlx::query_as(
        "SELECT id, title, body, theme_id, territory_id, lon, lat FROM needs
         WHERE process_id = $1 AND status = 'published' ORDER BY id")
        .bind(process.id).fetch_all(pool).await)
    .unwrap();
    let stages = store::stages(&db, process.id).await.unwrap();
    let mut random = Rng::new(20_261_206);
    let now = concerto::platform::clock::now_ms();
    let mut seeded = 0;
    while seeded < count {
        let size = (count - seeded).min(1_000);
        let batch: Vec<NewSolution> = (0..size)
            .map(|_| {
                let linked: Vec<usize> = (0..LINKS_PER_SOLUTION)
                    .map(|_| random.below(needs.len()))
                    .collect();
                let first = &needs[linked[0]];
                let stage = &stages[random.below(stages.len())];
                let placed = random.below(2) == 0 && first.5.is_some();
                let title = format!(
                    "Solution : {}",
                    first.1.chars().take(100).collect::<String>()
                );
                let body = first.2.chars().take(600).collect::<String>();
                let mut ids: Vec<i64> = linked.iter().map(|i| needs[*i].0).collect();
                ids.sort_unstable();
                ids.dedup();
                NewSolution {
                    process_id: process.id,
                    terms: textkit::search_terms(&format!("{title} {body}")),
                    title,
                    body,
                    theme_id: first.3,
                    scope: if placed { Scope::Point } else { Scope::Commune },
                    territory_id: first.4,
                    point: placed.then(|| [first.5.unwrap_or(0.0), first.6.unwrap_or(0.0)]),
                    organisation: String::new(),
                    stage_id: Some(stage.id),
                    progress: stage.progress.unwrap_or(30),
                    source: Source::Online,
                    event_id: None,
                    author_id: None,
                    entered_by: None,
                    external_id: None,
                    answer: None,
                    carriers: Vec::new(),
                    needs: ids,
                    clusters: Vec::new(),
                    created_at: now - random.below(60 * 24 * 3_600) as i64 * 1_000,
                }
            })
            .collect();
        store::create_many(&db, &batch)
            .await
            .expect("solutions stored");
        seeded += size;
    }
    let stored = started.elapsed().as_secs_f64() - synthesised;
    let (links,): (i64,) = db
        .read_one("SELECT COUNT(*) FROM solution_needs", &[])
        .await
        .unwrap();
    let (answered,): (i64,) = db
        .read_one(
            "SELECT id FROM needs WHERE solutions_count > 0 ORDER BY solutions_count DESC, id LIMIT 1",
            &[],
        )
        .await
        .unwrap();

    // The suggestions' index over every need, and its queries.
    let texts: Vec<(i64, String, String)> = needs
        .iter()
        .map(|n| (n.0, n.1.clone(), n.2.clone()))
        .collect();
    let built = Instant::now();
    let index = NeedIndex::build(process.needs_revision, texts);
    let build = built.elapsed().as_secs_f64();
    let mut times = Vec::with_capacity(QUERIES);
    let mut found = 0;
    for q in 0..QUERIES {
        let need = &needs[(q * 7_919) % needs.len()];
        let text = format!("{} {}", need.1, need.2);
        let at = Instant::now();
        found += usize::from(!index.nearest(&text, 8).is_empty());
        times.push(at.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];

    let stage = stages[1].id;
    let params = format!("SOLUTION_NEED={answered}\nSTAGE={stage}\nSOLUTION_COUNT={count}\n");
    let mut file = std::fs::read_to_string(out.join("params.env")).unwrap_or_default();
    file.push_str(&params);
    std::fs::write(out.join("params.env"), file).unwrap();
    let queries: String = (0..200)
        .map(|q| {
            let need = &needs[(q * 104_729) % needs.len()];
            format!("{}\n", need.1.replace(['\n', '\t'], " "))
        })
        .collect();
    std::fs::write(out.join("suggestion_texts.txt"), queries).unwrap();
    db.close().await;
    println!(
        "synthesis of {} needs published in {synthesised:.1} s; {count} solutions with {links} links stored in {stored:.1} s",
        needs.len()
    );
    println!(
        "suggestions' index over {} needs built in {build:.2} s; {QUERIES} queries ({found} with suggestions) for the 8 closest: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        needs.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

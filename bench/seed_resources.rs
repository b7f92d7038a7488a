//! Seeds the ressourcerie benchmark (issue #23): the living demo (its process, solutions,
//! partners and budget), then RESOURCES published resources whose titles and summaries are
//! real Grand Débat answers, of every kind, some with themes, stages, audiences and a
//! perimeter, funding with deadlines from last month to next year. Writes `resources.env`
//! (the process's slug, a resource, a solution, a search word).
//!   seed-resources DATABASE_URL OUT_FOLDER [RESOURCES]

use std::time::Instant;

use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::features::resources::rules::{
    Audience, ProjectStage, Publication, Range, Recurrence, ResourceKind,
};
use concerto::features::resources::store::{self as resources, Fields, NewResource};
use concerto::features::solutions;
use concerto::features::{demo, territories};
use concerto::platform::db::{self, Db};
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Some of the items, each kept with probability one in `one_in`.
fn some<T: Copy>(rng: &mut Rng, items: &[T], one_in: usize) -> Vec<T> {
    items
        .iter()
        .copied()
        .filter(|_| rng.below(one_in) == 0)
        .collect()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let out = std::path::PathBuf::from(args.next().expect("OUT folder"));
    let count: usize = args.next().map_or(5_000, |n| n.parse().expect("a count"));
    let started = Instant::now();
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    db::migrate(&db).await.expect("migrations");
    demo::load(&db).await.expect("demo");
    demo::activity::load(&db).await.expect("living demo");
    let process = processes::store::by_slug(&db, demo::PROCESS_SLUG)
        .await
        .unwrap()
        .unwrap();
    let themes: Vec<i64> = processes::store::themes(&db, process.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let places: Vec<i64> = territories::store::at_level(&db, "epci")
        .await
        .unwrap()
        .into_iter()
        .chain(territories::store::at_level(&db, "commune").await.unwrap())
        .map(|t| t.id)
        .collect();
    let answers: Vec<String> =
        measure::grand_debat_answers(&["responses-transition.csv", "responses-fiscalite.csv"])
            .into_iter()
            .map(|(_, text)| text.trim().to_owned())
            .filter(|text| text.chars().count() >= 40)
            .take(count)
            .collect();
    let mut rng = Rng::new(2_026);
    let today = Day::today();
    let made: Vec<NewResource> = answers
        .iter()
        .enumerate()
        .map(|(n, text)| {
            let kind = ResourceKind::ALL[n % ResourceKind::ALL.len()];
            let title: String = text.chars().take(90).collect();
            let funding = kind == ResourceKind::Funding;
            NewResource {
                fields: Fields {
                    kind,
                    title,
                    summary: text.clone(),
                    url: Some(format!("https://exemple.fr/ressources/{n}")),
                    themes: some(&mut rng, &themes, 8),
                    stages: some(&mut rng, ProjectStage::ALL, 3),
                    audiences: some(&mut rng, Audience::ALL, 3),
                    perimeter: if rng.below(4) == 0 {
                        vec![places[rng.below(places.len())]]
                    } else {
                        Vec::new()
                    },
                    source: "Grand Débat National 2019 (texte)".into(),
                    licence: "Licence Ouverte 2.0".into(),
                    funder: if funding {
                        "Région".into()
                    } else {
                        String::new()
                    },
                    amount: if funding {
                        Range {
                            least: Some(1_000),
                            most: Some(1_000 + 500 * rng.below(40) as i64),
                        }
                    } else {
                        Range::default()
                    },
                    rate: Range::default(),
                    deadline: funding.then(|| today.plus_days(rng.below(400) as i64 - 30).iso()),
                    recurrence: funding.then_some(Recurrence::Recurring),
                },
                media_id: None,
                status: Publication::Published,
                created_by: None,
            }
        })
        .collect();
    for chunk in made.chunks(1_000) {
        resources::write(&db, process.id, chunk, &[]).await.unwrap();
    }
    let all = resources::all(&db, process.id).await.unwrap();
    let solution = solutions::store::export(&db, process.id, true)
        .await
        .unwrap()
        .first()
        .map(|s| s.id)
        .expect("a demo solution");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(
        out.join("resources.env"),
        format!(
            "SLUG={}\nRESOURCE={}\nSOLUTION={solution}\nWORD=transport\n",
            demo::PROCESS_SLUG,
            all[all.len() / 2].id
        ),
    )
    .unwrap();
    println!(
        "seeded the living demo and {} resources in {:.1} s",
        made.len(),
        started.elapsed().as_secs_f64()
    );
}

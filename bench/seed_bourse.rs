//! Seeds the bourse benchmark (issue #23) on top of the solutions benchmark's database
//! (seed-needs then seed-solutions ran first): 200 organisations, each spoken for by one of
//! the benchmark's signed-in accounts; 10,000 offers from them (Grand Débat texts, the seven
//! kinds, a commune of the territory or the whole of it); 10,000 requests from the first
//! 10,000 solutions, each carried by one of the same accounts. Writes `bourse.env` (a request
//! and an offer of the first account, whose session is the first line of `sessions.txt`).
//!   seed-bourse DATABASE_URL OUT_FOLDER

use std::time::Instant;

use concerto::features::bourse::rules::SupportKind;
use concerto::features::bourse::store::{self as bourse, NewOffer, NewRequest};
use concerto::features::partners::rules::OrganisationKind;
use concerto::features::partners::store::{self as partners, OrganisationFields};
use concerto::features::{accounts, processes, solutions, territories};
use concerto::platform::db::{self, Db};
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ORGANISATIONS: usize = 200;
const OFFERS: usize = 10_000;
const REQUESTS: usize = 10_000;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let out = std::path::PathBuf::from(args.next().expect("OUT folder"));
    let started = Instant::now();
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    // The solutions benchmark's data may predate the bourse's tables.
    db::migrate(&db).await.expect("migrations");
    let process = processes::store::by_slug(&db, concerto::features::demo::PROCESS_SLUG)
        .await
        .unwrap()
        .expect("seed-needs ran first");
    let communes: Vec<i64> = territories::store::at_level(&db, "commune")
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let themes: Vec<i64> = processes::store::themes(&db, process.id)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.id)
        .collect();
    let mut rng = Rng::new(2_023);

    // Organisations, each spoken for by a benchmark account.
    let mut contacts = Vec::new();
    let mut organisations = Vec::new();
    for n in 0..ORGANISATIONS {
        let user = accounts::users::by_email(&db, &format!("banc-{n}@exemple.fr"))
            .await
            .unwrap()
            .expect("seed-needs made the accounts");
        let fields = OrganisationFields {
            name: format!("Organisation partenaire {n}"),
            kind: OrganisationKind::ALL[n % OrganisationKind::ALL.len()],
            siret: None,
            rna: None,
            website: String::new(),
            description: String::new(),
            territory_id: Some(communes[rng.below(communes.len())]),
        };
        let id = partners::create(&db, &fields, user.id)
            .await
            .unwrap()
            .unwrap();
        contacts.push(user.id);
        organisations.push(id);
    }

    // Offers.
    let texts: Vec<String> = measure::grand_debat_answers(&["responses-transition.csv"])
        .into_iter()
        .map(|(_, text)| text)
        .filter(|t| t.split_whitespace().count() >= 5)
        .collect();
    let mut first_offer = 0;
    for i in 0..OFFERS {
        let text = &texts[i % texts.len()];
        let offer = NewOffer {
            process_id: process.id,
            organisation_id: organisations[i % ORGANISATIONS],
            kind: SupportKind::ALL[rng.below(SupportKind::ALL.len())],
            title: text.chars().take(80).collect(),
            body: text.clone(),
            theme_id: Some(themes[rng.below(themes.len())]),
            territory_id: (rng.below(10) > 0).then(|| communes[rng.below(communes.len())]),
            capacity: 1 + rng.below(20) as i64,
            ends_on: None,
            created_by: contacts[i % ORGANISATIONS],
        };
        let id = bourse::add_offer(&db, &offer).await.unwrap();
        if i == 0 {
            first_offer = id;
        }
    }

    // Requests, from solutions their authors now carry.
    let solution_ids = solutions::store::first_published(&db, process.id, REQUESTS as i64)
        .await
        .unwrap();
    let texts: Vec<String> = measure::grand_debat_answers(&["responses-fiscalite.csv"])
        .into_iter()
        .map(|(_, text)| text)
        .filter(|t| t.split_whitespace().count() >= 5)
        .collect();
    let mut first_request = 0;
    for (i, solution_id) in solution_ids.iter().enumerate() {
        let carrier = contacts[i % ORGANISATIONS];
        concerto::with_db_write!(&db, pool => sqlx::query(
            "INSERT INTO solution_carriers (solution_id, user_id) VALUES ($1, $2)")
            .bind(*solution_id).bind(carrier).execute(pool).await.map(|_| ()))
        .unwrap();
        let text = &texts[i % texts.len()];
        let request = NewRequest {
            process_id: process.id,
            solution_id: *solution_id,
            kind: SupportKind::ALL[rng.below(SupportKind::ALL.len())],
            title: text.chars().take(80).collect(),
            body: text.clone(),
            amount: 1 + rng.below(5) as i64,
            needed_by: None,
            created_by: carrier,
        };
        let id = bourse::add_request(&db, &request).await.unwrap();
        if i == 0 {
            first_request = id;
        }
    }
    std::fs::write(
        out.join("bourse.env"),
        format!("REQUEST={first_request}\nOFFER={first_offer}\n"),
    )
    .unwrap();
    println!(
        "seeded {ORGANISATIONS} organisations, {OFFERS} offers and {} requests in {:.1} s",
        solution_ids.len(),
        started.elapsed().as_secs_f64()
    );
}

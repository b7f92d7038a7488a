//! Seeds a database for the needs benchmark: the demo (Pôle métropolitain, its 197 communes and
//! process), then 100,000 needs whose texts are real Grand Débat answers, placed at random
//! points inside communes drawn by population, spread over two months, with supports; and
//! signed-in accounts for the support endpoint. Writes what the load script needs to `OUT`:
//! `params.env` (ids, a deep cursor, a search word) and `sessions.txt` (cookie, CSRF token and
//! id per account).
//!   cargo run --release -p concerto-bench --bin seed-needs -- DATABASE_URL OUT [NEEDS] [ACCOUNTS]

use std::fmt::Write as _;
use std::time::Instant;

use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::needs::store::NewNeed;
use concerto::features::processes;
use concerto::features::territories;
use concerto::platform::auth::sessions;
use concerto::platform::db::{self, Db};
use textkit::rng::Rng;

/// Answers of at least 20 characters from the Grand Débat files, in file order.
fn answers() -> Vec<String> {
    measure::grand_debat_answers(&["responses-transition.csv", "responses-fiscalite.csv"])
        .into_iter()
        .map(|(_, text)| text.trim().to_owned())
        .filter(|text| text.chars().count() >= 20)
        .collect()
}

/// A title from an answer: its first 120 characters, cut at a word.
fn title_of(text: &str) -> String {
    let line = text.lines().next().unwrap_or(text);
    if line.chars().count() <= 120 {
        return line.to_owned();
    }
    let cut: String = line.chars().take(119).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let out = std::path::PathBuf::from(args.next().expect("OUT folder"));
    let count: usize = args.next().map_or(100_000, |n| n.parse().expect("NEEDS"));
    let accounts: usize = args.next().map_or(2_000, |n| n.parse().expect("ACCOUNTS"));
    std::fs::create_dir_all(&out).expect("OUT folder");
    let started = Instant::now();
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    db::migrate(&db).await.expect("migrations");
    concerto::features::demo::load(&db).await.expect("demo");
    let process = processes::store::by_slug(&db, concerto::features::demo::PROCESS_SLUG)
        .await
        .unwrap()
        .expect("the demo process");
    let themes = processes::store::themes(&db, process.id).await.unwrap();
    let communes: Vec<(i64, i64, geokit::Geometry)> =
        territories::store::shapes_at_level(&db, "commune")
            .await
            .unwrap()
            .into_iter()
            .filter_map(|shape| {
                let geometry = geokit::geojson::parse_geometry(&shape.geometry).ok()?;
                Some((shape.id, shape.population.unwrap_or(100).max(1), geometry))
            })
            .collect();
    let epci = territories::store::at_level(&db, "epci").await.unwrap()[0].id;
    let population: i64 = communes.iter().map(|c| c.1).sum();
    let texts = answers();
    let mut random = Rng::new(20_190_315);

    // Accounts: authors of online needs and supporters, each with a session.
    let mut users = Vec::with_capacity(accounts);
    let mut sessions = String::new();
    for n in 0..accounts {
        let user = accounts::users::create(
            &db,
            &format!("banc-{n}@exemple.fr"),
            &format!("Participant {n}"),
            "!",
            true,
        )
        .await
        .unwrap()
        .expect("new account");
        let token = concerto::platform::secrets::new_token();
        sessions::create(
            &db,
            &concerto::platform::secrets::token_digest(&token),
            user.id,
            30 * 24 * 3_600_000,
        )
        .await
        .unwrap();
        let secret =
            concerto::platform::secrets::encode(&concerto::platform::secrets::random_bytes::<32>());
        let _ = writeln!(
            sessions,
            "{}={token}; {}={secret}\t{}\t{}",
            concerto::platform::web::cookies::SESSION,
            concerto::platform::web::cookies::CSRF,
            concerto::platform::web::csrf::mask(&secret),
            user.id
        );
        users.push(user.id);
    }
    std::fs::write(out.join("sessions.txt"), sessions).unwrap();

    let now = concerto::platform::clock::now_ms();
    let two_months = 61 * 24 * 3_600_000;
    let mut keys = Vec::with_capacity(count);
    let mut batch_texts = Vec::new();
    let mut seeded = 0;
    while seeded < count {
        let size = (count - seeded).min(2_000);
        batch_texts.clear();
        for i in 0..size {
            let text = &texts[(seeded + i) % texts.len()];
            batch_texts.push((title_of(text), text.clone(), textkit::search_terms(text)));
        }
        let mut batch = Vec::with_capacity(size);
        for (title, body, terms) in &batch_texts {
            // A commune drawn by population, then a point inside it.
            let mut pick = random.below(population as usize) as i64;
            let commune = communes
                .iter()
                .find(|c| {
                    pick -= c.1;
                    pick < 0
                })
                .unwrap_or(&communes[0]);
            let bbox = commune.2.bbox();
            let point = (0..50)
                .map(|_| {
                    [
                        bbox.min_x + random.unit() * (bbox.max_x - bbox.min_x),
                        bbox.min_y + random.unit() * (bbox.max_y - bbox.min_y),
                    ]
                })
                .find(|p| commune.2.contains(*p));
            let source = match random.below(20) {
                0 => Source::Import,
                1..=3 => Source::Workshop,
                _ => Source::Online,
            };
            let created_at = now - random.below(two_months as usize) as i64;
            // Few needs gather many supports: a long tail.
            let supports = (random.unit().powi(6) * 200.0) as i64;
            batch.push(NewNeed {
                process_id: process.id,
                title,
                body: if body == title { "" } else { body },
                theme_id: match random.below(themes.len() + 3) {
                    n if n < themes.len() => Some(themes[n].id),
                    _ => None,
                },
                territory_id: Some(commune.0),
                point: if random.below(4) == 0 { None } else { point },
                source,
                author_id: (source == Source::Online).then(|| users[random.below(users.len())]),
                entered_by: None,
                workshop_id: None,
                imported_supports: supports,
                terms,
                created_at,
                external_id: None,
            });
        }
        let ids = needs::store::create_many(&db, &batch)
            .await
            .expect("needs stored");
        keys.extend(
            ids.iter()
                .zip(&batch)
                .map(|(id, need)| (need.created_at, *id)),
        );
        seeded += size;
    }
    keys.sort_unstable_by(|a, b| b.cmp(a));
    let deep = keys[keys.len() / 2];
    let theme = themes.first().expect("a theme").id;
    let commune = communes.iter().max_by_key(|c| c.1).expect("a commune").0;
    let params = format!(
        "SLUG={}\nTHEME={theme}\nCOMMUNE={commune}\nEPCI={epci}\nDEEP_CURSOR={}.{}\nSEARCH=transports\nNEED_MIN={}\nNEED_COUNT={}\n",
        process.slug,
        deep.0,
        deep.1,
        keys.iter().map(|k| k.1).min().unwrap_or(0),
        keys.len(),
    );
    let ids: String = keys.iter().map(|k| format!("{}\n", k.1)).collect();
    std::fs::write(out.join("params.env"), params).unwrap();
    std::fs::write(out.join("need_ids.txt"), ids).unwrap();
    db.close().await;
    eprintln!(
        "seeded {count} needs and {accounts} signed-in accounts in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

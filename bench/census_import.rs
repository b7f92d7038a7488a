//! Importing a national IRIS table (issue #25): COMMUNES communes (35,000 by default, codes as
//! INSEE writes them, in 96 départements) under one root, then a table of IRIS rows (50,000)
//! with the columns of INSEE's « évolution et structure de la population » (population, six
//! age bands, sexes, occupation categories of people aged 15 or over: 19 figures a row) read,
//! matched to their communes, the IRIS created and every figure stored, as the import form
//! does. Prints the file's size and the import's time, on a new database each time.
//!   census-import DATABASE_URL [IRIS_ROWS] [COMMUNES]

use std::fmt::Write as _;
use std::time::Instant;

use concerto::features::observatory::service::{ImportOptions, import};
use concerto::features::territories;
use concerto::platform::db::{self, Db};
use concerto::platform::i18n::{Lang, Tr};
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COLUMNS: [&str; 19] = [
    "P21_POP",
    "P21_POP0014",
    "P21_POP1529",
    "P21_POP3044",
    "P21_POP4559",
    "P21_POP6074",
    "P21_POP75P",
    "P21_POPH",
    "P21_POPF",
    "C21_POP15P",
    "C21_POP15P_CS1",
    "C21_POP15P_CS2",
    "C21_POP15P_CS3",
    "C21_POP15P_CS4",
    "C21_POP15P_CS5",
    "C21_POP15P_CS6",
    "C21_POP15P_CS7",
    "C21_POP15P_CS8",
    "P21_POP65P",
];

/// The code of the n-th commune: 96 départements of up to 999 communes.
fn commune_code(n: usize) -> String {
    let department = n % 95 + 1;
    let department = if department == 20 { 96 } else { department };
    format!("{department:02}{:03}", n / 95 + 1)
}

/// A table of `rows` IRIS spread over `communes` communes (big ones split in many).
fn table(rows: usize, communes: usize) -> String {
    let mut rng = Rng::new(2021);
    let mut text = String::from("IRIS;COM;LIBCOM;TYP_IRIS;");
    text.push_str(&COLUMNS.join(";"));
    text.push('\n');
    for n in 0..rows {
        let commune = commune_code(n % communes);
        let iris = n / communes + 1;
        let _ = write!(text, "{commune}{iris:04};{commune};Commune {commune};H");
        let population = 500.0 + rng.below(4000) as f64 + rng.unit();
        for _ in COLUMNS {
            let _ = write!(text, ";{:.6}", population * rng.unit());
        }
        text.push('\n');
    }
    text
}

async fn communes(db: &Db, count: usize) {
    fn unit<'a>(
        level: &'a str,
        code: &'a str,
        name: &'a str,
        parent_id: Option<i64>,
    ) -> territories::store::NewTerritory<'a> {
        territories::store::NewTerritory {
            level,
            code,
            name,
            parent_id,
            population: Some(1000),
            population_year: Some(2021),
            population_source: None,
            boundary: None,
        }
    }
    let (root, _) = territories::store::upsert(db, &unit("pays", "FR", "France", None))
        .await
        .expect("root");
    for n in 0..count {
        let code = commune_code(n);
        let name = format!("Commune {code}");
        territories::store::upsert(db, &unit("commune", &code, &name, Some(root)))
            .await
            .expect("commune");
    }
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let rows: usize = args.next().map_or(50_000, |n| n.parse().expect("a count"));
    let count: usize = args.next().map_or(35_000, |n| n.parse().expect("a count"));
    let text = table(rows, count);
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    db::migrate(&db).await.expect("migrations");
    communes(&db, count).await;
    let options = ImportOptions {
        title: "RP 2021".into(),
        source: "bench".into(),
        licence: "Licence Ouverte".into(),
        year: None,
    };
    let started = Instant::now();
    let report = import(
        &db,
        text.clone().into_bytes(),
        &options,
        None,
        Tr::new(Lang::Fr),
    )
    .await
    .expect("import");
    let took = started.elapsed().as_secs_f64();
    assert_eq!(
        (report.kept, report.created),
        (rows, rows),
        "every row kept, every IRIS created"
    );
    println!(
        "{rows} IRIS rows x {} figures over {count} communes ({:.1} MB): {took:.2} s ({:.0} rows/s)",
        COLUMNS.len(),
        text.len() as f64 / 1e6,
        rows as f64 / took
    );
}

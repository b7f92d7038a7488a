//! The command line, run as a person runs it: `--help`, `migrate`, `admin create`, `territories
//! import`, `territories census` and `synthesize`.

use crate::common;

use concerto::features::accounts;
use concerto::features::needs;
use concerto::features::processes;
use concerto::features::syntheses;
use std::io::Write;
use std::process::{Command, Stdio};

fn concerto(dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_concerto"));
    command
        .env("DATABASE_URL", format!("sqlite://{}/c.db", dir.display()))
        .env("CONCERTO_DATA_DIR", dir)
        .env_remove("CONCERTO_ADMIN_PASSWORD")
        .env("CONCERTO_LOG", "warn");
    command
}

#[test]
fn help_lists_the_subcommands_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let output = concerto(dir.path()).arg("--help").output().unwrap();
    let help = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "serve",
        "migrate",
        "admin",
        "DATABASE_URL",
        "CONCERTO_BIND",
        "CONCERTO_SMTP_URL",
    ] {
        assert!(help.contains(expected), "{expected} missing from:\n{help}");
    }
}

#[test]
fn admin_create_reads_the_password_from_the_environment_or_stdin_never_argv() {
    let dir = tempfile::tempdir().unwrap();
    let argv_password = concerto(dir.path())
        .args([
            "admin",
            "create",
            "--email",
            "a@exemple.fr",
            "--name",
            "A",
            "--password",
            "x",
        ])
        .output()
        .unwrap();
    assert!(
        !argv_password.status.success(),
        "no --password option exists"
    );

    let short = concerto(dir.path())
        .args([
            "admin",
            "create",
            "--email",
            "chef@exemple.fr",
            "--name",
            "Cheffe",
        ])
        .env("CONCERTO_ADMIN_PASSWORD", "court")
        .output()
        .unwrap();
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("12"));

    let created = concerto(dir.path())
        .args([
            "admin",
            "create",
            "--email",
            "Chef@Exemple.fr",
            "--name",
            "Cheffe",
        ])
        .env("CONCERTO_ADMIN_PASSWORD", "une phrase de passe longue")
        .output()
        .unwrap();
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    assert!(String::from_utf8_lossy(&created.stdout).contains("chef@exemple.fr"));

    let mut piped = concerto(dir.path())
        .args([
            "admin",
            "create",
            "--email",
            "second@exemple.fr",
            "--name",
            "Second",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    piped
        .stdin
        .take()
        .unwrap()
        .write_all(b"une autre phrase de passe\n")
        .unwrap();
    assert!(piped.wait_with_output().unwrap().status.success());

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let db = concerto::platform::db::Db::connect(&concerto::platform::db::ConnectOptions {
            url: format!("sqlite://{}/c.db", dir.path().display()),
            max_connections: 1,
            pg_schema: None,
        })
        .await
        .unwrap();
        for email in ["chef@exemple.fr", "second@exemple.fr"] {
            let user = accounts::users::by_email(&db, email)
                .await
                .unwrap()
                .expect("account created");
            assert!(user.email_confirmed_at.is_some());
            assert!(user.password_hash.starts_with("$argon2id$"));
            let roles = accounts::roles::of_user(&db, user.id).await.unwrap();
            assert_eq!(roles, vec![concerto::platform::permissions::Role::Admin]);
        }
    });
}

#[test]
fn migrate_creates_the_database_on_a_fresh_machine() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("pas/encore/là");
    let output = Command::new(env!("CARGO_BIN_EXE_concerto"))
        .arg("migrate")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}/c.db", nested.display()),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("0001_foundation"));
    assert!(nested.join("c.db").exists());
}

#[test]
fn territories_import_prints_a_report_and_updates_on_a_second_run() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("communes.geojson");
    std::fs::write(
        &file,
        r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"code":"90010","nom":"Belfort","population":45912},"geometry":{"type":"Polygon","coordinates":[[[6.8,47.6],[6.9,47.6],[6.9,47.7],[6.8,47.6]]]}},
        {"type":"Feature","properties":{"nom":"Sans code"},"geometry":{"type":"Polygon","coordinates":[[[6.8,47.6],[6.9,47.6],[6.9,47.7],[6.8,47.6]]]}}]}"#,
    )
    .unwrap();
    let run = || {
        let output = concerto(dir.path())
            .args(["territories", "import"])
            .arg(&file)
            .args([
                "--level",
                "commune",
                "--population-property",
                "population",
                "--population-year",
                "2023",
            ])
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let first = run();
    assert!(
        first.contains("1 kept (1 created, 0 updated), 1 refused"),
        "{first}"
    );
    assert!(first.contains("feature 2 (no code): missing code"));
    assert!(run().contains("1 kept (0 created, 1 updated)"));

    let missing = concerto(dir.path())
        .args([
            "territories",
            "import",
            "/nulle/part.geojson",
            "--level",
            "commune",
        ])
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("/nulle/part.geojson"));

    // Census tables over the commune imported above: IRIS created, refused rows named.
    let table = dir.path().join("iris.csv");
    std::fs::write(
        &table,
        "IRIS;COM;P21_POP0014;P21_POP75P\n900100101;90010;120,5;40\n900100102;90010;abc;1\n250310101;25031;1;1\n",
    )
    .unwrap();
    let census = concerto(dir.path())
        .args(["territories", "census"])
        .arg(&table)
        .args(["--title", "RP 2021", "--source", "Insee, RP2021"])
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&census.stdout);
    assert!(
        census.status.success(),
        "{}",
        String::from_utf8_lossy(&census.stderr)
    );
    assert!(
        printed.contains("1 rows kept (1 IRIS created, 2 figure columns), 2 refused"),
        "{printed}"
    );
    assert!(
        printed.contains("line 3 (900100102): P21_POP0014 : « abc » n'est pas un nombre positif")
    );
    assert!(printed.contains("line 4 (250310101): commune 25031 inconnue"));
    let legal = dir.path().join("legal.csv");
    std::fs::write(&legal, "COM;PMUN\n90010;46000\n").unwrap();
    let without_year = concerto(dir.path())
        .args(["territories", "census"])
        .arg(&legal)
        .args(["--title", "PL", "--source", "Insee"])
        .output()
        .unwrap();
    assert!(!without_year.status.success());
    assert!(String::from_utf8_lossy(&without_year.stderr).contains("millésime"));
}

#[test]
fn synthesize_drafts_a_new_version_with_a_progress_bar() {
    use concerto::platform::db;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/c.db", dir.path().display());
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let process_id = runtime.block_on(async {
        let db = db::Db::connect(&db::ConnectOptions {
            url: url.clone(),
            max_connections: 2,
            pg_schema: None,
        })
        .await
        .unwrap();
        db::migrate(&db).await.unwrap();
        concerto::features::demo::load(&db).await.unwrap();
        let process = processes::store::by_slug(&db, "aux-actes-citoyens")
            .await
            .unwrap()
            .unwrap();
        let titles = [
            "Un bus le soir",
            "Un bus le dimanche",
            "Des pistes cyclables",
            "Un médecin au village",
            "Une maison de santé",
        ];
        let needs: Vec<_> = titles
            .iter()
            .enumerate()
            .map(|(i, title)| common::plain_need(title, 1_700_000_000_000 + i as i64))
            .collect();
        needs::service::import_many(&db, process.id, &needs)
            .await
            .unwrap();
        db.close().await;
        process.id
    });

    let output = concerto(dir.path())
        .args(["synthesize", "--process", "aux-actes-citoyens"])
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("[####################] 100 %"), "{stderr}");
    assert!(stderr.contains("Regroupement des besoins"), "{stderr}");
    assert!(
        stdout.contains("Version 1 en brouillon : 5 besoins"),
        "{stdout}"
    );

    let unknown = concerto(dir.path())
        .args([
            "synthesize",
            "--process",
            "aux-actes-citoyens",
            "--theme",
            "Inconnu",
        ])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
    let message = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        message.contains("no theme \"Inconnu\"") && message.contains("Mobilité"),
        "{message}"
    );
    let nowhere = concerto(dir.path())
        .args(["synthesize", "--process", "nulle-part"])
        .output()
        .unwrap();
    assert!(!nowhere.status.success());
    assert!(String::from_utf8_lossy(&nowhere.stderr).contains("/demarches/nulle-part"));

    let versions = runtime.block_on(async {
        let db = db::Db::connect(&db::ConnectOptions {
            url,
            max_connections: 1,
            pg_schema: None,
        })
        .await
        .unwrap();
        syntheses::store::list(&db, process_id).await.unwrap()
    });
    assert_eq!(versions.len(), 1, "refused runs leave nothing behind");
    assert_eq!(versions[0].status, syntheses::rules::Status::Draft);
    assert_eq!(versions[0].created_by, None);
}

#[test]
fn opinion_map_reads_a_polis_export_and_writes_groups_and_consensus() {
    let dir = tempfile::tempdir().unwrap();
    let conversation = format!(
        "{}/../shared/data/opinions/canadian-electoral-reform",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = dir.path().join("carte");
    let output = concerto(dir.path())
        .args(["opinion-map", "--votes"])
        .arg(format!("{conversation}/votes.csv"))
        .arg("--comments")
        .arg(format!("{conversation}/comments.csv"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("12018 votes gardés, 0 refusés"), "{stdout}");

    // Every participant once, with a group or none, and finite coordinates.
    let places = std::fs::read_to_string(out.join("participants.csv")).unwrap();
    let mut lines = places.lines();
    assert_eq!(lines.next(), Some("participant,group,x,y"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 448);
    assert!(
        rows.iter()
            .all(|r| r[2].parse::<f64>().unwrap().is_finite())
    );
    let groups: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("groups.json")).unwrap()).unwrap();
    let groups = groups.as_array().unwrap();
    assert!((2..=5).contains(&groups.len()));
    let members: usize = groups
        .iter()
        .map(|g| g["members"].as_array().unwrap().len())
        .sum();
    assert_eq!(members, rows.iter().filter(|r| !r[1].is_empty()).count());
    // Grouped: exactly those Polis's rule admits, counted here from the votes file (statements
    // voted on per voter, at least min(7, statements with a vote); more than 15 qualify).
    let votes = std::fs::read_to_string(format!("{conversation}/votes.csv")).unwrap();
    let mut voted: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    let mut statements = std::collections::BTreeSet::new();
    for record in csv::Reader::from_reader(votes.as_bytes()).records() {
        let record = record.unwrap();
        voted
            .entry(record[3].to_owned())
            .or_default()
            .insert(record[2].to_owned());
        statements.insert(record[2].to_owned());
    }
    let needed = statements.len().min(7);
    let admitted: std::collections::BTreeSet<&str> = voted
        .iter()
        .filter(|(_, on)| on.len() >= needed)
        .map(|(voter, _)| voter.as_str())
        .collect();
    assert!(admitted.len() > 15 && admitted.len() < voted.len());
    let grouped: std::collections::BTreeSet<&str> = rows
        .iter()
        .filter(|r| !r[1].is_empty())
        .map(|r| r[0])
        .collect();
    assert_eq!(grouped, admitted);
    for group in groups {
        let rep = group["representative"].as_array().unwrap();
        assert!((1..=5).contains(&rep.len()));
        assert!(rep[0]["text"].as_str().is_some_and(|t| !t.is_empty()));
    }
    // Statements moderated out never characterise a group or make consensus.
    let comments = std::fs::read_to_string(format!("{conversation}/comments.csv")).unwrap();
    let consensus: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("consensus.json")).unwrap()).unwrap();
    let shown: Vec<i64> = groups
        .iter()
        .flat_map(|g| g["representative"].as_array().unwrap().clone())
        .chain(consensus["agree"].as_array().unwrap().clone())
        .map(|s| s["statement"].as_i64().unwrap())
        .collect();
    let moderated: Vec<i64> = csv::Reader::from_reader(comments.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[6] == "-1")
        .map(|r| r[2].parse().unwrap())
        .collect();
    assert!(!moderated.is_empty());
    assert!(shown.iter().all(|s| !moderated.contains(s)));

    let missing = concerto(dir.path())
        .args(["opinion-map", "--votes"])
        .arg(format!("{conversation}/comments.csv"))
        .output()
        .unwrap();
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("colonne « voter-id » absente"));
}

#[test]
fn weight_rakes_respondents_to_their_margins_as_weightipy_does_and_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = format!(
        "{}/crates/raking/tests/fixtures",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = dir.path().join("ponderation");
    let output = concerto(dir.path())
        .args(["weight", "--respondents"])
        .arg(format!("{fixtures}/respondents.csv"))
        .arg("--margins")
        .arg(format!("{fixtures}/margins.csv"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("400 répondants pondérés sur 3 marges"),
        "{stdout}"
    );
    assert!(stdout.contains("convergé"));

    // weights.csv: every respondent once, weights summing to 400, as weightipy's to 1e-6.
    let expected: std::collections::HashMap<String, f64> =
        std::fs::read_to_string(format!("{fixtures}/weightipy_weights.csv"))
            .unwrap()
            .lines()
            .skip(1)
            .map(|l| {
                let (id, w) = l.split_once(';').unwrap();
                (id.to_owned(), w.parse().unwrap())
            })
            .collect();
    let weights = std::fs::read_to_string(out.join("weights.csv")).unwrap();
    let mut lines = weights.lines();
    assert_eq!(lines.next(), Some("id,weight"));
    let mut total = 0.0;
    let mut count = 0;
    for line in lines {
        let (id, weight) = line.split_once(',').unwrap();
        let weight: f64 = weight.parse().unwrap();
        assert!((weight - expected[id]).abs() < 1e-6, "{id}");
        total += weight;
        count += 1;
    }
    assert_eq!(count, 400);
    assert!((total - 400.0).abs() < 1e-6);

    // report.json: convergence, design effect, margins met.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["converged"], true);
    assert!(report["design_effect"].as_f64().unwrap() > 1.0);
    let age = &report["margins"][0];
    assert_eq!(age["variable"], "age");
    assert_eq!(age["categories"][0]["category"], "15-29");
    assert!((age["categories"][0]["weighted"].as_f64().unwrap() - 23.0).abs() < 1e-4);
    assert!(age["categories"][0]["unweighted"].as_f64().unwrap() < 10.0);

    // Trimmed: every weight within its bounds, the total kept.
    let trimmed_out = dir.path().join("ecretee");
    let trimmed = concerto(dir.path())
        .args(["weight", "--trim", "0.5,2", "--respondents"])
        .arg(format!("{fixtures}/respondents.csv"))
        .arg("--margins")
        .arg(format!("{fixtures}/margins.csv"))
        .arg("--out")
        .arg(&trimmed_out)
        .output()
        .unwrap();
    assert!(trimmed.status.success());
    let weights: Vec<f64> = std::fs::read_to_string(trimmed_out.join("weights.csv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split_once(',').unwrap().1.parse().unwrap())
        .collect();
    assert!(
        weights
            .iter()
            .all(|w| (0.5 - 1e-9..=2.0 + 1e-9).contains(w))
    );
    assert!((weights.iter().sum::<f64>() - 400.0).abs() < 1e-6);

    // Bad files: said in French, nothing written.
    let margins = dir.path().join("marges.csv");
    std::fs::write(
        &margins,
        "variable;category;share\nsexe;femme;52\nsexe;homme;40\n",
    )
    .unwrap();
    let refused = concerto(dir.path())
        .args(["weight", "--respondents"])
        .arg(format!("{fixtures}/respondents.csv"))
        .arg("--margins")
        .arg(&margins)
        .arg("--out")
        .arg(dir.path().join("rien"))
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("les parts de « sexe » font 92.00 % au lieu de 100 %"),
        "{stderr}"
    );
    assert!(!dir.path().join("rien").exists());
    std::fs::write(
        &margins,
        "variable;category;share\nage;15-29;20\nage;30-44;20\nage;45-59;20\nage;60-74;20\nage;75+;10\nage;90+;10\n",
    )
    .unwrap();
    let empty = concerto(dir.path())
        .args(["weight", "--respondents"])
        .arg(format!("{fixtures}/respondents.csv"))
        .arg("--margins")
        .arg(&margins)
        .output()
        .unwrap();
    assert!(!empty.status.success());
    assert!(
        String::from_utf8_lossy(&empty.stderr)
            .contains("La catégorie « 90+ » de « age » n'a aucun répondant")
    );
}

/// The living demo in `dir/c.db` (the file `concerto(dir)` serves), and a pool open on it.
async fn living_demo_file(
    dir: &std::path::Path,
) -> (std::path::PathBuf, concerto::platform::db::Db) {
    use concerto::platform::db::{self, Db};
    let live = dir.join("c.db");
    let db = Db::connect(&db::ConnectOptions {
        url: db::sqlite_url(&live),
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .unwrap();
    db::migrate(&db).await.unwrap();
    concerto::features::demo::load(&db).await.unwrap();
    concerto::features::demo::activity::load(&db).await.unwrap();
    (live, db)
}

#[tokio::test]
async fn backup_copies_a_serving_database_whole_and_a_restored_copy_has_every_row() {
    use concerto::platform::db::{self, Db, backup};
    let dir = tempfile::tempdir().unwrap();
    let (live, db) = living_demo_file(dir.path()).await;

    // While this pool stays open (the site serving), the command copies it.
    let copy = dir.path().join("sauvegarde.db");
    let output = concerto(dir.path())
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("intégrité vérifiée"), "{stdout}");
    let again = concerto(dir.path())
        .arg("backup")
        .arg(&copy)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("le fichier existe déjà"));

    // Restored (copied back in place of a database), every table holds the same rows.
    let restored = dir.path().join("restaure.db");
    std::fs::copy(&copy, &restored).unwrap();
    let reopened = Db::connect(&db::ConnectOptions {
        url: db::sqlite_url(&restored),
        max_connections: 2,
        pg_schema: None,
    })
    .await
    .unwrap();
    assert!(
        db::migrate(&reopened).await.unwrap().is_empty(),
        "nothing to migrate"
    );
    let differing = backup::same_rows(&live, &restored).unwrap();
    assert!(differing.is_empty(), "{differing:?}");
    let process = processes::store::by_slug(&reopened, "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !needs::store::export(&reopened, process.id, true)
            .await
            .unwrap()
            .is_empty()
    );

    // A row written after the copy is told apart: the comparison can fail.
    needs::service::contribute(
        &db,
        process.id,
        &common::plain_need("Écrit après la sauvegarde", 1_700_000_000_000),
    )
    .await
    .unwrap();
    assert!(
        backup::same_rows(&live, &restored)
            .unwrap()
            .contains(&"needs".to_owned())
    );
}

/// On the PostgreSQL run (`TEST_DATABASE_URL`): a living demo on SQLite moved into a new
/// PostgreSQL database, every table verified, then opened as Concerto's database.
#[tokio::test]
async fn move_to_copies_a_sqlite_installation_into_an_empty_postgresql_database() {
    use concerto::platform::db::{self, Db};
    let Ok(admin) = std::env::var("TEST_DATABASE_URL") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, db) = living_demo_file(dir.path()).await;
    let process = processes::store::by_slug(&db, "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    let needs_here = needs::store::export(&db, process.id, true)
        .await
        .unwrap()
        .len();

    let name = format!("concerto_move_{}", std::process::id());
    let base = admin.rsplit_once('/').unwrap().0.to_owned();
    let server = sqlx::PgPool::connect(&admin).await.unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name}"
    )))
    .execute(&server)
    .await
    .unwrap();
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&server)
        .await
        .unwrap();
    let target = format!("{base}/{name}");

    let output = concerto(dir.path())
        .arg("move-to")
        .arg(&target)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("chaque table vérifiée"), "{stdout}");
    let again = concerto(dir.path())
        .arg("move-to")
        .arg(&target)
        .output()
        .unwrap();
    assert!(!again.status.success(), "the target is no longer empty");
    assert!(String::from_utf8_lossy(&again.stderr).contains("n'est pas vide"));

    // Concerto runs on the copy: the same needs, and ids keep growing where it left off.
    let moved = Db::connect(&db::ConnectOptions {
        url: target.clone(),
        max_connections: 2,
        pg_schema: None,
    })
    .await
    .unwrap();
    let there = processes::store::by_slug(&moved, "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(there.id, process.id);
    assert_eq!(
        needs::store::export(&moved, there.id, true)
            .await
            .unwrap()
            .len(),
        needs_here
    );
    needs::service::contribute(
        &moved,
        there.id,
        &common::plain_need("Après le déménagement", 1_800_000_000_000),
    )
    .await
    .unwrap();
    drop(moved);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE {name} WITH (FORCE)"
    )))
    .execute(&server)
    .await
    .unwrap();
}

//! The command line, run as a person runs it: `--help`, `migrate` and `admin create`.

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
        let db = concerto::db::Db::connect(&concerto::db::ConnectOptions {
            url: format!("sqlite://{}/c.db", dir.path().display()),
            max_connections: 1,
            pg_schema: None,
        })
        .await
        .unwrap();
        for email in ["chef@exemple.fr", "second@exemple.fr"] {
            let user = concerto::db::users::by_email(&db, email)
                .await
                .unwrap()
                .expect("account created");
            assert!(user.email_confirmed_at.is_some());
            assert!(user.password_hash.starts_with("$argon2id$"));
            let roles = concerto::db::roles::of_user(&db, user.id).await.unwrap();
            assert_eq!(roles, vec![concerto::domain::permissions::Role::Admin]);
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
}

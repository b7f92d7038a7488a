//! The command line: `serve` (the default), `migrate`, `admin create`, `territories import`
//! and `analyze`. Every option is documented in `Config` and printed by `concerto --help`.

use std::io::IsTerminal;
use std::net::SocketAddr;

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};

use crate::features::accounts;
use crate::features::accounts::rules as account;
use crate::platform::audit;
use crate::platform::config::{Config, LogFormat};
use crate::platform::db::{self, ConnectOptions, Db};
use crate::platform::permissions::Role;
use crate::platform::web::serve;
use crate::state::AppState;

/// Concerto, a territorial concertation platform: needs, solutions, workshops and initiatives
/// across a whole territory.
#[derive(Parser, Debug)]
#[command(name = "concerto", version, about, long_about = None)]
pub struct Cli {
    /// Settings shared by every subcommand.
    #[command(flatten)]
    pub config: Config,
    /// What to do; `serve` when omitted.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the site (the default): applies pending migrations, then listens on --bind.
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Copy the SQLite database into FILE while the site serves (a consistent copy, checked);
    /// restore by copying it back in place, server stopped. PostgreSQL: use pg_dump.
    Backup {
        /// The backup file to write (never overwritten).
        file: std::path::PathBuf,
    },
    /// Copy this SQLite installation whole into an empty PostgreSQL database, then verify
    /// every table (rows and checksum). Stop the site first.
    MoveTo {
        /// The PostgreSQL database (postgres://…), empty.
        url: String,
    },
    /// Manage administrator accounts.
    Admin {
        /// What to do with administrators.
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// Cluster the texts of any CSV file without the web application: writes clusters.csv and
    /// clusters.json, and with a label column prints the agreement (NMI, ARI) and the
    /// suggestion accuracy when trained on 10 % of the rows.
    Analyze(crate::features::syntheses::analyze::AnalyzeOptions),
    /// Synthesise a process's published needs into a new draft version (themes → clusters →
    /// needs), with a progress bar; the team then edits, validates and publishes it on the
    /// site.
    Synthesize(crate::features::syntheses::jobs::SynthesizeOptions),
    /// Draw the opinion map of a conversation exported in Polis's open-data format (votes.csv,
    /// comments.csv): writes participants.csv (participant, group, x, y), groups.json and
    /// consensus.json.
    OpinionMap(crate::features::opinions::cli::OpinionMapOptions),
    /// Weight survey respondents to population margins by raking (iterative proportional
    /// fitting): writes weights.csv (id,weight) and report.json (convergence, design effect,
    /// effective size, target / unweighted / weighted margins).
    Weight(crate::features::questionnaires::weighting::WeightOptions),
    /// Manage territories (communes, EPCI, IRIS…).
    Territories {
        /// What to do with territories.
        #[command(subcommand)]
        action: TerritoriesCommand,
    },
}

/// Territory subcommands.
#[derive(Subcommand, Debug)]
pub enum TerritoriesCommand {
    /// Import territorial units from a GeoJSON file. Every feature is checked; the report says
    /// how many were kept and which were refused and why. Importing again updates.
    Import {
        /// The GeoJSON file (FeatureCollection of Polygon or MultiPolygon features).
        file: std::path::PathBuf,
        /// How to read its features.
        #[command(flatten)]
        options: crate::features::territories::import::ImportOptions,
    },
    /// Import an INSEE table by IRIS or by commune (census columns P21_…, C21_…; legal
    /// populations PMUN, PCAP, PTOT with --year), as the observatory's form does but without
    /// the upload's size limit (a national IRIS table). Prints what was kept and each refused
    /// row.
    Census {
        /// The CSV file.
        file: std::path::PathBuf,
        /// Its title.
        #[arg(long)]
        title: String,
        /// Its source, cited under every figure.
        #[arg(long)]
        source: String,
        /// Its licence.
        #[arg(long, default_value = "Licence Ouverte / Etalab 2.0")]
        licence: String,
        /// The year of legal populations.
        #[arg(long)]
        year: Option<i32>,
    },
}

/// Administrator subcommands.
#[derive(Subcommand, Debug)]
pub enum AdminCommand {
    /// Create an administrator account, confirmed, or make an existing account administrator.
    /// The password is read from CONCERTO_ADMIN_PASSWORD or asked at a prompt (twice), never
    /// from the command line.
    Create {
        /// E-mail address of the account.
        #[arg(long)]
        email: String,
        /// Display name of the account.
        #[arg(long)]
        name: String,
    },
}

/// Runs the parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    init_logging(&cli.config)?;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Analyze(options) => {
            let report = tokio::task::spawn_blocking(move || {
                crate::features::syntheses::analyze::run(&options)
            })
            .await
            .context("the analysis stopped")??;
            crate::features::syntheses::analyze::print(&report);
            Ok(())
        }
        Command::Synthesize(options) => {
            let db = open(&cli.config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            crate::features::syntheses::jobs::run_in_terminal(&db, &options).await
        }
        Command::OpinionMap(options) => {
            tokio::task::spawn_blocking(move || crate::features::opinions::cli::run(&options))
                .await
                .context("the opinion map stopped")?
        }
        Command::Weight(options) => tokio::task::spawn_blocking(move || {
            crate::features::questionnaires::weighting::run(&options)
        })
        .await
        .context("the weighting stopped")?,
        Command::Backup { file } => {
            let db = open(&cli.config).await?;
            let started = std::time::Instant::now();
            let tables = db::backup::backup(&db, &file).await?;
            let rows: i64 = tables.iter().map(|(_, n)| n).sum();
            println!(
                "Sauvegarde écrite dans {} en {:.1} s : {} tables, {rows} lignes, intégrité vérifiée.",
                file.display(),
                started.elapsed().as_secs_f64(),
                tables.len(),
            );
            Ok(())
        }
        Command::MoveTo { url } => {
            let source = cli
                .config
                .database_url
                .strip_prefix("sqlite://")
                .context("move-to copies a SQLite installation: DATABASE_URL must be sqlite://…")?
                .to_owned();
            let target = Db::connect(&ConnectOptions {
                url: url.clone(),
                max_connections: 2,
                pg_schema: None,
            })
            .await
            .with_context(|| format!("opening {}", redact(&url)))?;
            let started = std::time::Instant::now();
            let copied = db::move_to::move_to(std::path::Path::new(&source), &target).await?;
            let rows: i64 = copied.iter().map(|c| c.rows).sum();
            let wrong: Vec<&str> = copied
                .iter()
                .filter(|c| !c.verified())
                .map(|c| c.table.as_str())
                .collect();
            if !wrong.is_empty() {
                anyhow::bail!("copie incomplète : tables différentes {}", wrong.join(", "));
            }
            println!(
                "{} tables, {rows} lignes copiées dans {} en {:.1} s ; chaque table vérifiée (lignes et somme de contrôle).",
                copied.len(),
                redact(&url),
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Migrate => {
            let db = open(&cli.config).await?;
            let applied = db::migrate(&db).await.context("applying migrations")?;
            println!(
                "{} migration(s) applied: {}",
                applied.len(),
                applied.join(", ")
            );
            Ok(())
        }
        Command::Admin {
            action: AdminCommand::Create { email, name },
        } => create_admin(&cli.config, &email, &name).await,
        Command::Territories {
            action: TerritoriesCommand::Import { file, options },
        } => {
            let text = std::fs::read_to_string(&file)
                .with_context(|| format!("reading {}", file.display()))?;
            let db = open(&cli.config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            let report = crate::features::territories::import::import_geojson(&db, &text, &options)
                .await
                .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
            println!(
                "{} kept ({} created, {} updated), {} refused",
                report.kept(),
                report.created,
                report.updated,
                report.refused.len()
            );
            for refused in &report.refused {
                println!(
                    "  feature {} ({}): {}",
                    refused.position,
                    refused.code.as_deref().unwrap_or("no code"),
                    refused.reason
                );
            }
            Ok(())
        }
        Command::Territories {
            action:
                TerritoriesCommand::Census {
                    file,
                    title,
                    source,
                    licence,
                    year,
                },
        } => {
            use crate::features::observatory::service::{ImportFailure, ImportOptions, import};
            let bytes =
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            let db = open(&cli.config).await?;
            db::migrate(&db).await.context("applying migrations")?;
            let options = ImportOptions {
                title,
                source,
                licence,
                year,
            };
            let tr = crate::platform::i18n::Tr::new(crate::platform::i18n::Lang::Fr);
            let refused = match import(&db, bytes, &options, None, tr).await {
                Ok(report) => {
                    println!(
                        "{} rows kept ({} IRIS created, {} figure columns), {} refused",
                        report.kept,
                        report.created,
                        report.columns.len(),
                        report.refused.len()
                    );
                    if !report.ignored.is_empty() {
                        println!("columns ignored: {}", report.ignored.join(", "));
                    }
                    report.refused
                }
                Err(ImportFailure::File(problem)) => {
                    anyhow::bail!("{}: {}", file.display(), problem.message(tr))
                }
                Err(ImportFailure::NothingKept(refused)) => {
                    println!("nothing kept");
                    refused
                }
                Err(ImportFailure::Database(error)) => return Err(error.into()),
            };
            for (line, code, reason) in &refused {
                println!("  line {line} ({code}): {reason}");
            }
            Ok(())
        }
    }
}

fn init_logging(config: &Config) -> anyhow::Result<()> {
    let filter: tracing_subscriber::filter::Targets = config
        .log
        .parse()
        .with_context(|| format!("invalid log filter {:?}", config.log))?;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let registry = tracing_subscriber::registry().with(filter);
    match config.log_format {
        LogFormat::Text => registry.with(tracing_subscriber::fmt::layer()).try_init(),
        LogFormat::Json => registry
            .with(tracing_subscriber::fmt::layer().json())
            .try_init(),
    }
    .ok();
    Ok(())
}

async fn open(config: &Config) -> anyhow::Result<Db> {
    Db::connect(&ConnectOptions {
        url: config.database_url.clone(),
        max_connections: config.db_connections,
        pg_schema: None,
    })
    .await
    .with_context(|| format!("opening the database {}", redact(&config.database_url)))
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let db = open(&config).await?;
    let applied = db::migrate(&db).await.context("applying migrations")?;
    if !applied.is_empty() {
        tracing::info!(?applied, "migrations applied");
    }
    let bind: SocketAddr = config.bind;
    if config.demo {
        if crate::features::demo::load(&db)
            .await
            .context("loading the demo")?
        {
            println!("Démo chargée : Aux Actes Citoyens, Pôle métropolitain Nord Franche-Comté.");
        }
        let started = std::time::Instant::now();
        if let Some(loaded) = crate::features::demo::activity::load(&db)
            .await
            .context("loading the demo's consultation")?
        {
            println!(
                "Consultation de démonstration chargée en {:.1} s : {} participants, {} besoins \
                 (dont {} en atelier), {} ateliers et événements, {} soutiens, {} commentaires, \
                 une synthèse publiée ({} groupes), {} solutions, {} compagnonnages, {} ressources, {} réponses \
                 au questionnaire, {} propositions et {} votes sur la carte des opinions. Contributions \
                 illustratives.",
                started.elapsed().as_secs_f64(),
                loaded.participants,
                loaded.needs.0,
                loaded.needs.1,
                loaded.events,
                loaded.supports,
                loaded.comments,
                loaded.clusters,
                loaded.solutions,
                loaded.companionships,
                loaded.resources,
                loaded.questionnaire,
                loaded.opinion.0,
                loaded.opinion.1,
            );
        }
        println!(
            "Comptes de démonstration (mot de passe « {} ») :",
            crate::features::demo::PASSWORD
        );
        for (email, name, role, _) in crate::features::demo::ACCOUNTS {
            let role = role.map_or("participant".to_owned(), |r| r.to_string());
            println!("  {role:<12} {email:<40} {name}");
        }
    }
    let state = AppState::new(db.clone(), config)?;
    crate::jobs::spawn(state.clone());
    let app = crate::router::build(state.clone());
    if let Some(address) = state.config.metrics_bind {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("listening on {address} (metrics)"))?;
        let metrics = crate::router::metrics_only(state.clone());
        println!("Métriques sur http://{}/metrics", listener.local_addr()?);
        tokio::spawn(serve::serve(
            listener,
            metrics,
            serve::HEADER_DEADLINE,
            std::future::pending(),
        ));
    }
    let listener = tokio::net::TcpListener::bind(bind)
        .await
        .with_context(|| format!("listening on {bind}"))?;
    let address = listener.local_addr()?;
    println!("Concerto écoute sur http://{address}");
    if let Some(dir) = state.mailer.outbox_dir() {
        println!(
            "Pas de serveur SMTP configuré : les courriels sont conservés dans {} (page /admin/courriels).",
            dir.display()
        );
    }
    serve::serve(listener, app, serve::HEADER_DEADLINE, shutdown_signal()).await;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        tokio::signal::ctrl_c().await.ok();
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

async fn create_admin(config: &Config, email: &str, name: &str) -> anyhow::Result<()> {
    let email = account::normalize_email(email)
        .map_err(|e| anyhow::anyhow!("invalid e-mail address: {e:?}"))?;
    let name =
        account::validate_display_name(name).map_err(|e| anyhow::anyhow!("invalid name: {e:?}"))?;
    let db = open(config).await?;
    db::migrate(&db).await.context("applying migrations")?;

    if let Some(existing) = accounts::users::by_email(&db, &email).await? {
        accounts::roles::grant(&db, existing.id, Role::Admin, None).await?;
        audit::record(
            &db,
            None,
            "role.grant",
            &format!("user:{} ({email})", existing.id),
            "admin (command line)",
        )
        .await?;
        println!(
            "The account {email} already exists; it is now an administrator (password unchanged)."
        );
        return Ok(());
    }
    let password = read_password()?;
    crate::platform::auth::validate_new_password(&password, &password).map_err(|_| {
        anyhow::anyhow!(
            "the password must have at least {} characters",
            crate::platform::auth::MIN_PASSWORD_CHARS
        )
    })?;
    let hash = crate::platform::auth::hash_password(password)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let Some(user) = accounts::users::create(&db, &email, &name, &hash, true).await? else {
        bail!("the account {email} was created meanwhile; run the command again");
    };
    accounts::roles::grant(&db, user.id, Role::Admin, None).await?;
    audit::record(
        &db,
        None,
        "role.grant",
        &format!("user:{} ({email})", user.id),
        "admin (command line)",
    )
    .await?;
    println!("Administrator {email} created.");
    Ok(())
}

/// The new administrator's password: from CONCERTO_ADMIN_PASSWORD, else a prompt (twice),
/// else one line of standard input when it is not a terminal.
fn read_password() -> anyhow::Result<String> {
    if let Ok(password) = std::env::var("CONCERTO_ADMIN_PASSWORD") {
        return Ok(password);
    }
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (12 characters or more): ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_passwords_are_redacted() {
        assert_eq!(
            redact("postgres://app:secret@db:5432/concerto"),
            "postgres://app:***@db:5432/concerto"
        );
        assert_eq!(
            redact("postgres://postgres@127.0.0.1/test"),
            "postgres://postgres@127.0.0.1/test"
        );
        assert_eq!(
            redact("sqlite://data/concerto.db"),
            "sqlite://data/concerto.db"
        );
    }

    #[test]
    fn help_documents_every_subcommand() {
        use clap::CommandFactory;
        let help = Cli::command().render_long_help().to_string();
        for word in [
            "serve",
            "migrate",
            "admin",
            "--database-url",
            "--bind",
            "--smtp-url",
        ] {
            assert!(help.contains(word), "{word} missing from --help");
        }
    }
}

//! Configuration: every setting in one struct, read from flags, then `CONCERTO_*` environment
//! variables, then the defaults written here. `concerto --help` prints this documentation.

use std::net::SocketAddr;
use std::path::PathBuf;

/// How Concerto runs. Each field is a command-line flag and an environment variable.
#[derive(clap::Args, Clone, Debug)]
pub struct Config {
    /// Address and port the web server listens on.
    #[arg(
        long,
        env = "CONCERTO_BIND",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub bind: SocketAddr,

    /// A second address serving only `/metrics` (without sign-in) and `/health`, for a
    /// metrics collector; on the site's own address `/metrics` is for admins only.
    #[arg(long, env = "CONCERTO_METRICS_BIND", global = true)]
    pub metrics_bind: Option<SocketAddr>,

    /// Database: `sqlite://data/concerto.db` (embedded, created on first run) or
    /// `postgres://user:password@host:5432/database`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/concerto.db",
        global = true
    )]
    pub database_url: String,

    /// Most database connections each server keeps open.
    #[arg(
        long,
        env = "CONCERTO_DB_CONNECTIONS",
        default_value_t = 16,
        global = true
    )]
    pub db_connections: u32,

    /// Folder for local files: the SQLite database by default, and the e-mail outbox.
    #[arg(long, env = "CONCERTO_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,

    /// Address at which people reach the site; used in e-mail links, and `https://` makes
    /// cookies Secure and turns on HSTS.
    #[arg(
        long,
        env = "CONCERTO_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,

    /// SMTP server for outgoing mail, as `smtps://user:password@host:465` or
    /// `smtp://host:587?tls=required`. When unset, mail goes to the outbox folder
    /// (`<data-dir>/outbox`), which admins read at /admin/courriels.
    #[arg(long, env = "CONCERTO_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "CONCERTO_MAIL_FROM",
        default_value = "Concerto <ne-pas-repondre@concerto.localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Minutes between two grouped e-mails telling authors what happened to their needs
    /// (comments, moderation); everything that happened in between goes into one message.
    #[arg(
        long,
        env = "CONCERTO_DIGEST_MINUTES",
        default_value_t = 15,
        global = true
    )]
    pub digest_minutes: u64,

    /// Seconds after which a request is abandoned with a 408 page.
    #[arg(
        long,
        env = "CONCERTO_REQUEST_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    pub request_timeout_secs: u64,

    /// Largest request body accepted, in bytes (a phone's photograph fits); larger ones get a
    /// 413 page.
    #[arg(long, env = "CONCERTO_MAX_BODY_BYTES", default_value_t = 10 * 1024 * 1024, global = true)]
    pub max_body_bytes: usize,

    /// Days a sign-in lasts without activity.
    #[arg(
        long,
        env = "CONCERTO_SESSION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub session_days: i64,

    /// Trust the last address of `X-Forwarded-For` as the client's (only behind your own
    /// reverse proxy: otherwise clients could pick the address rate limits count).
    #[arg(
        long,
        env = "CONCERTO_TRUST_PROXY",
        default_value_t = false,
        global = true
    )]
    pub trust_proxy: bool,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "CONCERTO_LOG_FORMAT",
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,

    /// Load the demo (the Pôle métropolitain Nord Franche-Comté and *Aux Actes Citoyens*, one
    /// account per role) if it is not there yet, and credit its data sources in the footer.
    #[arg(long, env = "CONCERTO_DEMO", default_value_t = false, global = true)]
    pub demo: bool,

    /// Log filter, for example `info` or `concerto=debug,sqlx=warn`.
    #[arg(
        long,
        env = "CONCERTO_LOG",
        default_value = "info,sqlx=warn",
        global = true
    )]
    pub log: String,
}

/// Log output format.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per line.
    Json,
}

impl Config {
    /// Whether the site is served over HTTPS (cookies then carry `Secure`).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The public URL without a trailing slash, to build links.
    pub fn base_url(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }

    /// The folder where e-mails are kept when no SMTP server is configured.
    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }

    /// A configuration for tests and tools: defaults, with the given database and folder.
    pub fn for_tests(database_url: String, data_dir: PathBuf) -> Config {
        Config {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            metrics_bind: None,
            database_url,
            db_connections: 4,
            data_dir,
            public_url: "http://127.0.0.1:8080".into(),
            smtp_url: None,
            mail_from: "Concerto <ne-pas-repondre@concerto.localhost>".into(),
            digest_minutes: 15,
            request_timeout_secs: 30,
            max_body_bytes: 10 * 1024 * 1024,
            session_days: 30,
            trust_proxy: true,
            log_format: LogFormat::Text,
            log: "warn".into(),
            demo: false,
        }
    }
}

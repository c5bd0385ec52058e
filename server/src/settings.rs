//! The server's settings: flags, each also read from the environment (a systemd unit's
//! `Environment=` lines, see docs/deploy-server.md).

use std::net::SocketAddr;

use clap::{Args, Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "tak-server",
    about = "Receives TAK sign-ups and publishes live places"
)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the sign-up API (the default).
    Serve(Serve),
    /// Print every sign-up as one JSON object a line (with `--unread-sms`, the SMS kept unread;
    /// with `--audit`, the desk's audit log).
    Export {
        #[arg(long)]
        unread_sms: bool,
        #[arg(long, conflicts_with = "unread_sms")]
        audit: bool,
    },
    /// Coordinators' desk accounts.
    #[command(subcommand)]
    Coordinator(CoordinatorCommand),
    /// Delete personal data past its retention now (the server also does it every hour).
    Purge,
    /// Create or migrate the database, then exit.
    Migrate,
}

#[derive(Subcommand, Debug)]
pub enum CoordinatorCommand {
    /// Create an account (or replace the one of that user name) and print its one-time password,
    /// to be changed at the first login.
    Add {
        /// The name to log in with (letters, digits, `.`, `-`, `_`).
        user: String,
        /// The name the desk greets them by.
        #[arg(long)]
        name: String,
        /// `all`, or the department ids they look after, separated by commas.
        #[arg(long)]
        departments: String,
        /// `coordinator` (answers their departments) or `office` (sees all, exports).
        #[arg(long, default_value = "coordinator")]
        role: String,
        /// Take this password and ask for no change (for a demonstration only).
        #[arg(long, hide = true)]
        demo_password: Option<String>,
    },
    /// Give an account a new one-time password (its logins end).
    Reset { user: String },
    /// Remove an account (its logins end; the audit log keeps what it did).
    Remove { user: String },
}

#[derive(Args, Debug, Clone)]
pub struct Common {
    /// `sqlite://path?mode=rwc` (created if missing) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://tak-signups.db?mode=rwc"
    )]
    pub database_url: String,
    /// The catalog: a file path or an http(s) URL, read again when it changes.
    #[arg(long, env = "CATALOG", default_value = "public/catalog.json")]
    pub catalog: String,
    /// Days personal data is kept after a department's last session.
    #[arg(long, env = "RETENTION_DAYS", default_value_t = 30)]
    pub retention_days: i64,
    #[arg(long, env = "DB_MAX_CONNECTIONS", default_value_t = 8)]
    pub max_connections: u32,
}

#[derive(Args, Debug, Clone)]
pub struct Serve {
    #[arg(long, env = "LISTEN", default_value = "127.0.0.1:8081")]
    pub listen: SocketAddr,
    /// Origins allowed to call the API from a browser, comma-separated (`*` for any).
    #[arg(
        long,
        env = "ALLOWED_ORIGINS",
        value_delimiter = ',',
        default_value = ""
    )]
    pub allowed_origins: Vec<String>,
    /// The secret an SMS gateway sends with each message; without it `/sms/inbound` is off.
    #[arg(long, env = "SMS_SECRET", default_value = "", hide_env_values = true)]
    pub sms_secret: String,
    /// Sign-ups and withdrawals a client may send per minute (a burst of a third of it).
    #[arg(long, env = "RATE_PER_MINUTE", default_value_t = 60)]
    pub rate_per_minute: u32,
    /// Take the client's address from `X-Real-IP` (set by nginx in front).
    #[arg(long, env = "TRUST_PROXY", default_value_t = false)]
    pub trust_proxy: bool,
    /// How long a desk login lasts, in seconds (8 hours: a day at the desk).
    #[arg(long, env = "DESK_SESSION_SECONDS", default_value_t = 8 * 3600)]
    pub desk_session_seconds: i64,
    /// Seconds between looks at the catalog for a new version.
    #[arg(long, env = "CATALOG_POLL_SECONDS", default_value_t = 10)]
    pub catalog_poll_seconds: u64,
}

impl Default for Serve {
    fn default() -> Self {
        Serve::parse_from_env()
    }
}

impl Serve {
    fn parse_from_env() -> Serve {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            serve: Serve,
        }
        Only::parse_from(["tak-server"]).serve
    }
}

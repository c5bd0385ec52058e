//! `tak-server [serve]`, `tak-server export`, `tak-server purge`, `tak-server migrate`,
//! `tak-server coordinator add|reset|remove` (`--help` lists the settings; each is also an
//! environment variable).

use std::net::SocketAddr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use clap::Parser;
use tak_server::departments::{self, Source};
use tak_server::desk::DeskSettings;
use tak_server::guard::Limiter;
use tak_server::passwords;
use tak_server::routes::App;
use tak_server::settings::{Cli, Command, Common, CoordinatorCommand, Serve};
use tak_server::store::accounts::{Departments, NewCoordinator, Role};
use tak_server::store::Store;
use tak_server::{clock, router};

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("LOG")
                .unwrap_or_else(|_| "info,sqlx=error".into()),
        )
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    match runtime.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("{e}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let common = cli.common;
    let store = Store::open(&common.database_url, common.max_connections)
        .await
        .map_err(|e| format!("database {}: {e}", redacted(&common.database_url)))?;
    match cli
        .command
        .unwrap_or_else(|| Command::Serve(Serve::default()))
    {
        Command::Migrate => Ok(()),
        Command::Export { unread_sms, audit } => {
            let rows = if unread_sms {
                store.unread_sms().await
            } else if audit {
                store.audit_log().await
            } else {
                store.export().await
            }
            .map_err(|e| e.to_string())?;
            for r in rows {
                println!("{r}");
            }
            Ok(())
        }
        Command::Purge => {
            let deps = Source::parse(&common.catalog).load()?;
            let n = store
                .purge(&deps, common.retention_days, clock::now_ms())
                .await
                .map_err(|e| e.to_string())?;
            tracing::info!("personal data cleared from {n} sign-ups");
            Ok(())
        }
        Command::Coordinator(command) => coordinator(&store, command).await,
        Command::Serve(serve) => serve_api(store, common, serve).await,
    }
}

/// `tak-server coordinator …`: prints `user: …` and `password: …` for a new password.
async fn coordinator(store: &Store, command: CoordinatorCommand) -> Result<(), String> {
    let now = clock::now_ms();
    match command {
        CoordinatorCommand::Add {
            user,
            name,
            departments,
            role,
            demo_password,
        } => {
            let user = user_name(&user)?;
            let role = Role::parse(&role).ok_or("--role is coordinator or office")?;
            let departments = Departments::parse(&departments);
            if departments == Departments::Only(Vec::new()) {
                return Err("--departments: give `all` or department ids".into());
            }
            let must_change = demo_password.is_none();
            let password = demo_password.unwrap_or_else(passwords::one_time);
            let (name, departments) = (name.trim(), &departments);
            put_and_print(
                store,
                &user,
                name,
                role,
                departments,
                &password,
                must_change,
            )
            .await
        }
        CoordinatorCommand::Reset { user } => {
            let user = user_name(&user)?;
            let Some((c, _)) = store
                .coordinator_for_login(&user)
                .await
                .map_err(|e| e.to_string())?
            else {
                return Err(format!("no coordinator {user}"));
            };
            let password = passwords::one_time();
            let (name, departments) = (&c.display_name, &c.departments);
            put_and_print(store, &user, name, c.role, departments, &password, true).await
        }
        CoordinatorCommand::Remove { user } => {
            let user = user_name(&user)?;
            match store.remove_coordinator(&user, now).await {
                Ok(true) => Ok(()),
                Ok(false) => Err(format!("no coordinator {user}")),
                Err(e) => Err(e.to_string()),
            }
        }
    }
}

/// Stores the account with `password`, and prints `user: …` and `password: …`.
async fn put_and_print(
    store: &Store,
    user: &str,
    display_name: &str,
    role: Role,
    departments: &Departments,
    password: &str,
    must_change: bool,
) -> Result<(), String> {
    let new = NewCoordinator {
        user_name: user,
        display_name,
        role,
        departments,
        password_hash: &passwords::hash(password),
        must_change,
    };
    store
        .put_coordinator(&new, clock::now_ms())
        .await
        .map_err(|e| e.to_string())?;
    println!("user: {user}");
    println!("password: {password}");
    if must_change {
        eprintln!("(a one-time password: the desk asks for a new one at the first login)");
    }
    Ok(())
}

/// A user name as stored: lower case, of letters, digits, `.`, `-` and `_`.
fn user_name(user: &str) -> Result<String, String> {
    let user = user.trim().to_lowercase();
    let plain = !user.is_empty()
        && user.len() <= 64
        && user
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if plain {
        Ok(user)
    } else {
        Err(format!("user name {user:?}: use letters, digits, . - _"))
    }
}

/// A database URL without its password, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => format!("{}://…{}", &url[..scheme], &url[at..]),
        _ => url.to_string(),
    }
}

async fn serve_api(store: Store, common: Common, serve: Serve) -> Result<(), String> {
    let source = Source::parse(&common.catalog);
    let loaded = source.load()?;
    tracing::info!(
        departments = loaded.len(),
        updated = %loaded.updated,
        backend = ?store.backend,
        "catalog read"
    );
    let shared = Arc::new(RwLock::new(Arc::new(loaded)));
    departments::watch(
        source,
        shared.clone(),
        Duration::from_secs(serve.catalog_poll_seconds.max(1)),
    );
    let desk = DeskSettings {
        session_seconds: serve.desk_session_seconds,
        trust_proxy: serve.trust_proxy,
    };
    let app = App::new(
        store.clone(),
        shared.clone(),
        serve.sms_secret.clone(),
        desk,
    );
    let limiter = Limiter::new(serve.rate_per_minute, serve.trust_proxy);
    // Hourly: personal data past its retention goes, and the rate limiter forgets old clients.
    {
        let (store, shared, limiter) = (store.clone(), shared.clone(), limiter.clone());
        tokio::spawn(async move {
            let mut every = tokio::time::interval(Duration::from_secs(3600));
            loop {
                every.tick().await;
                limiter.tidy();
                let deps = shared.read().unwrap_or_else(|e| e.into_inner()).clone();
                match store
                    .purge(&deps, common.retention_days, clock::now_ms())
                    .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!("personal data cleared from {n} sign-ups"),
                    Err(e) => tracing::warn!("purge: {e}"),
                }
            }
        });
    }
    let listener = tokio::net::TcpListener::bind(serve.listen)
        .await
        .map_err(|e| format!("listen on {}: {e}", serve.listen))?;
    tracing::info!("listening on http://{}", serve.listen);
    let service = router(app, limiter, &serve.allowed_origins)
        .into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| e.to_string())?;
    store.close().await;
    Ok(())
}

//! `server`: runs Carte Orientation 28, or one of its administration commands.

use clap::{Parser, Subcommand};
use leptos::prelude::get_configuration;
use server::config::{Config, DemoData};
use server::{router, AppState};
use tracing_subscriber::EnvFilter;

#[derive(Parser)]
#[command(name = "server", about = "Carte Orientation 28")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the site (the default).
    Serve,
    /// Replace the demo initiatives by a fresh copy (other initiatives are kept).
    SeedDemo,
    /// A consistent copy of the database (DATABASE_URL) into FILE, while the server runs;
    /// checked with PRAGMA integrity_check.
    Backup {
        #[arg(long)]
        to: std::path::PathBuf,
    },
    /// Replaces the database (DATABASE_URL) by the copy FILE: stop the server first. Refused
    /// when FILE is damaged or comes from a newer server; the replaced file is kept beside it.
    Restore {
        #[arg(long)]
        from: std::path::PathBuf,
    },
    /// Administration: `server admin create --email EMAIL` creates an administrator.
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create an administrator account, or with `--role animator --area dreux…` an animator of
    /// those areas; the password comes from ADMIN_PASSWORD, else a prompt.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long, value_enum, default_value = "admin")]
        role: NewRole,
        /// An area the animator moderates (chartres, dreux, chateaudun, nogent-le-rotrou); repeatable.
        #[arg(long = "area")]
        areas: Vec<String>,
    },
    /// Give an animator these areas (replacing its areas). Others become animators by the
    /// invitation an admin mails them (/admin/animateurs).
    Areas {
        #[arg(long)]
        email: String,
        #[arg(long = "area", required = true)]
        areas: Vec<String>,
    },
    /// Publish a new version of the immersion charter from a text file (first paragraph: its
    /// title; paragraphs separated by blank lines). Every holder is asked to sign it again.
    PublishCharter {
        #[arg(long)]
        file: std::path::PathBuf,
    },
}

/// The roles `server admin create` gives (holders sign up themselves).
#[derive(Clone, Copy, clap::ValueEnum)]
enum NewRole {
    Admin,
    Animator,
}

/// Prints what succeeded, or says on the terminal what failed and exits with 1.
fn finish(result: Result<String, String>) -> Result<(), Box<dyn std::error::Error>> {
    match result {
        Ok(message) => {
            println!("{message}");
            Ok(())
        }
        // Said plainly, without Rust's debug quoting, for the person at the terminal.
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let cli = Cli::parse();
    let config = Config::from_env()?;
    // Restoring must not open (and so migrate) the database it replaces.
    if let Some(Command::Restore { from }) = &cli.command {
        return finish(app::data::backup::restore(from, &config.database_url).await.map_err(|e| e.to_string()).map(
            |copy| {
                format!(
                    "{} restaurée dans {} (schéma {}) ; l'ancienne base est gardée à côté (….avant-restauration). \
                 Le serveur appliquera les migrations manquantes à son démarrage.",
                    from.display(),
                    config.database_url,
                    copy.schema_version
                )
            },
        ));
    }
    let db = app::data::Db::connect(&config.database_url)
        .await?
        .with_public_url(&config.public_url)
        .with_geocoder(config.geocoder.clone());
    match cli.command.unwrap_or(Command::Serve) {
        Command::SeedDemo => {
            let count = db.load_demo().await?;
            println!("{count} initiatives de démonstration chargées dans {}", config.database_url);
            if let Some(password) = &config.demo_password {
                let holder = db.load_demo_holder(password).await?;
                let animator = db.load_demo_animator(password).await?;
                let admin = db.load_demo_admin(password).await?;
                println!(
                    "Porteur de démonstration : {} ; animateur : {} ; administrateur : {}",
                    holder.email, animator.email, admin.email
                );
            }
            Ok(())
        }
        Command::Admin { command: AdminCommand::Create { email, role, areas } } => {
            let created = match (server::admin::admin_password(), role) {
                (Err(message), _) => Err(message),
                (Ok(password), NewRole::Admin) => server::admin::create_admin(&db, &email, &password).await,
                (Ok(password), NewRole::Animator) => {
                    server::admin::create_animator(&db, &email, &password, &areas).await
                }
            };
            finish(
                created.map(|account| {
                    format!("{} {} créé (compte n° {}).", account.role.label(), account.email, account.id)
                }),
            )
        }
        Command::Admin { command: AdminCommand::Areas { email, areas } } => {
            let assigned = db.set_animator_areas(None, &email, &areas).await.map_err(|e| e.to_string());
            finish(assigned.map(|account| format!("{} anime désormais : {}.", account.email, areas.join(", "))))
        }
        Command::Admin { command: AdminCommand::PublishCharter { file } } => {
            finish(server::admin::publish_charter(&db, &file).await.map(|version| {
                format!("Charte d'immersion version {version} publiée : les porteurs sont invités à la signer.")
            }))
        }
        Command::Backup { to } => finish(
            db.backup_to(&to)
                .await
                .map(|copy| {
                    format!(
                        "Copie vérifiée (PRAGMA integrity_check : ok, schéma {}) écrite dans {}.",
                        copy.schema_version,
                        to.display()
                    )
                })
                .map_err(|e| e.to_string()),
        ),
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::Serve => serve(config, db).await,
    }
}

async fn serve(config: Config, db: app::data::Db) -> Result<(), Box<dyn std::error::Error>> {
    if config.demo_data == DemoData::Auto {
        let loaded = db.load_demo_if_empty().await?;
        if loaded > 0 {
            tracing::info!(loaded, "empty database: demo initiatives loaded");
        }
        if let Some(password) = &config.demo_password {
            let holder = db.load_demo_holder(password).await?;
            let animator = db.load_demo_animator(password).await?;
            let admin = db.load_demo_admin(password).await?;
            tracing::info!(holder = %holder.email, animator = %animator.email, admin = %admin.email, "demo accounts ready");
        }
    }
    // In the background: the first searches go through SQL until it is ready (two seconds at
    // 50 000 initiatives), then through memory.
    db.start_building_search_index();
    if config.demo_password.is_none() {
        let disabled = db.disable_demo_accounts().await?;
        if disabled > 0 {
            tracing::warn!(disabled, "no DEMO_PASSWORD: the demo accounts are disabled (nobody can sign in with them)");
        }
    }
    if !config.public_url_set {
        tracing::warn!(
            "PUBLIC_URL is not set: mail links and the same-origin check assume http://127.0.0.1:3000; \
             set it to the address people use (https://…) anywhere but on a developer's machine"
        );
    }
    let leptos_options = get_configuration(None)?.leptos_options;
    let address = leptos_options.site_addr;
    let sessions = db.session_store().await?;
    // Expired sessions are deleted hourly; the task ends with the process.
    tokio::spawn(tower_sessions::session_store::ExpiredDeletion::continuously_delete_expired(
        sessions.clone(),
        std::time::Duration::from_secs(3600),
    ));
    let secure_cookies = config.secure_cookies();
    let live = server::routes::events::Live::start(&db).await;
    if !config.identity_unset.is_empty() {
        tracing::warn!(unset = ?config.identity_unset, "the legal pages name no publisher yet: set these variables");
    }
    let mail = server::mail::MailTask::start(db.clone(), config.mail.clone())?;
    let site =
        app::settings::SiteSettings { identity: config.identity.clone(), mail_delivery: config.mail.smtp.is_some() };
    let throttle = std::sync::Arc::new(app::accounts::throttle::Throttle::with_address_bursts(
        config.sign_in_burst_per_address,
        config.contributions_burst_per_address,
    ));
    let app = router(AppState {
        leptos_options,
        db,
        map: config.map,
        sessions,
        secure_cookies,
        live: live.clone(),
        site,
        throttle,
        site_origin: server::same_origin::SiteOrigin::new(&config.public_url, config.public_url_set),
        trusted_proxies: config.trusted_proxies.clone(),
        view_pins: Default::default(),
    });
    let listener = tokio::net::TcpListener::bind(address).await?;
    tracing::info!("listening on http://{address}");
    // With each request's address: sign-in is throttled per IP too.
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(async move {
            shutdown_signal().await;
            // Open maps' event streams never end by themselves: end them, or shutdown would wait.
            live.stop();
            mail.stop();
        })
        .await?;
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM, so that in-flight requests finish.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

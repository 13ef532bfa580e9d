//! `fixtures`: test data for the tests, the browser tests and the benchmarks — never part of a
//! deployment. Built only with the server's `fixtures` feature (`make fixtures`), which the
//! release build leaves out: a production binary cannot add these initiatives, and both commands
//! refuse a database that holds real initiatives anyway.

use clap::{Parser, Subcommand};
use server::config::Config;

#[derive(Parser)]
#[command(name = "fixtures", about = "Carte Orientation 28: test data (never in production)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Add COUNT published synthetic initiatives, for benchmarks and the scale tests.
    SeedSynthetic {
        #[arg(long)]
        count: usize,
    },
    /// Add one published initiative whose every text is HTML and script, for the browser test
    /// that checks they show as text.
    SeedHostile,
    /// Serve a stand-in for the national address service on 127.0.0.1:PORT (the browser tests'
    /// `GEOCODER_URL`), until stopped.
    Geocoder {
        #[arg(long)]
        port: u16,
    },
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    if let Command::Geocoder { port } = cli.command {
        let served = async {
            let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
            println!("Service d'adresses de test sur http://127.0.0.1:{port}/search");
            app::geocoder::standin::serve(listener).await
        };
        if let Err(error) = served.await {
            eprintln!("{error}");
            std::process::exit(1);
        }
        return;
    }
    let seeded = async {
        let config = Config::from_env().map_err(|e| e.to_string())?;
        let db = app::data::Db::connect(&config.database_url).await.map_err(|e| e.to_string())?;
        match cli.command {
            Command::SeedSynthetic { count } => db
                .seed_synthetic(count)
                .await
                .map(|added| format!("{added} initiatives synthétiques ajoutées dans {}", config.database_url)),
            Command::SeedHostile => db
                .seed_hostile()
                .await
                .map(|id| format!("Initiative n° {id} aux textes piégés ajoutée dans {}", config.database_url)),
            Command::Geocoder { .. } => unreachable!("served above"),
        }
        .map_err(|e| e.to_string())
    };
    match seeded.await {
        Ok(message) => println!("{message}"),
        // Said plainly, without Rust's debug quoting, for the person at the terminal.
        Err(message) => {
            eprintln!("{message}");
            std::process::exit(1);
        }
    }
}

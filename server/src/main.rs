//! The `vern` binary: parses the command line and hands over to the library.

use std::io::Write;

use clap::Parser;
use vern::cli::{Cli, Command};
use vern::config::Settings;
use vern::{Application, demo, open_database, shutdown_signal, site_is_built, telemetry};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(cli.config.as_deref(), &cli.overrides())?;
    telemetry::init(&settings.log, settings.log_json);
    match cli.command {
        Command::Serve { demo } => serve(settings, demo).await,
        Command::Migrate => {
            open_database(&settings).await?;
            println!("database is up to date");
            Ok(())
        }
        Command::Demo => {
            let db = open_database(&settings).await?;
            report_demo(demo::seed(&db).await?, &settings.public_url());
            Ok(())
        }
        Command::User(command) => {
            let db = open_database(&settings).await?;
            vern::cli::users::run(&db, command).await
        }
        Command::Precompress { dir } => {
            let dir = dir.unwrap_or_else(|| settings.site_root.join("pkg"));
            tokio::task::spawn_blocking(move || vern::cli::precompress::run(&dir)).await?
        }
    }
}

async fn serve(settings: Settings, with_demo: bool) -> anyhow::Result<()> {
    if !site_is_built(&settings.site_root) {
        tracing::warn!(site_root = %settings.site_root.display(), "no built site found; pages will lack styles and scripts (build with cargo leptos build)");
    }
    let configured_url = (!settings.public_url.is_empty()).then(|| settings.public_url());
    let app = Application::build(settings).await?;
    let listening = format!("http://{}", app.local_addr()?);
    if with_demo {
        let url = configured_url.unwrap_or_else(|| listening.clone());
        report_demo(demo::seed(app.db()).await?, &url);
    }
    // Printed whatever the log level: with `--listen 127.0.0.1:0` this line
    // is how a script (or a test) learns the port it got. A closed stdout
    // must not stop the server, so a failed write is ignored.
    let _ = writeln!(std::io::stdout(), "listening on {listening}");
    app.run_until(shutdown_signal()).await
}

fn report_demo(seeded: demo::Seeded, url: &str) {
    if seeded == demo::Seeded::AlreadyPresent {
        println!("The database already has an organisation; no demo data was added.");
    }
    print!("{}", demo::login_help(url));
}

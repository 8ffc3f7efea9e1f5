//! The `vern` command line.

pub mod precompress;
pub mod users;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::FlagOverrides;

/// Vern: vernerunder, avvik and tiltak for HMS work.
#[derive(Debug, Parser)]
#[command(name = "vern", version, about)]
pub struct Cli {
    /// TOML file with settings (see the README).
    #[arg(long, env = "VERN_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Address to listen on [default: 127.0.0.1:3000].
    #[arg(long, global = true)]
    pub listen: Option<SocketAddr>,
    /// Directory for the SQLite database and photos [default: ./data].
    #[arg(long, global = true)]
    pub data_dir: Option<PathBuf>,
    /// sqlite://… or postgres://… [default: SQLite in the data directory].
    #[arg(long, global = true)]
    pub database_url: Option<String>,
    /// Photo store: a directory or s3://bucket/prefix [default: <data-dir>/photos].
    #[arg(long, global = true)]
    pub photo_store: Option<String>,
    /// The URL people use to reach Vern, e.g. https://vern.kommune.no.
    #[arg(long, global = true)]
    pub public_url: Option<String>,
    /// Log filter, e.g. info or vern=debug.
    #[arg(long, global = true)]
    pub log: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve Vern over HTTP.
    Serve {
        /// Seed the demo organisation first (only into an empty database).
        #[arg(long)]
        demo: bool,
    },
    /// Create or update the database schema, then exit.
    Migrate,
    /// Seed the demo organisation into an empty database, then exit.
    Demo,
    /// Manage users from the command line.
    #[command(subcommand)]
    User(UserCommand),
    /// Write a brotli and a gzip copy beside each built asset (after
    /// `cargo leptos build --release`), served to browsers that accept them.
    Precompress {
        /// The directory [default: <site root>/pkg].
        dir: Option<PathBuf>,
    },
}

/// User administration without the web UI (e.g. to make the first admin).
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user.
    Create {
        /// Login name (lowercase letters, digits, . - _ @).
        username: String,
        /// The person's full name.
        #[arg(long)]
        name: String,
        /// Read the password from standard input (recommended); otherwise it is asked for.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Grant a role in a unit (by unit id or exact name).
    Grant {
        /// Login name.
        username: String,
        /// hms_admin, hovedverneombud, verneombud, leder, amu_reader, mks or medarbeider.
        role: String,
        /// Unit id or exact unit name.
        unit: String,
    },
    /// Create a top-level organisation unit (kommune or company), for a fresh install.
    CreateOrganisation {
        /// The organisation's name.
        name: String,
    },
    /// List users and their roles.
    List,
}

impl Cli {
    /// The flags that override configuration.
    pub fn overrides(&self) -> FlagOverrides {
        FlagOverrides {
            listen: self.listen,
            data_dir: self.data_dir.clone(),
            database_url: self.database_url.clone(),
            photo_store: self.photo_store.clone(),
            public_url: self.public_url.clone(),
            log: self.log.clone(),
        }
    }
}

// SPDX-License-Identifier: AGPL-3.0-only
//! `cargo xtask …`: the project's developer tasks.
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod bench;
mod drill;
mod fuzz;
mod license;
mod spdx;
mod test;
mod tools;

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Townhall developer tasks")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Every check: fmt, clippy per edition, cargo-deny, the test suites of the three builds on
    /// SQLite and of the premium build on PostgreSQL, and the browser tests.
    Test(test::TestArgs),
    /// Benchmarks: seed a dataset, start a release server, drive it, write the results.
    Bench(bench::BenchArgs),
    /// Reliability drills: crashes during a ballot burst, races, the database going away,
    /// slow clients, backups.
    Drill(drill::DrillArgs),
    /// Schemathesis against the GraphQL API of the debug build, anonymous and signed in.
    Fuzz,
    /// Licence keys: make a key pair, issue a key.
    License {
        #[command(subcommand)]
        command: license::LicenseCommand,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Test(args) => test::run(&args),
        Command::Bench(args) => bench::run(&args),
        Command::Drill(args) => drill::run(&args),
        Command::Fuzz => fuzz::run(&test::workspace_root()),
        Command::License { command } => license::run(command),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e:#}");
            ExitCode::FAILURE
        }
    }
}

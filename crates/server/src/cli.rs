// SPDX-License-Identifier: AGPL-3.0-only
//! The command line. Exit codes: 0 success, 1 failure, 2 bad configuration or usage.
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use townhall_core::Platform;
use townhall_core::graphql::Actor;

use crate::config::{Config, Overrides};
use crate::{app, logging, serve};

/// The heading of the options every command takes, shown apart from a command's own.
const GLOBAL: &str = "Global options";

#[derive(Debug, Parser)]
#[command(
    name = "townhall",
    version,
    about = "Townhall civic participation platform",
    after_help = "Without a command, townhall serves the platform. Every global option can also be set in \
                  townhall.toml or as a TOWNHALL_* environment variable (see the README)."
)]
pub struct Cli {
    /// Configuration file (default: ./townhall.toml when it exists).
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    config: Option<PathBuf>,
    /// Address to listen on, e.g. 127.0.0.1:3000.
    #[arg(long, global = true, value_name = "ADDR", help_heading = GLOBAL)]
    bind: Option<String>,
    /// sqlite://PATH or postgres://USER:PASSWORD@HOST/DB.
    #[arg(long, global = true, value_name = "URL", help_heading = GLOBAL)]
    database_url: Option<String>,
    /// Directory for the SQLite database, uploads and secrets.
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    data_dir: Option<PathBuf>,
    /// Public URL of the platform, e.g. https://participate.example.org.
    #[arg(long, global = true, value_name = "URL", help_heading = GLOBAL)]
    base_url: Option<String>,
    /// File holding the licence key.
    #[arg(long, global = true, value_name = "PATH", help_heading = GLOBAL)]
    license_file: Option<PathBuf>,
    /// Log format: pretty or json.
    #[arg(long, global = true, value_name = "FORMAT", help_heading = GLOBAL)]
    log_format: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the platform (the default).
    Serve,
    /// Run database migrations and exit.
    Migrate,
    /// Write a backup: the database and the uploaded files, while the platform serves.
    ///
    /// One tar archive holds an online, consistent snapshot of the database (SQLite: a database
    /// file; PostgreSQL: a pg_dump archive) and every uploaded file.
    Backup {
        /// The archive to write (FILE.partial until it is complete).
        file: PathBuf,
    },
    /// Restore a backup into the configured database, migrate it and check it.
    ///
    /// The database and file store must be empty, or give --replace once every server is
    /// stopped.
    Restore {
        /// The archive that `townhall backup` wrote (or a bare database snapshot of an older
        /// version).
        file: PathBuf,
        /// Overwrite a database that is not empty.
        #[arg(long)]
        replace: bool,
    },
    /// Check the database: storage, counters, voting chains and their seals.
    ///
    /// Checks the storage, every counter against its rows, every voting chain against its
    /// hashes and totals; exit code 1 when something is wrong.
    Check {
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List and switch features.
    Features {
        #[command(subcommand)]
        action: FeaturesCommand,
    },
    /// Show or replace the licence.
    License {
        #[command(subcommand)]
        action: LicenseCommand,
    },
    /// Create administrators.
    Admin {
        #[command(subcommand)]
        action: AdminCommand,
    },
    /// Check a published ballot file offline (needs no database).
    ///
    /// Recomputes the hash chain and the tallies of a voting phase's ballot file.
    VerifyResults {
        /// The ballot file (JSON lines) from the results page, or - for standard input.
        file: PathBuf,
        /// The final hash the results page published: the file must end with it (without it, a
        /// file rewritten from scratch would still be a valid chain).
        #[arg(long, value_name = "HASH")]
        final_hash: Option<String>,
        /// A voter's receipt: say whether it is in the file and counted.
        #[arg(long, value_name = "RECEIPT")]
        receipt: Option<String>,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Write an export as CSV (or xlsx), with progress on standard error.
    ///
    /// CSV goes to a file or standard output; another format of the edition (xlsx) to a file.
    Export {
        /// What to export: ideas, comments, reactions, votes, poll-responses,
        /// survey-responses, volunteers, event-registrations or users.
        kind: String,
        /// Only this project (its address name, such as `greener-parks`).
        #[arg(long, value_name = "SLUG")]
        project: Option<String>,
        /// Include e-mail addresses (volunteers, registrations); required for users. The export
        /// is written to the audit log.
        #[arg(long)]
        personal: bool,
        /// The file to write (default: standard output, for CSV).
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// `csv`, or `xlsx` with the Standard edition's `xlsx_export`.
        #[arg(long, default_value = "csv", value_name = "FORMAT")]
        format: String,
    },
    /// Write the open-data datasets (public content only) as CSV and JSON into a directory.
    ///
    /// The files `/open-data` serves: projects, phases, ideas, voting-results and
    /// poll-results, each as .csv and .json (docs/open-data.md), with progress on standard error.
    OpenData {
        /// The directory to write into (created when missing; files in it are replaced).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Fill the platform: a demo town (an empty platform only) or data for benchmarks.
    #[command(group = clap::ArgGroup::new("what").required(true).args(["demo", "scale"]))]
    Seed {
        /// Projects in every state, with ideas, comments, supports and answers, in en, nl and fr.
        #[arg(long)]
        demo: bool,
        /// N synthetic ideas with N/2 users, N/200 projects, about 2.5 N comments and 10 N supports.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
        scale: Option<u64>,
        /// The password of the generated accounts (default: a random one, printed at the end).
        #[arg(long, value_name = "PASSWORD")]
        password: Option<String>,
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum AdminCommand {
    /// Create an administrator (password read from standard input), or make an existing
    /// account one.
    Create {
        /// The administrator's e-mail address (an existing account's, or a new one).
        #[arg(long, value_name = "EMAIL")]
        email: String,
        /// Display name for a new account (default: the part of the address before the @).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
enum FeaturesCommand {
    /// List every compiled-in feature with its state.
    List {
        /// Print the list as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Switch a feature on (refused when the licence does not allow it).
    Enable {
        /// The feature's id, as `features list` shows it.
        id: String,
    },
    /// Switch a feature off.
    Disable {
        /// The feature's id, as `features list` shows it.
        id: String,
    },
}

#[derive(Debug, Subcommand)]
enum LicenseCommand {
    /// Show the edition, the licence and the features.
    Status {
        /// Print the status as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Install a new licence key (from FILE, or standard input when FILE is `-`).
    Replace {
        /// The file holding the key, or - for standard input.
        file: PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Checking a ballot file touches no configuration and no database.
    if let Some(Command::VerifyResults { file, final_hash, receipt, json }) = &cli.command {
        return verify_results(file, final_hash.as_deref(), receipt.as_deref(), *json);
    }
    let overrides = Overrides {
        bind: cli.bind.clone(),
        database_url: cli.database_url.clone(),
        data_dir: cli.data_dir.clone(),
        base_url: cli.base_url.clone(),
        license_file: cli.license_file.clone(),
        log_format: cli.log_format.clone(),
    };
    let config = match Config::load(cli.config.as_deref(), &overrides) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("townhall: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    logging::init(&config);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("townhall: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("townhall: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}

/// Why a command failed, and its exit code: 2 when the operator must change something first
/// (see [`app::OpenError::needs_the_operator`]), 1 otherwise.
struct Failure {
    message: String,
    code: u8,
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure { message, code: 1 }
    }
}

impl From<app::OpenError> for Failure {
    fn from(error: app::OpenError) -> Self {
        Failure { code: if error.needs_the_operator() { 2 } else { 1 }, message: error.to_string() }
    }
}

async fn run(command: Command, config: Config) -> Result<(), Failure> {
    // Backups read the database as it is; a restore must find it empty, so neither opens (and
    // migrates) the platform first.
    match &command {
        Command::Backup { file } => return Ok(crate::backup::backup(&config, file).await?),
        Command::Restore { file, replace } => {
            crate::backup::restore(&config, file, *replace).await?;
            let platform = app::open(&config).await?;
            // Votes that ended since the backup was taken are sealed, as a server would.
            let sealed = platform.seal_ended_votes(chrono::Utc::now()).await.map_err(|e| e.to_string())?;
            if sealed > 0 {
                println!("sealed {sealed} vote(s) that ended since the backup");
            }
            return Ok(crate::check::run(&platform, false).await?);
        }
        _ => {}
    }
    let platform = app::open(&config).await?;
    let outcome = match command {
        Command::Serve => serve::serve(platform, &config).await.map_err(|e| e.to_string()),
        Command::Migrate => {
            println!("migrations are up to date");
            Ok(())
        }
        Command::Features { action } => features(&platform, action).await,
        Command::License { action } => license(&platform, action).await,
        Command::Admin { action: AdminCommand::Create { email, name } } => create_admin(&platform, &email, name).await,
        Command::Seed { demo, scale, password, json } => seed(&platform, demo, scale, password, json).await,
        Command::Check { json } => crate::check::run(&platform, json).await,
        Command::Backup { .. } | Command::Restore { .. } => Ok(()),
        Command::Export { kind, project, personal, output, format } if format != "csv" => {
            export_file(&platform, &kind, project.as_deref(), personal, output.as_deref(), &format).await
        }
        Command::Export { kind, project, personal, output, .. } => {
            export(&platform, &kind, project.as_deref(), personal, output.as_deref()).await
        }
        Command::OpenData { out } => crate::open_data_cli::write_all(&platform, &out).await,
        Command::VerifyResults { file, final_hash, receipt, json } => {
            if verify_results(&file, final_hash.as_deref(), receipt.as_deref(), json) == ExitCode::SUCCESS {
                Ok(())
            } else {
                Err("the ballot file is not valid".into())
            }
        }
    };
    Ok(outcome?)
}

async fn features(platform: &Platform, action: FeaturesCommand) -> Result<(), String> {
    let (id, enabled) = match action {
        FeaturesCommand::List { json } => {
            let list = platform.features().await.map_err(|e| e.public_message())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&list).map_err(|e| e.to_string())?);
            } else {
                println!("{:<28} {:<9} {:<8} {:<8} ACTIVE", "ID", "EDITION", "ALLOWED", "ENABLED");
                for f in list {
                    println!(
                        "{:<28} {:<9} {:<8} {:<8} {}",
                        f.id,
                        f.edition,
                        yes(f.allowed),
                        yes(f.enabled),
                        yes(f.active)
                    );
                }
            }
            return Ok(());
        }
        FeaturesCommand::Enable { id } => (id, true),
        FeaturesCommand::Disable { id } => (id, false),
    };
    let state = platform.set_feature_enabled(&Actor::Operator, &id, enabled).await.map_err(|e| e.public_message())?;
    println!(
        "{} is now {} ({})",
        state.id,
        if state.enabled { "enabled" } else { "disabled" },
        if state.active { "active" } else { "inactive" }
    );
    Ok(())
}

/// Checks who asks for what and starts the export.
async fn start_export(
    platform: &Platform,
    kind: &str,
    project: Option<&str>,
    personal: bool,
) -> Result<townhall_core::exports::Export, String> {
    use townhall_core::exports::ExportRequest;
    let Some(kind) = platform.registry().export(kind).map(|k| k.id().to_owned()) else {
        let kinds: Vec<&str> = platform.registry().exports().iter().map(|k| k.id()).collect();
        return Err(format!("unknown export `{kind}`; choose one of: {}", kinds.join(", ")));
    };
    let project = match project {
        Some(slug) => Some(
            platform
                .project_by_slug(&Actor::Operator, slug)
                .await
                .map_err(|e| e.public_message())?
                .ok_or_else(|| format!("no project has the address name `{slug}`"))?
                .id,
        ),
        None => None,
    };
    let locale = platform.appearance().default_locale.to_owned();
    let request = ExportRequest { kind, project, personal, locale };
    platform.start_export(&Actor::Operator, request).await.map_err(|e| e.public_message())
}

/// An export in a format of the edition's modules, written next to `output` and renamed into
/// place once whole.
async fn export_file(
    platform: &Platform,
    kind: &str,
    project: Option<&str>,
    personal: bool,
    output: Option<&std::path::Path>,
    format: &str,
) -> Result<(), String> {
    use townhall_core::seed::Progress;
    let path = output.ok_or_else(|| format!("a {format} export is a file: give it with --output"))?;
    let format = platform.export_format(format).await.map_err(|e| e.public_message())?;
    let mut export = start_export(platform, kind, project, personal).await?;
    let partial = path.with_extension(format!("{}.partial", format.id()));
    let bar = crate::progress::Bar::stderr();
    bar.stage(&format!("export {} as {}", export.kind(), format.id()), export.total);
    let written = std::sync::atomic::AtomicU64::new(0);
    let progress = |rows: u64| {
        let before = written.swap(rows, std::sync::atomic::Ordering::Relaxed);
        bar.advance(rows.saturating_sub(before));
    };
    if let Err(e) = format.write(&mut export, &partial, &progress).await {
        let _ = std::fs::remove_file(&partial);
        return Err(e.public_message());
    }
    std::fs::rename(&partial, path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    eprintln!("wrote {} rows to {}", export.rows, path.display());
    Ok(())
}

async fn export(
    platform: &Platform,
    kind: &str,
    project: Option<&str>,
    personal: bool,
    output: Option<&std::path::Path>,
) -> Result<(), String> {
    use std::io::Write;
    use townhall_core::seed::Progress;
    let mut export = start_export(platform, kind, project, personal).await?;
    let kind = export.kind();
    // Written next to the target and renamed at the end: a failed export leaves no half file.
    let (mut out, partial): (Box<dyn Write>, Option<PathBuf>) = match output {
        Some(path) => {
            let partial = path.with_extension("csv.partial");
            let file =
                std::fs::File::create(&partial).map_err(|e| format!("cannot write {}: {e}", partial.display()))?;
            (Box::new(std::io::BufWriter::new(file)), Some(partial))
        }
        None => (Box::new(std::io::stdout().lock()), None),
    };
    let bar = crate::progress::Bar::stderr();
    bar.stage(&format!("export {}", kind), export.total);
    let copied = copy_export(&mut export, &mut out, &bar).await;
    drop(out);
    if let Err(e) = copied {
        if let Some(partial) = &partial {
            let _ = std::fs::remove_file(partial);
        }
        return Err(e);
    }
    if let (Some(partial), Some(path)) = (partial, output) {
        std::fs::rename(&partial, path).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {} rows to {}", export.rows, path.display());
    }
    Ok(())
}

/// Writes every chunk of an export, advancing the progress bar by the rows written.
async fn copy_export(
    export: &mut townhall_core::exports::Export,
    out: &mut dyn std::io::Write,
    bar: &crate::progress::Bar,
) -> Result<(), String> {
    use townhall_core::seed::Progress;
    let mut written = 0;
    while let Some(chunk) = export.next_chunk().await.map_err(|e| e.public_message())? {
        out.write_all(chunk.as_bytes()).map_err(|e| format!("cannot write the export: {e}"))?;
        bar.advance(export.rows - written);
        written = export.rows;
    }
    out.flush().map_err(|e| format!("cannot write the export: {e}"))
}

async fn seed(
    platform: &Platform,
    demo: bool,
    scale: Option<u64>,
    password: Option<String>,
    json: bool,
) -> Result<(), String> {
    let password = password.unwrap_or_else(random_password);
    let bar = crate::progress::Bar::stderr();
    let started = std::time::Instant::now();
    let summary = if demo {
        let report = platform.seed_demo(&password, &bar).await.map_err(|e| e.public_message())?;
        serde_json::to_value(&report).map_err(|e| e.to_string())?
    } else {
        let plan = townhall_core::seed::ScalePlan::for_ideas(scale.unwrap_or(1));
        let report = platform.seed_scale(plan, &password, &bar).await.map_err(|e| e.public_message())?;
        serde_json::to_value(&report).map_err(|e| e.to_string())?
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&summary).map_err(|e| e.to_string())?);
    } else {
        let counts: Vec<String> = ["projects", "users", "ideas", "comments", "reactions"]
            .iter()
            .filter_map(|k| summary.get(*k).and_then(|v| v.as_u64()).map(|n| format!("{n} {k}")))
            .collect();
        println!("seeded {} in {:.1}s", counts.join(", "), started.elapsed().as_secs_f64());
        if let Some(residents) = summary.get("residents").and_then(|r| r.as_array()) {
            let emails: Vec<&str> = residents.iter().filter_map(|r| r.as_str()).collect();
            println!("demo residents: {}", emails.join(", "));
        }
        if let Some(prefix) = summary.get("email_prefix").and_then(|p| p.as_str()) {
            println!("accounts: {prefix}<n>@example.invalid");
        }
        println!("their password: {password}");
    }
    Ok(())
}

/// Four random words' worth of letters: easy to type, hard to guess.
fn random_password() -> String {
    use rand_core::{OsRng, RngCore};
    const LETTERS: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let text: String = bytes.iter().map(|b| LETTERS[usize::from(*b) % LETTERS.len()] as char).collect();
    format!("{}-{}-{}-{}", &text[0..5], &text[5..10], &text[10..15], &text[15..20])
}

fn verify_results(file: &std::path::Path, final_hash: Option<&str>, receipt: Option<&str>, json: bool) -> ExitCode {
    use townhall_core::modules::voting::chain;
    let text = match read_key(file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("townhall: {e}");
            return ExitCode::from(2);
        }
    };
    let checked = chain::verify(&text).and_then(|v| match final_hash.map(|h| h.trim().to_lowercase()) {
        Some(published) if published != v.final_hash => Err(chain::Broken {
            line: text.lines().count(),
            reason: format!("the file ends with {}, but the published final hash is {published}", v.final_hash),
        }),
        _ => Ok(v),
    });
    let v = match checked {
        Ok(v) => v,
        Err(b) => {
            if json {
                println!("{}", serde_json::json!({ "valid": false, "line": b.line, "reason": b.reason }));
            } else {
                println!("invalid: line {}: {}", b.line, b.reason);
            }
            return ExitCode::FAILURE;
        }
    };
    let found = receipt.map(|r| v.receipt(r));
    if json {
        let tallies: Vec<_> = v
            .tallies
            .iter()
            .map(|(idea, (votes, voters))| serde_json::json!({ "idea": idea, "votes": votes, "voters": voters }))
            .collect();
        let mut out = serde_json::json!({ "valid": true, "phase": v.phase, "entries": v.entries, "counted": v.voters, "final_hash": v.final_hash, "sealed_at": v.sealed_at, "tallies": tallies });
        if let Some(found) = found {
            out["receipt"] = match found {
                Some((entry, counted)) => serde_json::json!({ "entry": entry, "counted": counted }),
                None => serde_json::Value::Null,
            };
        }
        println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    } else {
        println!("valid: phase {}, {} submissions, {} counted ballots", v.phase, v.entries, v.voters);
        println!("final hash: {}", v.final_hash);
        match &v.sealed_at {
            Some(at) => println!("sealed at {at}: the vote had ended and this is its whole chain"),
            None => println!("not sealed: the vote was still open when the file was taken"),
        }
        match found {
            Some(Some((entry, true))) => println!("receipt: entry {entry}, counted"),
            Some(Some((entry, false))) => {
                println!("receipt: entry {entry}, replaced by a later submission of the same voter")
            }
            Some(None) => println!("receipt: not in this file"),
            None => {}
        }
        println!("{:>8} {:>10} {:>8}", "IDEA", "VOTES", "VOTERS");
        let mut rows: Vec<_> = v.tallies.iter().collect();
        rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
        for (idea, (votes, voters)) in rows {
            println!("{idea:>8} {votes:>10} {voters:>8}");
        }
    }
    // A receipt that is not in the file is a failed check.
    if matches!(found, Some(None)) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

async fn license(platform: &Platform, action: LicenseCommand) -> Result<(), String> {
    match action {
        LicenseCommand::Status { json } => {
            let report = crate::status::report(platform).await.map_err(|e| e.public_message())?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
            } else {
                println!("{}", crate::status::describe(platform, &report));
            }
            Ok(())
        }
        LicenseCommand::Replace { file } => {
            let key = read_key(&file)?;
            let license = platform.replace_license(&Actor::Operator, &key).await.map_err(|e| e.public_message())?;
            println!("{}", townhall_core::license::describe(&license));
            Ok(())
        }
    }
}

fn read_key(file: &std::path::Path) -> Result<String, String> {
    if file.as_os_str() == "-" {
        let mut key = String::new();
        std::io::stdin().read_to_string(&mut key).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(key)
    } else {
        std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
    }
}

async fn create_admin(platform: &Platform, email: &str, name: Option<String>) -> Result<(), String> {
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
    let password = password.trim_end_matches(['\r', '\n']);
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(email).to_owned());
    let id =
        platform.create_admin(&Actor::Operator, email, &name, password, None).await.map_err(|e| e.public_message())?;
    println!("{} is an administrator (user {id})", email.trim().to_lowercase());
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use clap::CommandFactory;

    use super::*;

    /// Calls `check` with every command and subcommand below `command`, and its path.
    fn walk(command: &clap::Command, path: &str, check: &mut dyn FnMut(&str, &clap::Command)) {
        check(path, command);
        for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
            walk(sub, &format!("{path} {}", sub.get_name()), check);
        }
    }

    /// Every command says what it does and every argument what it is; the global options
    /// stand under their own heading in every command's help, after the command's own.
    #[test]
    fn every_command_and_argument_is_described() {
        Cli::command().debug_assert();
        let mut cli = Cli::command();
        cli.build();
        let mut missing = Vec::new();
        walk(&cli, "townhall", &mut |path, command| {
            if command.get_about().is_none_or(|a| a.to_string().trim().is_empty()) {
                missing.push(format!("`{path}` has no description"));
            }
            let help = command.clone().render_long_help().to_string();
            let global_at = help.find(&format!("{GLOBAL}:")).unwrap_or(usize::MAX);
            for arg in command.get_arguments().filter(|a| !["help", "version"].contains(&a.get_id().as_str())) {
                let id = arg.get_id().as_str();
                if arg.get_help().is_none_or(|h| h.to_string().trim().is_empty()) {
                    missing.push(format!("`{path}`: argument `{id}` has no description"));
                }
                let global = arg.is_global_set();
                assert_eq!(arg.get_help_heading() == Some(GLOBAL), global, "`{path}` {id}");
                if let Some(long) = arg.get_long() {
                    let at = help.find(&format!("--{long}")).unwrap();
                    assert_eq!(at > global_at, global, "`{path}`: --{long} under the wrong heading:\n{help}");
                }
            }
        });
        assert!(missing.is_empty(), "{missing:#?}");
    }
}

// SPDX-License-Identifier: AGPL-3.0-only
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where Debian installs PostgreSQL 15's server binaries when they are not on `PATH`.
const DEBIAN_BIN: &str = "/usr/lib/postgresql/15/bin";

#[derive(Debug)]
pub struct PgError(pub String);

impl std::fmt::Display for PgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PgError {}

/// A PostgreSQL cluster in a temporary directory on a free port, trusting local connections.
/// Stopped and removed on drop, also when a test fails.
#[derive(Debug)]
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
    /// PostgreSQL's default durability (fsync, synchronous commit) instead of the tests' none.
    durable: bool,
}

impl PgCluster {
    /// Creates and starts a cluster for tests: nothing is flushed to disk.
    pub fn start() -> Result<Self, PgError> {
        Self::start_with(false)
    }

    /// Creates and starts a cluster that flushes commits as a production one does (for
    /// benchmarks and drills).
    pub fn start_durable() -> Result<Self, PgError> {
        Self::start_with(true)
    }

    fn start_with(durable: bool) -> Result<Self, PgError> {
        let bin = find_bin().ok_or_else(|| PgError("PostgreSQL binaries (initdb, pg_ctl) not found".into()))?;
        let dir = tempfile::Builder::new().prefix("townhall-pg-").tempdir().map_err(io)?;
        let as_postgres = is_root();
        if as_postgres {
            run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir.path()))?;
        }
        let port = crate::free_port().map_err(io)?;
        let cluster = Self { dir, bin, port, as_postgres, durable };
        cluster.pg(
            "initdb",
            &["-D", &cluster.data(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync", "--locale=C"],
        )?;
        cluster.start_server()?;
        Ok(cluster)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL of database `name` on this cluster.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// Starts the server (again, after [`PgCluster::stop`]).
    pub fn start_server(&self) -> Result<(), PgError> {
        let speed = if self.durable { "" } else { " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" };
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {}{speed} -c max_connections=200",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("server.log").display().to_string();
        self.pg("pg_ctl", &["-D", &self.data(), "-o", &options, "-l", &log, "-w", "-t", "60", "start"])
    }

    /// Stops the server at once, as a crash or an operator would.
    pub fn stop(&self) -> Result<(), PgError> {
        self.pg("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"])
    }

    /// Creates an empty database with the given name.
    pub fn create_database(&self, name: &str) -> Result<(), PgError> {
        let createdb = self.bin.join("createdb");
        let port = self.port.to_string();
        let tool = if createdb.exists() { createdb } else { PathBuf::from("createdb") };
        self.exec(&tool, &["-h", "127.0.0.1", "-p", &port, "-U", "postgres", name]).map(drop)
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Result<(), PgError> {
        self.exec(&self.bin.join(tool), args).map(drop)
    }

    fn exec(&self, program: &Path, args: &[&str]) -> Result<Output, PgError> {
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        command.args(args).current_dir(self.dir.path());
        run(&mut command)
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self.stop();
    }
}

fn run(command: &mut Command) -> Result<Output, PgError> {
    let output = command.output().map_err(|e| PgError(format!("{command:?}: {e}")))?;
    if output.status.success() {
        Ok(output)
    } else {
        Err(PgError(format!(
            "{command:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )))
    }
}

fn io(e: std::io::Error) -> PgError {
    PgError(e.to_string())
}

fn find_bin() -> Option<PathBuf> {
    // `initdb` on PATH may be a symlink; the other tools (createdb) sit beside its target.
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("initdb"))
            .find(|p| p.is_file())
            .and_then(|p| p.canonicalize().ok())
            .and_then(|p| p.parent().map(Path::to_path_buf))
    });
    on_path
        .filter(|p| p.join("pg_ctl").is_file())
        .or_else(|| Some(PathBuf::from(DEBIAN_BIN)).filter(|p| p.join("initdb").is_file()))
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

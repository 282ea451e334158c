// SPDX-License-Identifier: AGPL-3.0-only
//! Test tooling shared by `cargo xtask test` and the server's tests: free ports and throwaway
//! PostgreSQL clusters started with `initdb` and `pg_ctl` (as the `postgres` user when run as
//! root, since PostgreSQL refuses to run as root).

mod pg;

pub use pg::{PgCluster, PgError};

/// A TCP port on 127.0.0.1 that was free a moment ago.
pub fn free_port() -> std::io::Result<u16> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    Ok(listener.local_addr()?.port())
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The `townhall` binary.
use std::process::ExitCode;

fn main() -> ExitCode {
    townhall_server::cli::main()
}

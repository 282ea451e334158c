// SPDX-License-Identifier: AGPL-3.0-only
use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

use crate::config::{Config, LogFormat};

/// Installs the global subscriber: `RUST_LOG` wins over `log_filter`; logs go to stderr so that
/// CLI output on stdout stays machine-readable.
pub fn init(config: &Config) {
    let filter = EnvFilter::try_from_default_env()
        .or_else(|_| EnvFilter::try_new(&config.log_filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // Asking for the access log is enough to get it, whatever the filter's level.
    let filter = match format!("{}=info", crate::http::access_log::TARGET).parse() {
        Ok(directive) if config.access_log => filter.add_directive(directive),
        _ => filter,
    };
    // Colours only for a person at a terminal: a file or the journal gets plain `key=value`.
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    let result = match config.log_format {
        LogFormat::Pretty => builder.with_target(false).try_init(),
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
    };
    // A second init (tests) keeps the first subscriber.
    drop(result);
}

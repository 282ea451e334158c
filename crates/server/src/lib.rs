// SPDX-License-Identifier: AGPL-3.0-only
//! Townhall's server: the CLI, configuration, the axum router, the GraphQL schema and the HTML UI.
// The merged GraphQL roots nest deeply (one level per module piece).
#![recursion_limit = "256"]

pub mod app;
pub mod backup;
pub mod backup_archive;
pub mod check;
pub mod cli;
pub mod config;
mod config_errors;
pub mod editions;
pub mod graphql;
pub mod http;
pub mod jobs;
pub mod listen;
pub mod logging;
mod open_data_cli;
pub mod progress;
pub mod serve;
pub mod status;
pub mod ui;

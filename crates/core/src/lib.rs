// SPDX-License-Identifier: AGPL-3.0-only
//! Townhall's domain: the database, migrations, the module trait, the feature registry,
//! the licence in force and translations. Everything the HTTP and GraphQL layers ask goes
//! through the [`Platform`] context.

pub mod actor;
pub mod appearance;
pub mod attachments;
pub mod cache;
pub mod dashboard;
pub mod db;
pub mod error;
pub mod events;
pub mod exports;
pub mod features;
pub mod graphql;
pub mod i18n;
pub mod images;
pub mod integrity;
pub mod license;
pub mod mail;
pub mod methods;
pub mod migrations;
pub mod module;
mod module_hooks;
pub mod modules;
pub mod open_data;
pub mod permissions;
pub mod personal_data;
pub mod platform;
pub mod registry;
pub mod seed;
pub mod sessions;
pub mod settings;
pub mod storage;
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
pub mod throttle;
pub mod web;

pub use actor::{Actor, Viewer, ViewerFacts};
pub use error::{CoreError, CoreResult};
pub use exports::ChunkSource;
pub use module::{
    AccountSection, AdminLink, Answers, BackgroundJob, Erasure, FeatureDef, GroupChoice, HomeGroup, Module,
    PasswordSignIn, Question, QuestionOption, SignInOption,
};
pub use platform::{Platform, Services};
pub use registry::Registry;
pub use townhall_license::{Edition, License, LicenseStatus, Plan};

/// Re-exported so edition crates build their GraphQL pieces against the same version.
pub use async_graphql;
pub use async_trait::async_trait;
pub use axum;
pub use sea_orm;
pub use sea_orm_migration;

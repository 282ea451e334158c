// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts: sign-up with e-mail confirmation, sign-in with throttling, sessions that can all be
//! revoked at once, password reset, roles, blocking, the first administrator and the audit log.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;

mod admin;
pub mod audit;
mod graphql;
mod mails;
pub mod model;
pub mod password;
mod recovery;
mod register;
mod session;
#[cfg(test)]
mod tests;
pub(crate) mod tokens;

pub use admin::{Block, UserPage};
pub use register::{Registration, normalize_email};

#[derive(Debug, Default)]
pub struct AccountsModule;

#[async_trait::async_trait]
impl Module for AccountsModule {
    fn id(&self) -> &'static str {
        "accounts"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/accounts.ftl")),
            ("nl", include_str!("../../../locales/nl/accounts.ftl")),
            ("fr", include_str!("../../../locales/fr/accounts.ftl")),
        ]
    }
}

impl ModuleGraphql for AccountsModule {
    type Query = graphql::AccountsQuery;
    type Mutation = graphql::AccountsMutation;
}

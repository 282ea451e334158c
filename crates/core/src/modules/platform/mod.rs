// SPDX-License-Identifier: AGPL-3.0-only
//! The platform module: core tables, the licence and feature switches, and their GraphQL.
use std::time::Duration;

use townhall_license::{Edition, LicenseStatus};

use crate::graphql::ModuleGraphql;
use crate::{BackgroundJob, FeatureDef, Module};

pub mod changes;
mod changes_graphql;
mod dashboard_graphql;
mod graphql;

/// The GraphQL explorer at `GET /graphql`; administrators may switch it off on public sites.
pub const GRAPHQL_EXPLORER: &str = "graphql_explorer";

#[derive(Debug, Default)]
pub struct PlatformModule;

#[async_trait::async_trait]
impl Module for PlatformModule {
    fn id(&self) -> &'static str {
        "platform"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(GRAPHQL_EXPLORER, Edition::Core, "The GraphQL explorer page at /graphql")]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/core.ftl")),
            ("nl", include_str!("../../../locales/nl/core.ftl")),
            ("fr", include_str!("../../../locales/fr/core.ftl")),
            ("en", include_str!("../../../locales/en/open_data.ftl")),
            ("nl", include_str!("../../../locales/nl/open_data.ftl")),
            ("fr", include_str!("../../../locales/fr/open_data.ftl")),
        ]
    }

    fn jobs(&self) -> Vec<BackgroundJob> {
        // The change feed keeps its rows for the retention (decision 0026), pruned daily.
        let prune = BackgroundJob::new("changes_prune", Duration::from_secs(24 * 3600), |platform| async move {
            platform.prune_changes(chrono::Utc::now()).await.map(drop).map_err(|e| e.to_string())
        });
        // Re-checks the licence daily: a valid key turns to grace, then expired, while the
        // server runs. During grace the warning is logged each day.
        vec![
            prune,
            BackgroundJob::new("licence_check", Duration::from_secs(24 * 3600), |platform| async move {
                let license = platform.recheck_license();
                if license.status == LicenseStatus::Grace {
                    tracing::warn!("{}", crate::license::describe(&license));
                }
                Ok(())
            }),
        ]
    }
}

impl ModuleGraphql for PlatformModule {
    type Query = graphql::PlatformQuery;
    type Mutation = graphql::PlatformMutation;
}

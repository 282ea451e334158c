// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Webhooks (Premium): administrators register HTTPS endpoints for platform events (an idea
//! published, its status changed, a comment posted, a phase started, a basket submitted);
//! each event is delivered as a signed JSON body from a durable queue, retried with back-off,
//! and listed with its outcome on the endpoint's page. Administrators can send a test event,
//! send a past delivery again and rotate the secret with a grace period (docs/webhooks.md).
use std::time::Duration;

use async_graphql::MergedObject;
use townhall_core::db::WriteTxn;
use townhall_core::events::PlatformEvent;
use townhall_core::graphql::ModuleGraphql;
use townhall_core::modules::notifications::worker_id;
use townhall_core::{AdminLink, BackgroundJob, CoreResult, Edition, FeatureDef, Module, Platform, async_trait};

pub mod delivery;
mod graphql;
pub(crate) mod migration;
pub mod model;
mod pages;
pub mod service;
pub mod targets;

pub const FEATURE: &str = "webhooks";
/// The background job that delivers.
pub const JOB: &str = "webhook_deliveries";

#[derive(Debug, Default)]
pub struct Webhooks;

#[async_trait]
impl Module for Webhooks {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Premium
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Premium, "Signed webhooks")]
    }

    fn routes(&self) -> Option<townhall_core::axum::Router<Platform>> {
        Some(townhall_core::features::gated(pages::routes(), FEATURE))
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("webhooks/list.html", include_str!("../../templates/webhooks/list.html")),
            ("webhooks/detail.html", include_str!("../../templates/webhooks/detail.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../locales/en/webhooks.ftl")),
            ("nl", include_str!("../../locales/nl/webhooks.ftl")),
            ("fr", include_str!("../../locales/fr/webhooks.ftl")),
        ]
    }

    fn admin_links(&self) -> Vec<AdminLink> {
        vec![AdminLink { section: "webhooks", href: "/admin/webhooks", feature: FEATURE }]
    }

    fn jobs(&self) -> Vec<BackgroundJob> {
        vec![BackgroundJob::new(JOB, Duration::from_secs(5), |platform| async move {
            // A full batch means more may wait: keep going until the queue is drained.
            loop {
                let done = delivery::deliver_due(&platform, worker_id()).await.map_err(|e| e.to_string())?;
                if (done as i64) < delivery::BATCH {
                    return Ok(());
                }
            }
        })]
    }

    async fn on_event(&self, platform: &Platform, txn: &WriteTxn, event: &PlatformEvent) -> CoreResult<()> {
        delivery::enqueue(platform, txn, event).await
    }
}

#[derive(MergedObject, Default)]
pub struct WebhooksQuery(graphql::HooksQuery);

#[derive(MergedObject, Default)]
pub struct WebhooksMutation(graphql::HooksMutation);

impl ModuleGraphql for Webhooks {
    type Query = WebhooksQuery;
    type Mutation = WebhooksMutation;
}

// SPDX-License-Identifier: AGPL-3.0-only
//! What happened on the platform, for the modules that tell other systems (Premium's
//! webhooks). Core publishes an event inside the transaction of the change it is about, so a
//! module that stores it (an outbox row) stores it exactly when the change commits.
use serde_json::Value;

use crate::db::WriteTxn;
use crate::{CoreResult, Platform};

/// The kinds of event, as integrations subscribe to them.
pub const KINDS: [&str; 5] =
    ["idea.published", "idea.status_changed", "comment.posted", "phase.started", "basket.submitted"];

/// One event: its kind (one of [`KINDS`]) and what it is about. The data holds what anyone
/// who can see the platform could see: ids, titles, addresses, never a voter.
#[derive(Debug, Clone, PartialEq)]
pub struct PlatformEvent {
    pub kind: &'static str,
    pub data: Value,
}

impl Platform {
    /// Hands `event` to every module, inside `txn`.
    pub(crate) async fn publish(&self, txn: &WriteTxn, event: PlatformEvent) -> CoreResult<()> {
        debug_assert!(KINDS.contains(&event.kind), "unknown event kind {}", event.kind);
        for module in self.registry().modules() {
            module.on_event(self, txn, &event).await?;
        }
        Ok(())
    }

    /// The public address of a local path (`/ideas/12`).
    pub(crate) fn public_url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::sync::{Arc, Mutex};

    use crate::db::WriteTxn;
    use townhall_license::Edition;

    use super::PlatformEvent;
    use crate::modules::ideas::tests::resident;
    use crate::testing::platform;
    use crate::{CoreResult, Module, Platform};

    /// A module that keeps every event it is told of.
    #[derive(Default)]
    struct Recorder(Arc<Mutex<Vec<PlatformEvent>>>);

    #[async_trait::async_trait]
    impl Module for Recorder {
        fn id(&self) -> &'static str {
            "recorder"
        }

        fn edition(&self) -> Edition {
            Edition::Core
        }

        async fn on_event(&self, _: &Platform, _: &WriteTxn, event: &PlatformEvent) -> CoreResult<()> {
            self.0.lock().unwrap().push(event.clone());
            Ok(())
        }
    }

    #[tokio::test]
    async fn each_kind_of_event_reaches_the_modules_once_without_voters() {
        let recorder = Arc::new(Mutex::new(Vec::new()));
        let (p, _dir) = platform(Edition::Core, vec![Arc::new(Recorder(recorder.clone()))]).await;
        let (budget, ideas) = crate::modules::voting::tests::budgeting(&p).await;
        let ben = resident(&p, "ben@example.org").await;
        p.add_to_basket(&ben, budget, ideas[0], 1).await.unwrap();
        p.add_to_basket(&ben, budget, ideas[2], 1).await.unwrap();
        p.submit_basket(&ben, budget).await.unwrap();
        let statuses = p.idea_statuses().await.unwrap();
        let accepted = statuses.iter().find(|s| s.code == "accepted").unwrap().id;
        p.set_idea_status(&crate::Actor::Operator, ideas[1], accepted, None).await.unwrap();
        let now = chrono::Utc::now();
        p.run_scheduler(now).await.unwrap();
        p.run_scheduler(now).await.unwrap();

        let heard = recorder.lock().unwrap().clone();
        let kinds: Vec<&str> = heard.iter().map(|e| e.kind).collect();
        assert_eq!(kinds.iter().filter(|k| **k == "idea.published").count(), 3, "{kinds:?}");
        let once = |kind: &str| heard.iter().filter(|e| e.kind == kind).cloned().collect::<Vec<_>>();
        let submitted = once("basket.submitted");
        assert_eq!(submitted.len(), 1);
        assert_eq!(
            submitted[0].data,
            serde_json::json!({ "phase_id": budget, "project_id": submitted[0].data["project_id"], "seq": 1 })
        );
        let changed = once("idea.status_changed");
        assert_eq!(
            (changed[0].data["from"].as_str(), changed[0].data["to"].as_str()),
            (Some("proposed"), Some("accepted"))
        );
        assert_eq!(changed[0].data["url"], format!("http://localhost:3000/ideas/{}", ideas[1]));
        // The vote started within the catch-up window (the ideation before it did not): it is
        // told once over two runs.
        assert_eq!(once("phase.started").len(), 1, "{kinds:?}");
        assert_eq!(once("phase.started")[0].data["id"], budget);

        // A comment refused publishes nothing; one posted publishes its event.
        assert!(p.post_comment(&ben, ideas[0], None, "Yes").await.is_err(), "commenting closed");
        let open = crate::modules::ideas::tests::ideation(&p).await;
        let idea = p.post_idea(&ben, open, crate::modules::ideas::tests::text("Shade", "Trees")).await.unwrap();
        let comment = p.post_comment(&ben, idea.id, None, "Yes").await.unwrap();
        let heard = recorder.lock().unwrap().clone();
        let posted: Vec<_> = heard.iter().filter(|e| e.kind == "comment.posted").collect();
        assert_eq!(posted.len(), 1);
        assert_eq!(posted[0].data["id"], comment.id);
        assert_eq!(posted[0].data["idea_id"], idea.id);
    }
}

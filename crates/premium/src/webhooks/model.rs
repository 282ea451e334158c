// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The webhook tables.

pub mod webhook {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhooks")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub url: String,
        pub description: String,
        /// JSON array of event kinds.
        pub events: String,
        pub secret: String,
        pub active: bool,
        pub created_by: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
        /// The secret before the last rotation, which still signs until
        /// `previous_secret_expires_at`.
        pub previous_secret: Option<String>,
        pub previous_secret_expires_at: Option<ChronoDateTimeUtc>,
    }

    impl Model {
        pub fn event_list(&self) -> Vec<String> {
            serde_json::from_str(&self.events).unwrap_or_default()
        }

        /// The secrets that sign a delivery sent at `now`: the current one, then the previous
        /// one while its grace period lasts.
        pub fn signing_secrets(&self, now: ChronoDateTimeUtc) -> Vec<&str> {
            let previous = self.previous_secret.as_deref().filter(|_| self.in_grace(now));
            std::iter::once(self.secret.as_str()).chain(previous).collect()
        }

        /// Whether the previous secret still signs at `now`.
        pub fn in_grace(&self, now: ChronoDateTimeUtc) -> bool {
            self.previous_secret.is_some() && self.previous_secret_expires_at.is_some_and(|until| until > now)
        }
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod delivery {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "webhook_deliveries")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub webhook_id: i32,
        pub event: String,
        /// The body as sent, byte for byte (the signature covers it).
        pub payload: String,
        pub status: String,
        pub attempts: i32,
        pub next_attempt_at: ChronoDateTimeUtc,
        pub claimed_by: Option<String>,
        pub claimed_until: Option<ChronoDateTimeUtc>,
        pub last_status_code: Option<i32>,
        pub last_error: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub delivered_at: Option<ChronoDateTimeUtc>,
        /// The delivery this one sends again (a redelivery), if any.
        pub redelivery_of: Option<i32>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

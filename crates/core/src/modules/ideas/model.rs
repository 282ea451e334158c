// SPDX-License-Identifier: AGPL-3.0-only
//! The ideas tables.

pub mod idea {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "ideas")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub project_id: i32,
        pub phase_id: i32,
        pub author_id: Option<i32>,
        pub title: String,
        pub body: String,
        pub status: String,
        pub reactions_up: i32,
        pub reactions_down: i32,
        pub comments_count: i32,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
        /// See `docs/algorithms.md`; recomputed whenever a counter changes.
        pub trending_score: f64,
        pub area_id: Option<i32>,
        pub location_lat: Option<f64>,
        pub location_lng: Option<f64>,
        pub location_address: Option<String>,
        /// Title and body folded for full-text search (`search.rs`).
        pub search_text: String,
        /// `None` while the idea is a draft that only its author and moderators see.
        pub published_at: Option<ChronoDateTimeUtc>,
        /// What it costs, for participatory budgeting (set by administrators).
        pub cost: Option<i64>,
        /// When a moderator hid the idea (None: shown), and why; its author sees the reason.
        pub hidden_at: Option<ChronoDateTimeUtc>,
        pub hidden_reason: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod reaction {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "reactions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub idea_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        /// `up` or `down`.
        pub mode: String,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod idea_topic {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idea_topics")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub idea_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub topic_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod comment {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "comments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub idea_id: i32,
        /// Set on replies; replies are one level deep.
        pub parent_id: Option<i32>,
        pub author_id: Option<i32>,
        pub body: String,
        /// `published`, `deleted` (by its author) or `removed` (by a moderator).
        pub state: String,
        pub removal_reason: Option<String>,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod idea_status {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idea_statuses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub code: String,
        /// Multilingual JSON object.
        pub title: String,
        pub color: String,
        pub position: i32,
        /// The core status this one counts as (`proposed`, `under_consideration`, `accepted`,
        /// `implemented` or `rejected`); a core status is its own category.
        pub category: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod official_feedback {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "official_feedback")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub idea_id: i32,
        /// Who wrote it (kept for the audit, never shown: feedback speaks for the organisation).
        pub author_id: Option<i32>,
        pub body: String,
        /// The status code the idea moved to with this feedback, if it moved.
        pub status: Option<String>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod follow {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "follows")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        /// `idea` or `project`.
        #[sea_orm(primary_key, auto_increment = false)]
        pub target_type: String,
        #[sea_orm(primary_key, auto_increment = false)]
        pub target_id: i32,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod idea_file {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "idea_files")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub idea_id: i32,
        /// `image` or `attachment`.
        pub kind: String,
        /// The storage key: `ideas/<idea>/<random>.<ext>`.
        #[sea_orm(unique)]
        pub key: String,
        /// The name shown and offered on download (cleaned).
        pub name: String,
        /// What the bytes were found to be.
        pub content_type: String,
        pub size: i64,
        pub width: Option<i32>,
        pub height: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The voting tables.

pub mod basket {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "baskets")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        pub user_id: i32,
        pub submitted_seq: Option<i32>,
        pub submitted_at: Option<ChronoDateTimeUtc>,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod basket_item {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "basket_items")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub basket_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub idea_id: i32,
        pub votes: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod vote_total {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "vote_totals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub phase_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub idea_id: i32,
        pub votes: i64,
        pub voters: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod ballot {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "ballot_chain")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub phase_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub seq: i32,
        pub prev_hash: String,
        pub voter: String,
        /// Canonical ballot text (`chain::ballot_text`).
        pub ballot: String,
        pub submitted_at: String,
        #[sea_orm(unique)]
        pub hash: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod phase_secret {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "phase_secrets")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub phase_id: i32,
        pub secret: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod seal {
    use sea_orm::entity::prelude::*;

    /// What a voting phase's chain held when the phase ended; written once, never changed.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "voting_seals")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub phase_id: i32,
        pub entries: i64,
        pub final_hash: String,
        pub sealed_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The reports table.

pub mod report {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "reports")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `idea` or `comment`.
        pub target_type: String,
        pub target_id: i32,
        pub project_id: i32,
        /// None once the reporter deleted their account.
        pub reporter_id: Option<i32>,
        /// `spam`, `inappropriate` or `other`.
        pub reason: String,
        pub text: String,
        /// `new` or `handled`.
        pub status: String,
        /// `hidden`, `dismissed`, `restored` or `blocked`.
        pub outcome: Option<String>,
        pub handled_by: Option<i32>,
        pub handled_at: Option<ChronoDateTimeUtc>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The API token tables.

pub mod token {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "api_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub name: String,
        /// `read_public`, `read` or `read_write`.
        pub scope: String,
        /// SHA-256 of the token, hex: the token itself is shown once and never stored.
        pub token_hash: String,
        pub created_at: ChronoDateTimeUtc,
        pub last_used_at: Option<ChronoDateTimeUtc>,
        pub revoked_at: Option<ChronoDateTimeUtc>,
        /// The administrator the token acts as; none once their account is deleted.
        pub created_by: Option<i32>,
        /// The token's first characters, to tell tokens apart.
        pub hint: String,
        pub requests_per_minute: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod token_use {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, serde::Serialize)]
    #[sea_orm(table_name = "api_token_uses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub token_id: i32,
        pub used_at: ChronoDateTimeUtc,
        /// The caller's address.
        pub client: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The user group tables.

pub mod group {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_groups")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// Multilingual JSON object: `{"en": "…", "nl": "…"}`.
        pub name: String,
        /// `manual`: administrators choose the members.
        pub kind: String,
        pub members_count: i32,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod member {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "user_group_members")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub group_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub added_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

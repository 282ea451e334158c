// SPDX-License-Identifier: AGPL-3.0-only
//! The volunteering tables.

pub mod cause {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "causes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        /// Multilingual JSON objects.
        pub title: String,
        pub description: String,
        pub position: i32,
        /// Residents who volunteer (kept in each change's transaction).
        pub volunteers: i32,
        /// The picture's file key (`causes/…`), if one was uploaded.
        pub image: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod volunteer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "volunteers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub cause_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub user_id: i32,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

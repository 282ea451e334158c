// SPDX-License-Identifier: AGPL-3.0-only
//! The poll tables.

pub mod question {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_questions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        /// Multilingual JSON object.
        pub title: String,
        /// `single` or `multiple`.
        pub kind: String,
        pub min_choices: i32,
        pub max_choices: i32,
        pub position: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod option {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_options")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub question_id: i32,
        /// Multilingual JSON object.
        pub title: String,
        pub position: i32,
        /// Responses that chose this option (kept in each response's transaction).
        pub votes: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_responses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        pub user_id: i32,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "poll_answers")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub response_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub option_id: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

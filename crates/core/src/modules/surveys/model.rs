// SPDX-License-Identifier: AGPL-3.0-only
//! The survey tables.

pub mod question {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_questions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        pub position: i32,
        /// One of `QuestionKind`'s names.
        pub kind: String,
        /// Multilingual JSON object.
        pub title: String,
        /// Multilingual JSON object, possibly empty.
        pub help: String,
        pub required: bool,
        /// The kind's settings (`QuestionConfig` as JSON).
        pub config: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod response {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_responses")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub phase_id: i32,
        /// None for an anonymous response, and once its author's account is deleted.
        pub user_id: Option<i32>,
        pub created_at: ChronoDateTimeUtc,
        /// Keyed hashes of the author's confirmed e-mail address and verified identity (see
        /// `surveys::respondents`).
        pub email_key: Option<String>,
        pub identity_key: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod answer {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "survey_answers")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub response_id: i32,
        pub question_id: i32,
        /// The matrix row; 0 for other kinds.
        pub row_index: i32,
        /// An option index, or a value on a scale.
        pub choice: Option<i32>,
        pub number: Option<f64>,
        /// Free text, or a date as YYYY-MM-DD.
        pub text: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

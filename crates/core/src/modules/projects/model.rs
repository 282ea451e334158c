// SPDX-License-Identifier: AGPL-3.0-only
//! The projects tables.

pub mod project {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "projects")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub slug: String,
        /// Multilingual JSON object: `{"en": "…", "nl": "…"}`.
        pub title: String,
        pub description: String,
        /// `draft`, `published` or `archived`.
        pub status: String,
        /// `public`, `admins` or `groups`.
        pub visibility: String,
        pub position: i32,
        pub created_at: ChronoDateTimeUtc,
        pub updated_at: ChronoDateTimeUtc,
        /// The storage key of the header picture.
        pub header_image: Option<String>,
        /// With `groups` visibility: the groups whose members see it (a JSON array of ids).
        pub visible_groups: String,
    }

    impl Model {
        pub fn visible_group_ids(&self) -> Vec<i32> {
            serde_json::from_str(&self.visible_groups).unwrap_or_default()
        }
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod phase {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "phases")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub project_id: i32,
        pub title: String,
        pub description: String,
        pub method: String,
        /// Method settings as a JSON object.
        pub settings: String,
        pub start_at: ChronoDateTimeUtc,
        pub end_at: Option<ChronoDateTimeUtc>,
        pub created_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod permission {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "phase_permissions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub phase_id: i32,
        #[sea_orm(primary_key, auto_increment = false)]
        pub action: String,
        pub permitted_by: String,
        /// With `groups`: the groups whose members may act (a JSON array of ids).
        pub group_ids: String,
    }

    impl Model {
        pub fn group_id_list(&self) -> Vec<i32> {
            serde_json::from_str(&self.group_ids).unwrap_or_default()
        }
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// The admin-managed lists projects and ideas are tagged with; both have the same shape.
macro_rules! taxonomy {
    ($module:ident, $table:literal) => {
        pub mod $module {
            use sea_orm::entity::prelude::*;

            #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
            #[sea_orm(table_name = $table)]
            pub struct Model {
                #[sea_orm(primary_key)]
                pub id: i32,
                /// Multilingual JSON object.
                pub title: String,
                pub position: i32,
                pub created_at: ChronoDateTimeUtc,
            }

            #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
            pub enum Relation {}

            impl ActiveModelBehavior for ActiveModel {}
        }
    };
}

taxonomy!(topic, "topics");
taxonomy!(area, "areas");

// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! The smart group table (the groups themselves are Standard's `user_groups` rows).

pub mod rule {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "smart_group_rules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub group_id: i32,
        /// `rules::Rules` as JSON.
        pub rules: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

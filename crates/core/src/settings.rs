// SPDX-License-Identifier: AGPL-3.0-only
//! Platform settings kept in the database (name now; logo, colours and languages with #3).
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::{CoreResult, Platform, db};

pub const DEFAULT_NAME: &str = "Townhall";

pub(crate) mod setting {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "platform_settings")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub key: String,
        pub value: String,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl Platform {
    /// The platform's public name.
    pub async fn name(&self) -> CoreResult<String> {
        let load = || async {
            Ok(setting::Entity::find_by_id("name".to_owned())
                .one(self.db())
                .await?
                .map(|s| s.value)
                .unwrap_or_else(|| DEFAULT_NAME.to_owned()))
        };
        Ok(self.reference().name.get_or_load(load).await?.as_ref().clone())
    }

    /// Renames the platform (administrators).
    pub async fn set_name(&self, actor: &crate::Actor, name: &str) -> CoreResult<()> {
        if !actor.is_admin() {
            return Err(crate::CoreError::Forbidden);
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(crate::CoreError::Field { field: "name", code: "platform_name_invalid" });
        }
        let txn = db::begin_write(self.db()).await?;
        setting::Entity::insert(setting::ActiveModel { key: Set("name".into()), value: Set(name.to_owned()) })
            .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
            .exec(&txn)
            .await?;
        let details = serde_json::json!({ "name": name });
        crate::modules::accounts::audit::record(&txn, actor, "settings.name", "platform", None, details).await?;
        txn.commit().await?;
        self.reference().name.forget();
        Ok(())
    }
}

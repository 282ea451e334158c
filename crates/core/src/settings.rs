// SPDX-License-Identifier: AGPL-3.0-only
//! Platform settings kept in the database (name now; logo, colours and languages with #3).
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};

use crate::{CoreResult, Platform, db};

pub const DEFAULT_NAME: &str = "Townhall";

/// The setting that keeps the public address the server last ran with.
const BASE_URL: &str = "base_url";

/// The public address a server last ran with, for commands that are not told it (`None` on a
/// new database, or one no server with a configured address has opened).
pub async fn stored_base_url(db: &sea_orm::DatabaseConnection) -> Option<String> {
    setting::Entity::find_by_id(BASE_URL.to_owned()).one(db).await.ok().flatten().map(|s| s.value)
}

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
    /// Keeps the platform's public address with its settings, so that the command line (a
    /// seed, an export, the setup link) uses it without being told again. The server calls it
    /// when its configuration names the address.
    pub async fn remember_base_url(&self) -> CoreResult<()> {
        if stored_base_url(self.db()).await.as_deref() == Some(self.base_url()) {
            return Ok(());
        }
        let txn = db::begin_write(self.db()).await?;
        setting::Entity::insert(setting::ActiveModel {
            key: Set(BASE_URL.into()),
            value: Set(self.base_url().to_owned()),
        })
        .on_conflict(OnConflict::column(setting::Column::Key).update_column(setting::Column::Value).to_owned())
        .exec(&txn)
        .await?;
        txn.commit().await?;
        Ok(())
    }

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

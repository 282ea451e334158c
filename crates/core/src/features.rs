// SPDX-License-Identifier: AGPL-3.0-only
//! Feature switches: a feature is active when it is allowed (its edition is compiled in and the
//! licence grants it) and enabled (an administrator switched it on; core features start on).
use std::collections::HashMap;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, EntityTrait};
use serde::Serialize;
use townhall_license::Edition;

use crate::modules::accounts::audit;
use crate::{Actor, CoreError, CoreResult, Platform, db};

/// One feature as the CLI, the API and the admin screens see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeatureState {
    pub id: String,
    pub edition: Edition,
    pub allowed: bool,
    pub enabled: bool,
    pub active: bool,
}

pub(crate) mod switch {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "feature_switches")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: String,
        pub enabled: bool,
        pub updated_at: ChronoDateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

impl Platform {
    /// Every compiled-in feature with its state, in registration order.
    pub async fn features(&self) -> CoreResult<Vec<FeatureState>> {
        let stored = self
            .reference()
            .feature_switches
            .get_or_load(|| async {
                let rows = switch::Entity::find().all(self.db()).await?;
                Ok(rows.into_iter().map(|m| (m.id, m.enabled)).collect::<HashMap<String, bool>>())
            })
            .await?;
        let license = self.license();
        Ok(self
            .registry()
            .features()
            .iter()
            .map(|f| {
                let allowed = license.grants(f.edition, f.id);
                let enabled = stored.get(f.id).copied().unwrap_or(f.enabled_by_default());
                FeatureState { id: f.id.to_owned(), edition: f.edition, allowed, enabled, active: allowed && enabled }
            })
            .collect())
    }

    pub async fn feature(&self, id: &str) -> CoreResult<FeatureState> {
        self.features().await?.into_iter().find(|f| f.id == id).ok_or_else(|| CoreError::UnknownFeature(id.to_owned()))
    }

    /// Whether `id` is active (false for an unknown feature or when the database cannot say).
    pub async fn is_active(&self, id: &str) -> bool {
        self.feature(id).await.is_ok_and(|f| f.active)
    }

    /// Ok when `id` is active; otherwise the reason, for the API and the UI.
    pub async fn require_active(&self, id: &str) -> CoreResult<()> {
        let state = self.feature(id).await?;
        if !state.allowed {
            return Err(CoreError::FeatureNotAllowed { id: state.id, edition: state.edition });
        }
        if !state.enabled {
            return Err(CoreError::FeatureDisabled(state.id));
        }
        Ok(())
    }

    /// Ok for an administrator while `id` is active: how a paid module's administrator-only
    /// services begin. Otherwise the licence's or the switch's reason, or who may not.
    pub async fn require_admin_of(&self, id: &str, actor: &Actor) -> CoreResult<()> {
        self.require_active(id).await?;
        if actor.is_admin() {
            Ok(())
        } else if actor.viewer().is_none() {
            Err(CoreError::NotSignedIn)
        } else {
            Err(CoreError::Forbidden)
        }
    }

    /// Switches a feature on or off (administrators). Switching on a feature the licence does
    /// not allow is refused.
    pub async fn set_feature_enabled(&self, actor: &Actor, id: &str, enabled: bool) -> CoreResult<FeatureState> {
        if !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        let state = self.feature(id).await?;
        if enabled && !state.allowed {
            return Err(CoreError::FeatureNotAllowed { id: state.id, edition: state.edition });
        }
        let txn = db::begin_write(self.db()).await?;
        let row = switch::ActiveModel { id: Set(id.to_owned()), enabled: Set(enabled), updated_at: Set(Utc::now()) };
        switch::Entity::insert(row)
            .on_conflict(
                OnConflict::column(switch::Column::Id)
                    .update_columns([switch::Column::Enabled, switch::Column::UpdatedAt])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        let action = if enabled { "feature.enable" } else { "feature.disable" };
        audit::record(&txn, actor, action, "feature", Some(id.to_owned()), serde_json::json!({})).await?;
        txn.commit().await?;
        self.reference().feature_switches.forget();
        tracing::info!(feature = id, enabled, "feature switched");
        self.feature(id).await
    }
}

/// Gates a module's routes behind `feature`: while the feature is not active they answer 403
/// with the reason ("requires the Premium licence", "switched off"). The platform comes from the
/// request's extensions, where the server puts the per-request platform context.
pub fn gated(router: Router<Platform>, feature: &'static str) -> Router<Platform> {
    router.route_layer(axum::middleware::from_fn(move |request: Request, next: Next| gate(feature, request, next)))
}

async fn gate(feature: &'static str, request: Request, next: Next) -> Response {
    let Some(platform) = request.extensions().get::<Platform>().cloned() else {
        tracing::error!(feature, "gated route reached without a platform context");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    match platform.require_active(feature).await {
        Ok(()) => next.run(request).await,
        Err(CoreError::Database(e)) => {
            tracing::error!(error = %e, "feature gate could not read the database");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        Err(e) => (StatusCode::FORBIDDEN, e.public_message()).into_response(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use std::sync::Arc;

    use townhall_license::{License, LicenseStatus, Plan};

    use super::*;

    crate::feature_module!(Folders, "test_folders", Edition::Standard, "test feature");

    async fn platform() -> Platform {
        // The temporary directory only holds mail, which these tests never send.
        let (p, dir) = crate::testing::platform(Edition::Standard, vec![Arc::new(Folders)]).await;
        std::mem::forget(dir);
        p
    }

    /// A licence of `plan` in the given state (the test platform's valid one, its status changed).
    fn license(status: LicenseStatus, plan: Plan) -> License {
        License { status, ..crate::testing::license(plan) }
    }

    #[tokio::test]
    async fn active_needs_allowed_and_enabled() {
        let p = platform().await;
        let f = p.feature("test_folders").await.unwrap();
        assert_eq!((f.allowed, f.enabled, f.active), (false, false, false));
        assert!(matches!(
            p.set_feature_enabled(&Actor::Operator, "test_folders", true).await,
            Err(CoreError::FeatureNotAllowed { .. })
        ));

        p.set_license(None, license(LicenseStatus::Valid, Plan::Standard));
        let f = p.set_feature_enabled(&Actor::Operator, "test_folders", true).await.unwrap();
        assert_eq!((f.allowed, f.enabled, f.active), (true, true, true));
        assert!(p.require_active("test_folders").await.is_ok());

        // The licence lapses: the switch stays on, the feature goes inactive with the reason.
        p.set_license(None, license(LicenseStatus::Expired, Plan::Standard));
        let f = p.feature("test_folders").await.unwrap();
        assert_eq!((f.allowed, f.enabled, f.active), (false, true, false));
        let err = p.require_active("test_folders").await.unwrap_err();
        assert_eq!(err.public_message(), "requires the Standard licence");

        p.set_license(None, license(LicenseStatus::Grace, Plan::Premium));
        p.set_feature_enabled(&Actor::Operator, "test_folders", false).await.unwrap();
        assert!(matches!(p.require_active("test_folders").await, Err(CoreError::FeatureDisabled(_))));
        assert!(matches!(p.require_active("nope").await, Err(CoreError::UnknownFeature(_))));
    }

    #[tokio::test]
    async fn core_features_start_enabled() {
        let p = platform().await;
        let f = p.feature(crate::modules::platform::GRAPHQL_EXPLORER).await.unwrap();
        assert!(f.active);
    }

    #[tokio::test]
    async fn gated_routes_answer_403_until_the_feature_is_active() {
        use axum::body::Body;
        use axum::http::Request;
        use tower::ServiceExt;

        let p = platform().await;
        let routes: Router<Platform> = Router::new().route("/folders", axum::routing::get(|| async { "folders" }));
        let app = gated(routes, "test_folders").with_state(p.clone()).layer(axum::Extension(p.clone()));
        let call = |app: Router| async move {
            let r = app.oneshot(Request::get("/folders").body(Body::empty()).unwrap()).await.unwrap();
            let status = r.status();
            let body = axum::body::to_bytes(r.into_body(), 1024).await.unwrap();
            (status, String::from_utf8_lossy(&body).into_owned())
        };
        let (status, body) = call(app.clone()).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body, "requires the Standard licence");

        p.set_license(None, license(LicenseStatus::Valid, Plan::Standard));
        p.set_feature_enabled(&Actor::Operator, "test_folders", true).await.unwrap();
        assert_eq!(call(app).await, (StatusCode::OK, "folders".to_owned()));
    }
}

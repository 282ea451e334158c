// SPDX-License-Identifier: AGPL-3.0-only
//! Signing in and out, and turning a session token back into an actor.
use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use super::model::user;
use super::password;
use crate::actor::ApiClient;
use crate::{Actor, CoreError, CoreResult, Platform, Viewer, db, throttle};

impl Platform {
    /// Checks the password and returns the viewer with a new session token. Failures count
    /// per account and client address together, and per client address: past a few, that
    /// client must wait longer each time, while the right password from a client that has not
    /// failed still gets through (nobody can keep an account's owner out by failing on
    /// purpose). Each attempt is counted before the password is checked, so parallel requests
    /// cannot slip past the limit.
    pub async fn sign_in(&self, email: &str, password: &str, client: &str) -> CoreResult<(Viewer, String)> {
        let email = email.trim().to_lowercase();
        let (pair_key, client_key) = (format!("signin\n{email}\n{client}"), format!("signin-client\n{client}"));
        let throttled =
            |wait: std::time::Duration| CoreError::Throttled { retry_after_secs: Ord::max(wait.as_secs(), 1) };
        // The client's own limit is checked, and counted on failure: reserving it too would
        // refuse a classroom signing in at once. Guesses at one account stay exactly bounded
        // by the reserved (account, client) key.
        self.throttle().check(&client_key, throttle::SIGN_IN_CLIENT).map_err(throttled)?;
        self.throttle().reserve(&pair_key, throttle::SIGN_IN).map_err(throttled)?;
        let found = user::Entity::find().filter(user::Column::Email.eq(email)).one(self.db()).await?;
        // An account without a password takes as long to refuse as one that does not exist.
        let has_password = found.as_ref().is_some_and(|u| password::is_set(&u.password_hash));
        let hash = found.as_ref().filter(|_| has_password).map_or(password::DUMMY_HASH, |u| u.password_hash.as_str());
        let matches = password::verify(password, hash).await;
        let Some(found) = found.filter(|_| matches && has_password) else {
            self.throttle().fail(&client_key, throttle::SIGN_IN_CLIENT);
            return Err(CoreError::InvalidCredentials);
        };
        self.throttle().clear(&pair_key);
        if found.is_blocked(Utc::now()) {
            return Err(CoreError::Blocked);
        }
        let viewer = self.viewer_of(&found).await?;
        // The right password, but passwords are switched off for such accounts (Standard's
        // sign-in providers): the owner signs in through a provider instead.
        if !self.password_sign_in().await?.allows(!viewer.roles.is_empty()) {
            return Err(CoreError::Field { field: "password", code: "password_sign_in_off" });
        }
        let token = self.sessions().issue(found.id, found.session_version);
        Ok((viewer, token))
    }

    /// A session for `user_id`, whom another service authenticated (a sign-in provider of
    /// Standard); a blocked account is refused.
    pub async fn sign_in_authenticated(&self, user_id: i32) -> CoreResult<(Viewer, String)> {
        let found = user::Entity::find_by_id(user_id).one(self.db()).await?.ok_or(CoreError::InvalidCredentials)?;
        if found.is_blocked(Utc::now()) {
            return Err(CoreError::Blocked);
        }
        let viewer = self.viewer_of(&found).await?;
        let token = self.sessions().issue(found.id, found.session_version);
        Ok((viewer, token))
    }

    /// The actor a session token stands for, and a renewed token when the old one is half spent.
    /// `None` when the token is bad, expired, revoked, or its user is gone or blocked.
    pub async fn actor_for_token(&self, token: &str) -> CoreResult<Option<(Actor, Option<String>)>> {
        let Some(claims) = self.sessions().verify(token) else { return Ok(None) };
        let Some((found, roles, revoked)) = self.user_with_roles(claims.sub, &claims.sid).await? else {
            return Ok(None);
        };
        if revoked || found.session_version != claims.ver || found.is_blocked(Utc::now()) {
            return Ok(None);
        }
        let renewed = claims.wants_renewal().then(|| self.sessions().renew(&claims, found.session_version));
        let mut viewer = self.viewer_with_roles(&found, roles).await?;
        viewer.session_id = Some(claims.sid).filter(|sid| !sid.is_empty());
        Ok(Some((Actor::User(viewer), renewed)))
    }

    /// The actor an API token stands for (Premium's `api_tokens`, asked through the modules),
    /// with what the token may do. `None` when no module knows the token, or its account is
    /// gone or blocked.
    pub async fn actor_for_api_token(&self, token: &str, client: &str) -> CoreResult<Option<(Actor, ApiClient)>> {
        for module in self.registry().modules() {
            let Some(api) = module.authenticate_api_token(self, token, client).await? else { continue };
            let Some(found) = user::Entity::find_by_id(api.user_id).one(self.db()).await? else { return Ok(None) };
            if found.is_blocked(Utc::now()) {
                return Ok(None);
            }
            return Ok(Some((Actor::User(self.viewer_of(&found).await?), api)));
        }
        Ok(None)
    }

    /// Ends the session the actor's request came with, on the server: its token (and every
    /// renewal of it) stops working at once, while the user's other sessions go on. A token
    /// made before sessions had ids cannot be told apart, so every session of the user ends.
    pub async fn sign_out(&self, actor: &Actor) -> CoreResult<()> {
        let Some(viewer) = actor.viewer() else { return Ok(()) };
        let Some(sid) = viewer.session_id.clone() else { return self.bump_session_version(viewer.id).await };
        let now = Utc::now();
        // Every token of the session has expired by then: a renewal needs a valid token.
        let expires = now + chrono::Duration::hours(crate::sessions::SESSION_HOURS);
        let backend = self.db().get_database_backend();
        let txn = db::begin_write(self.db()).await?;
        let statements = [
            db::statement(backend, "DELETE FROM revoked_sessions WHERE expires_at < ?", vec![now.into()]),
            db::statement(
                backend,
                "INSERT INTO revoked_sessions (sid, expires_at) VALUES (?, ?) ON CONFLICT (sid) DO NOTHING",
                vec![sid.into(), expires.into()],
            ),
        ];
        txn.commit_with(statements.into()).await?;
        Ok(())
    }

    /// Revokes every session of the actor (all devices).
    pub async fn sign_out_everywhere(&self, actor: &Actor) -> CoreResult<()> {
        let id = actor.user_id().ok_or(CoreError::NotSignedIn)?;
        self.bump_session_version(id).await
    }

    pub(crate) async fn bump_session_version(&self, user_id: i32) -> CoreResult<()> {
        let txn = db::begin_write(self.db()).await?;
        user::Entity::update_many()
            .col_expr(user::Column::SessionVersion, Expr::col(user::Column::SessionVersion).add(1))
            .filter(user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    pub(crate) async fn viewer_of(&self, found: &user::Model) -> CoreResult<Viewer> {
        // The roles as `user_with_roles` spells them, so they are spelt in one place.
        let roles = self.user_with_roles(found.id, "").await?.map(|(_, roles, _)| roles).unwrap_or_default();
        self.viewer_with_roles(found, roles).await
    }

    /// A user, their roles (`role` or `role:scope`) and whether the session `sid` was ended, in
    /// one statement: every signed-in request asks for all three.
    async fn user_with_roles(&self, id: i32, sid: &str) -> CoreResult<Option<(user::Model, Vec<String>, bool)>> {
        use sea_orm::{ConnectionTrait, FromQueryResult};
        let backend = self.db().get_database_backend();
        let joined =
            if backend == sea_orm::DbBackend::Postgres { "string_agg(r, ',')" } else { "group_concat(r, ',')" };
        let sql = format!(
            "SELECT users.*, (SELECT {joined} FROM (SELECT CASE WHEN scope = '' THEN role ELSE role || ':' || scope END \
             AS r FROM user_roles WHERE user_id = users.id) AS granted) AS granted_roles, \
             (SELECT COUNT(*) FROM revoked_sessions WHERE sid = ?) AS revoked FROM users WHERE id = ?"
        );
        let Some(row) = self.db().query_one_raw(db::statement(backend, &sql, vec![sid.into(), id.into()])).await?
        else {
            return Ok(None);
        };
        let found = user::Model::from_query_result(&row, "")?;
        let roles: Option<String> = row.try_get("", "granted_roles")?;
        let revoked: i64 = row.try_get("", "revoked")?;
        let roles = roles.map(|r| r.split(',').map(str::to_owned).collect()).unwrap_or_default();
        Ok(Some((found, roles, revoked > 0)))
    }

    async fn viewer_with_roles(&self, found: &user::Model, mut roles: Vec<String>) -> CoreResult<Viewer> {
        let facts = self.viewer_facts(found.id).await?;
        for granted in facts.roles {
            if !roles.contains(&granted) {
                roles.push(granted);
            }
        }
        Ok(Viewer {
            id: found.id,
            email: found.email.clone(),
            display_name: found.display_name.clone(),
            locale: found.locale.clone(),
            roles,
            email_confirmed: found.email_confirmed_at.is_some(),
            session_version: found.session_version,
            groups: facts.groups,
            verified: facts.verified,
            identity: facts.identity,
            registration_incomplete: facts.registration_incomplete,
            session_id: None,
        })
    }
}

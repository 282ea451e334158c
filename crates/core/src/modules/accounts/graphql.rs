// SPDX-License-Identifier: AGPL-3.0-only
//! Accounts in GraphQL. Resolvers parse, call one service and shape the answer.
use std::collections::BTreeMap;

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use chrono::{DateTime, Utc};

use super::audit::AuditEntry;
use super::model::user;
use super::{Block, ProfileUpdate, Registration};
use crate::actor::ClientAddr;
use crate::graphql::{Counted, Page, actor, id_cursor, page_size, paged, paged_with_count, platform, to_gql};
use crate::sessions::{clear_cookie, cookie};
use crate::{CoreError, Erasure, Viewer};

fn parse_id(id: &ID) -> async_graphql::Result<i32> {
    id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound("user")))
}

fn client(ctx: &Context<'_>) -> String {
    ctx.data_opt::<ClientAddr>().map(|c| c.0.clone()).unwrap_or_default()
}

/// The signed-in user.
#[derive(SimpleObject)]
#[graphql(name = "Viewer")]
pub struct ViewerInfo {
    id: ID,
    email: String,
    display_name: String,
    locale: String,
    roles: Vec<String>,
    email_confirmed: bool,
    /// Whether a verification method confirmed their identity (Premium).
    verified: bool,
    /// The user groups they belong to (Standard and Premium).
    group_ids: Vec<ID>,
    /// A required registration question is unanswered: they answer it before taking part.
    registration_incomplete: bool,
}

/// A question of the sign-up form (Standard's registration fields).
#[derive(SimpleObject)]
pub struct RegistrationQuestion {
    /// The key of its answer in `RegisterInput.answers`.
    name: String,
    label: String,
    /// `text`, `number`, `select`, `multiselect`, `checkbox` or `date`.
    kind: String,
    required: bool,
    options: Vec<RegistrationOption>,
}

#[derive(SimpleObject)]
pub struct RegistrationOption {
    value: String,
    label: String,
}

impl From<&Viewer> for ViewerInfo {
    fn from(v: &Viewer) -> Self {
        Self {
            id: ID(v.id.to_string()),
            email: v.email.clone(),
            display_name: v.display_name.clone(),
            locale: v.locale.clone(),
            roles: v.roles.clone(),
            email_confirmed: v.email_confirmed,
            verified: v.verified,
            group_ids: v.groups.iter().map(|g| ID(g.to_string())).collect(),
            registration_incomplete: v.registration_incomplete,
        }
    }
}

#[derive(SimpleObject)]
pub struct LoginResult {
    /// For `Authorization: Bearer …`; browsers get the same session as a cookie.
    token: String,
    viewer: ViewerInfo,
}

#[derive(InputObject)]
pub struct RegisterInput {
    email: String,
    password: String,
    display_name: String,
    locale: String,
    /// Answers to the registration questions (`registrationQuestions`), by name: a string, or
    /// a list of strings for a multiple choice.
    answers: Option<async_graphql::Json<BTreeMap<String, serde_json::Value>>>,
}

/// A user's public profile. `email` only for the user themself and administrators.
pub struct PublicUser {
    model: user::Model,
    show_email: bool,
}

#[Object(name = "User")]
impl PublicUser {
    async fn id(&self) -> ID {
        ID(self.model.id.to_string())
    }

    async fn display_name(&self) -> &str {
        &self.model.display_name
    }

    async fn first_name(&self) -> Option<&str> {
        self.model.first_name.as_deref()
    }

    async fn last_name(&self) -> Option<&str> {
        self.model.last_name.as_deref()
    }

    async fn bio(&self) -> Option<&str> {
        self.model.bio.as_deref()
    }

    async fn email(&self) -> Option<&str> {
        self.show_email.then_some(self.model.email.as_str())
    }

    /// A 256×256 JPEG, or null.
    async fn avatar_url(&self) -> Option<String> {
        self.model.avatar.as_ref().map(|key| format!("/files/{key}"))
    }
}

#[derive(InputObject)]
pub struct ProfileInput {
    display_name: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    bio: Option<String>,
    locale: Option<String>,
}

/// A user as administrators see it.
#[derive(SimpleObject)]
pub struct AdminUser {
    id: ID,
    email: String,
    display_name: String,
    locale: String,
    email_confirmed: bool,
    is_admin: bool,
    blocked: bool,
    blocked_reason: Option<String>,
    blocked_until: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl AdminUser {
    fn new(u: user::Model, is_admin: bool) -> Self {
        Self {
            id: ID(u.id.to_string()),
            blocked: u.is_blocked(Utc::now()),
            email: u.email,
            display_name: u.display_name,
            locale: u.locale,
            email_confirmed: u.email_confirmed_at.is_some(),
            is_admin,
            blocked_reason: u.blocked_reason,
            blocked_until: u.blocked_until,
            created_at: u.created_at,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "AuditEntry")]
pub struct AuditEntryInfo {
    id: ID,
    actor_id: Option<ID>,
    actor_label: String,
    action: String,
    target_type: String,
    target_id: Option<String>,
    /// JSON text.
    details: String,
    created_at: DateTime<Utc>,
}

impl From<AuditEntry> for AuditEntryInfo {
    fn from(e: AuditEntry) -> Self {
        Self {
            id: ID(e.id.to_string()),
            actor_id: e.actor_id.map(|a| ID(a.to_string())),
            actor_label: e.actor_label,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            details: e.details,
            created_at: e.created_at,
        }
    }
}

#[derive(Default)]
pub struct AccountsQuery;

#[Object]
impl AccountsQuery {
    /// The signed-in user, or null.
    /// The questions of the sign-up form besides core's, in `locale` (Standard's registration
    /// fields; none in the core edition).
    async fn registration_questions(
        &self,
        ctx: &Context<'_>,
        locale: Option<String>,
    ) -> async_graphql::Result<Vec<RegistrationQuestion>> {
        let locale = locale.unwrap_or_else(|| "en".into());
        let questions = platform(ctx)?.registration_questions(&locale).await.map_err(to_gql)?;
        Ok(questions
            .into_iter()
            .map(|q| RegistrationQuestion {
                name: q.name,
                label: q.label,
                kind: q.kind.to_owned(),
                required: q.required,
                options: q.options.into_iter().map(|o| RegistrationOption { value: o.value, label: o.label }).collect(),
            })
            .collect())
    }

    async fn viewer(&self, ctx: &Context<'_>) -> Option<ViewerInfo> {
        actor(ctx).viewer().map(ViewerInfo::from)
    }

    /// A user's public profile.
    async fn user(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<PublicUser>> {
        let id = parse_id(&id)?;
        let me = actor(ctx);
        let found = platform(ctx)?.user_by_id(id).await.map_err(to_gql)?;
        Ok(found.map(|model| PublicUser { show_email: me.is_admin() || me.user_id() == Some(model.id), model }))
    }

    /// Users for administrators, searched by e-mail or name.
    async fn users(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        #[graphql(default = 25, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<AdminUser, Counted>> {
        let first = page_size(first)?;
        let page = platform(ctx)?
            .users(actor(ctx), search.as_deref(), first, id_cursor(after.as_deref())?)
            .await
            .map_err(to_gql)?;
        let rows = page.users.into_iter().map(|(u, admin)| (u.id.to_string(), AdminUser::new(u, admin)));
        Ok(paged_with_count(rows, page.next.is_some(), page.total))
    }

    /// The audit log for administrators, newest first.
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 50, desc = "1 to 100.")] first: i64,
        after: Option<String>,
    ) -> async_graphql::Result<Page<AuditEntryInfo>> {
        let first = page_size(first)?;
        let page = platform(ctx)?.audit_log(actor(ctx), first, id_cursor(after.as_deref())?).await.map_err(to_gql)?;
        let more = page.next.is_some();
        Ok(paged(page.entries.into_iter().map(|e| (e.id.to_string(), AuditEntryInfo::from(e))), more))
    }
}

#[derive(Default)]
pub struct AccountsMutation;

#[Object]
impl AccountsMutation {
    /// Creates an account and sends a confirmation link. The answer is `true` whether or not
    /// the address was already registered.
    async fn register(&self, ctx: &Context<'_>, input: RegisterInput) -> async_graphql::Result<bool> {
        let input = Registration {
            email: input.email,
            password: input.password,
            display_name: input.display_name,
            locale: input.locale,
            answers: crate::graphql::answers_of(input.answers.map(|a| a.0)),
        };
        platform(ctx)?.register_from(&client(ctx), input).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn confirm_email(&self, ctx: &Context<'_>, token: String) -> async_graphql::Result<bool> {
        platform(ctx)?.confirm_email(&token).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn resend_confirmation(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        platform(ctx)?.resend_confirmation(actor(ctx)).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Signs in: returns a token and sets the session cookie.
    async fn login(&self, ctx: &Context<'_>, email: String, password: String) -> async_graphql::Result<LoginResult> {
        let p = platform(ctx)?;
        let (viewer, token) = p.sign_in(&email, &password, &client(ctx)).await.map_err(to_gql)?;
        ctx.append_http_header("set-cookie", cookie(&token, p.is_https()));
        Ok(LoginResult { token, viewer: ViewerInfo::from(&viewer) })
    }

    /// Signs out: ends this session (its token stops working) and clears the cookie.
    async fn logout(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let p = platform(ctx)?;
        p.sign_out(actor(ctx)).await.map_err(to_gql)?;
        ctx.append_http_header("set-cookie", clear_cookie(p.is_https()));
        Ok(true)
    }

    /// Ends every session of the signed-in user, on every device.
    async fn logout_everywhere(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        let p = platform(ctx)?;
        p.sign_out_everywhere(actor(ctx)).await.map_err(to_gql)?;
        ctx.append_http_header("set-cookie", clear_cookie(p.is_https()));
        Ok(true)
    }

    /// Sends a reset link if the address has an account; always answers `true`.
    async fn request_password_reset(&self, ctx: &Context<'_>, email: String) -> async_graphql::Result<bool> {
        platform(ctx)?.request_password_reset(&email).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn reset_password(&self, ctx: &Context<'_>, token: String, password: String) -> async_graphql::Result<bool> {
        platform(ctx)?.reset_password(&token, &password).await.map_err(to_gql)?;
        Ok(true)
    }

    /// Changes the password; other sessions end, this one continues with the returned token.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> async_graphql::Result<String> {
        let p = platform(ctx)?;
        let token = p.change_password(actor(ctx), &current_password, &new_password).await.map_err(to_gql)?;
        ctx.append_http_header("set-cookie", cookie(&token, p.is_https()));
        Ok(token)
    }

    /// Edits the signed-in user's profile; omitted fields stay, empty texts clear optional ones.
    async fn update_profile(&self, ctx: &Context<'_>, input: ProfileInput) -> async_graphql::Result<ViewerInfo> {
        let update = ProfileUpdate {
            display_name: input.display_name,
            first_name: input.first_name,
            last_name: input.last_name,
            bio: input.bio,
            locale: input.locale,
        };
        let viewer = platform(ctx)?.update_profile(actor(ctx), update).await.map_err(to_gql)?;
        Ok(ViewerInfo::from(&viewer))
    }

    /// Everything stored about the signed-in user, as a JSON document.
    async fn export_my_data(&self, ctx: &Context<'_>) -> async_graphql::Result<async_graphql::Json<serde_json::Value>> {
        Ok(async_graphql::Json(platform(ctx)?.export_my_data(actor(ctx)).await.map_err(to_gql)?))
    }

    /// Deletes the signed-in user's account (password required). `content` chooses whether
    /// their contributions are deleted or kept without their name.
    async fn delete_my_account(
        &self,
        ctx: &Context<'_>,
        password: String,
        content: Erasure,
    ) -> async_graphql::Result<bool> {
        let p = platform(ctx)?;
        p.delete_my_account(actor(ctx), &password, content).await.map_err(to_gql)?;
        ctx.append_http_header("set-cookie", clear_cookie(p.is_https()));
        Ok(true)
    }

    /// Sends a confirmation link to `newEmail`; the address changes when it is followed.
    async fn change_email(
        &self,
        ctx: &Context<'_>,
        new_email: String,
        password: String,
    ) -> async_graphql::Result<bool> {
        platform(ctx)?.change_email(actor(ctx), &new_email, &password).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn block_user(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
        until: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<bool> {
        platform(ctx)?.block_user(actor(ctx), parse_id(&id)?, Block { reason, until }).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn unblock_user(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.unblock_user(actor(ctx), parse_id(&id)?).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn grant_admin(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.set_admin(actor(ctx), parse_id(&id)?, true).await.map_err(to_gql)?;
        Ok(true)
    }

    async fn revoke_admin(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<bool> {
        platform(ctx)?.set_admin(actor(ctx), parse_id(&id)?, false).await.map_err(to_gql)?;
        Ok(true)
    }
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The one extension point. Every capability — core's own participation methods as well as the
//! Standard and Premium modules — is a [`Module`] listed once in its edition's registry (see
//! [`crate::edition_modules!`]).
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use sea_orm::{DatabaseConnection, DbErr};
use townhall_license::Edition;

use crate::Platform;
use crate::actor::ViewerFacts;
use crate::db::WriteTxn;

/// A feature flag a module contributes. Core features are enabled by default; paid ones start
/// switched off until an administrator enables them (and only if the licence allows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureDef {
    pub id: &'static str,
    pub edition: Edition,
    /// One line for administrators, in English (the UI translates by id).
    pub summary: &'static str,
}

impl FeatureDef {
    pub const fn new(id: &'static str, edition: Edition, summary: &'static str) -> Self {
        Self { id, edition, summary }
    }

    pub fn enabled_by_default(&self) -> bool {
        self.edition == Edition::Core
    }
}

/// A job run's outcome; the error is logged.
pub type JobResult = Result<(), String>;
type JobFuture = Pin<Box<dyn Future<Output = JobResult> + Send>>;

/// A task the server runs every `every`, starting once at start-up.
#[derive(Clone)]
pub struct BackgroundJob {
    pub name: &'static str,
    pub every: Duration,
    pub run: Arc<dyn Fn(Platform) -> JobFuture + Send + Sync>,
}

impl std::fmt::Debug for BackgroundJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BackgroundJob").field("name", &self.name).field("every", &self.every).finish()
    }
}

impl BackgroundJob {
    pub fn new<F, Fut>(name: &'static str, every: Duration, run: F) -> Self
    where
        F: Fn(Platform) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = JobResult> + Send + 'static,
    {
        Self { name, every, run: Arc::new(move |p| Box::pin(run(p))) }
    }
}

/// What a module contributes. Only `id` and `edition` are required.
#[async_trait::async_trait]
pub trait Module: Send + Sync + 'static {
    /// A stable id, `snake_case`.
    fn id(&self) -> &'static str;

    fn edition(&self) -> Edition;

    fn features(&self) -> Vec<FeatureDef> {
        Vec::new()
    }

    /// Applies this module's migrations. The editions' modules leave this alone: their
    /// migrations are in their edition's list, which the edition's `Tables` module applies (see
    /// [`edition_modules!`]). A module outside the editions records its own in a table of its
    /// own (see [`crate::migrations::run`]), so a binary without it still opens a database
    /// that one with it has used.
    async fn migrate(&self, _db: &DatabaseConnection) -> Result<(), DbErr> {
        Ok(())
    }

    /// HTTP routes. The server mounts them as they are; a paid module gates them with
    /// [`crate::features::gate`].
    fn routes(&self) -> Option<Router<Platform>> {
        None
    }

    /// Routes that take files (a CSV to import): like [`Module::routes`], but with the body
    /// limit of uploads (30 MB) instead of 1 MB.
    fn upload_routes(&self) -> Option<Router<Platform>> {
        None
    }

    /// Cards the home page shows before the projects, each standing for some projects, which
    /// the home page then leaves out of its own list (Standard's folders).
    async fn home_groups(&self, _platform: &Platform, _locale: &str) -> crate::CoreResult<Vec<HomeGroup>> {
        Ok(Vec::new())
    }

    /// Who moderates `project_id` through this module besides its own moderators (a folder's
    /// moderators), read inside `txn` when they are to hear of something (a new idea).
    async fn project_moderators(
        &self,
        _platform: &Platform,
        _txn: &WriteTxn,
        _project_id: i32,
    ) -> crate::CoreResult<Vec<i32>> {
        Ok(Vec::new())
    }

    /// Questions the sign-up form asks besides core's (Standard's registration fields).
    async fn registration_questions(&self, _platform: &Platform, _locale: &str) -> crate::CoreResult<Vec<Question>> {
        Ok(Vec::new())
    }

    /// Checks the answers to this module's questions before anything is written; an error
    /// names the question (`field: "field_12"`).
    async fn check_registration(&self, _platform: &Platform, _answers: &Answers) -> crate::CoreResult<()> {
        Ok(())
    }

    /// Stores the answers of a new account, inside its creation's transaction.
    async fn save_registration(
        &self,
        _platform: &Platform,
        _txn: &WriteTxn,
        _user_id: i32,
        _answers: &Answers,
    ) -> crate::CoreResult<()> {
        Ok(())
    }

    /// Ways to sign in besides the password form (Standard's OpenID Connect providers), shown
    /// on the sign-in and sign-up pages; `next` is where the visitor goes afterwards. A module
    /// whose feature is not active offers nothing.
    async fn sign_in_options(&self, _platform: &Platform, _next: Option<&str>) -> crate::CoreResult<Vec<SignInOption>> {
        Ok(Vec::new())
    }

    /// Who may still sign in (and sign up) with a password; core allows everyone and takes the
    /// strictest answer of all modules.
    async fn password_sign_in(&self, _platform: &Platform) -> crate::CoreResult<PasswordSignIn> {
        Ok(PasswordSignIn::default())
    }

    /// Sections of the account page (`/account`) for a signed-in user: one of the module's
    /// templates with its data (linked sign-in providers).
    async fn account_sections(
        &self,
        _platform: &Platform,
        _viewer: &crate::Viewer,
        _locale: &str,
    ) -> crate::CoreResult<Vec<AccountSection>> {
        Ok(Vec::new())
    }

    /// Fluent resources as `(locale, source)` pairs.
    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }

    fn jobs(&self) -> Vec<BackgroundJob> {
        Vec::new()
    }

    /// Notices this module sends by the clock (an event tomorrow), from the notification
    /// scheduler's runs: each looks back to `since` so downtime loses nothing, and sends each
    /// notice once with `Platform::notify_once`. Notices of a phase belong to its method
    /// ([`crate::methods::ParticipationMethod::clock_notices`]). Answers how many went out.
    async fn clock_notices(
        &self,
        _platform: &Platform,
        _now: chrono::DateTime<chrono::Utc>,
        _since: chrono::DateTime<chrono::Utc>,
    ) -> crate::CoreResult<usize> {
        Ok(0)
    }

    /// The module's own check of its data for `townhall check` (voting recomputes its chains
    /// of ballots), beside the counters of `counter_checks`.
    async fn integrity_check(&self, _platform: &Platform) -> crate::CoreResult<Option<crate::integrity::ModuleCheck>> {
        Ok(None)
    }

    /// Participation methods a phase can use (information, ideation, voting, …): a
    /// [`crate::permissions::MethodDef`] for a method without pages of its own, or a
    /// [`crate::methods::ParticipationMethod`] that also draws its panels.
    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        Vec::new()
    }

    /// The kinds of rows this module exports (CSV, and the formats of the editions), for the
    /// back office's exports page and `townhall export`.
    fn exports(&self) -> Vec<Arc<dyn crate::exports::ExportSource>> {
        Vec::new()
    }

    /// The datasets of the open-data export holding this module's public data (its results,
    /// as totals only), for `/open-data` and `townhall open-data`.
    fn open_datasets(&self) -> Vec<crate::open_data::Dataset> {
        Vec::new()
    }

    /// What this module shows on a project's page whatever its phases (a project's events),
    /// after the phases' panels. The template reads `project` and `v.panel`.
    async fn project_panel(
        &self,
        _platform: &Platform,
        _actor: &crate::Actor,
        _project: &crate::modules::projects::model::project::Model,
        _locale: &'static str,
    ) -> crate::CoreResult<Option<crate::methods::Panel>> {
        Ok(None)
    }

    /// Its part of the project's page in the back office (planning an event). The template
    /// reads `project`, `error` (the page's refused form) and `v.panel`; a refused form of it
    /// answers [`crate::web::back_to_admin_project`].
    async fn admin_project_panel(
        &self,
        _platform: &Platform,
        _actor: &crate::Actor,
        _project: &crate::modules::projects::model::project::Model,
        _locale: &'static str,
    ) -> crate::CoreResult<Option<crate::methods::Panel>> {
        Ok(None)
    }

    /// What the dashboard counts of this module (a way of taking part, or signing up); the
    /// same declaration answers whether someone took part in a project (smart groups).
    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        Vec::new()
    }

    /// Counters this module keeps beside the rows they count, for `townhall check`.
    fn counter_checks(&self) -> Vec<crate::integrity::CounterCheck> {
        Vec::new()
    }

    /// What this module stores about a user, for "download my data" (GDPR art. 15 and 20).
    async fn export_personal_data(
        &self,
        _db: &DatabaseConnection,
        _user_id: i32,
    ) -> Result<Option<serde_json::Value>, DbErr> {
        Ok(None)
    }

    /// Templates of the module's pages as `(name, source)` pairs; names start with the module's
    /// id (`user_groups/admin.html`). They may extend the server's `base.html` or
    /// `admin/layout.html` and use its `t()` and `asset()`. Handlers answer with a
    /// [`crate::web::Page`] naming one of them.
    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        Vec::new()
    }

    /// Entries of the back office's navigation; each shows while its feature is active.
    fn admin_links(&self) -> Vec<AdminLink> {
        Vec::new()
    }

    /// Who a phase action can be permitted to besides core's values (`groups`, `verified`),
    /// each while the named feature is active.
    fn permission_levels(&self) -> Vec<(crate::permissions::PermittedBy, &'static str)> {
        Vec::new()
    }

    /// What the module knows about a signed-in user (groups, verification), read once per
    /// request that carries a session. A module whose feature is not active adds nothing.
    async fn viewer_facts(&self, _platform: &Platform, _user_id: i32) -> crate::CoreResult<ViewerFacts> {
        Ok(ViewerFacts::default())
    }

    /// The groups administrators can choose from when they restrict a project or a phase
    /// action, in `locale`.
    async fn group_choices(&self, _platform: &Platform, _locale: &str) -> crate::CoreResult<Vec<GroupChoice>> {
        Ok(Vec::new())
    }

    /// File formats for exports besides CSV (Standard's XLSX).
    fn export_formats(&self) -> Vec<Arc<dyn crate::exports::ExportFormat>> {
        Vec::new()
    }

    /// Whether `token`, sent as `Authorization: Bearer` to the GraphQL endpoint, is one of this
    /// module's API tokens (it is asked only when the token is no session). A token over its
    /// rate answers [`crate::CoreError::Throttled`]. `client` is the caller's address, for the
    /// token's log of use.
    async fn authenticate_api_token(
        &self,
        _platform: &Platform,
        _token: &str,
        _client: &str,
    ) -> crate::CoreResult<Option<crate::actor::ApiClient>> {
        Ok(None)
    }

    /// Something happened (see [`crate::events::KINDS`]); called inside the transaction of the
    /// change, which fails with an error returned here.
    async fn on_event(
        &self,
        _platform: &Platform,
        _txn: &WriteTxn,
        _event: &crate::events::PlatformEvent,
    ) -> crate::CoreResult<()> {
        Ok(())
    }

    /// Removes or anonymises what this module stores about a user who deletes their account,
    /// inside the deletion's transaction. Votes stay counted but stop pointing to the user.
    async fn erase_personal_data(&self, _txn: &WriteTxn, _user_id: i32, _mode: Erasure) -> Result<(), DbErr> {
        Ok(())
    }
}

/// An entry of the back office's navigation: `t('admin-section-<section>')` linking to `href`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdminLink {
    pub section: &'static str,
    pub href: &'static str,
    /// Shown only while this feature is active.
    pub feature: &'static str,
}

/// Answers to registration questions by question name; a multiple choice has several.
pub type Answers = std::collections::BTreeMap<String, Vec<String>>;

/// A question of the sign-up form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Question {
    /// The form field's name (`field_12`), also the key of its answers.
    pub name: String,
    pub label: String,
    /// `text`, `number`, `select`, `multiselect`, `checkbox` or `date`.
    pub kind: &'static str,
    pub required: bool,
    pub options: Vec<QuestionOption>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuestionOption {
    pub value: String,
    pub label: String,
}

/// A way to sign in that a module offers: a link (a GET, so that the redirect to another site
/// is no form submission, which the Content-Security-Policy's `form-action 'self'` would stop).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SignInOption {
    /// The button's text (a provider's name).
    pub label: String,
    pub href: String,
    /// The address of a small picture shown before the label, served by this platform.
    pub logo: Option<String>,
}

/// Who may sign in with a password. Staff are accounts with a role (administrators,
/// moderators); residents are everyone else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct PasswordSignIn {
    pub residents: bool,
    pub staff: bool,
}

impl Default for PasswordSignIn {
    fn default() -> Self {
        Self { residents: true, staff: true }
    }
}

impl PasswordSignIn {
    /// Whether an account with (`staff`) or without roles may use its password.
    pub fn allows(&self, staff: bool) -> bool {
        if staff { self.staff } else { self.residents }
    }
}

/// A section of the account page: the module's `template` rendered with `data` (the template
/// reads it as `section`).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AccountSection {
    pub template: &'static str,
    pub data: serde_json::Value,
}

/// A card of the home page that stands for several projects.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HomeGroup {
    pub title: String,
    pub excerpt: String,
    /// Its page.
    pub href: String,
    /// Its picture's address.
    pub image: Option<String>,
    pub project_ids: Vec<i32>,
}

/// A group an administrator can restrict a project or an action to.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GroupChoice {
    pub id: i32,
    pub name: String,
}

/// What happens to a deleted user's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, async_graphql::Enum)]
pub enum Erasure {
    /// Content is deleted with the account.
    Delete,
    /// Content stays, without the author's name.
    Anonymize,
}

/// Declares an edition's registry: one line per module. It generates `modules()` (the runtime
/// list) and the edition's merged GraphQL `Query` and `Mutation` roots from each module's
/// [`crate::graphql::ModuleGraphql`] types. The two names are the roots' type names in the
/// schema and must be unique across editions.
///
/// `tables:` names the edition's migrations (decision 0031): its modules' migrations form one
/// ordered list, because a later one may build on an earlier module's table, recorded in the
/// edition's own migration table. The macro turns it into a module of its own (`Tables`, with
/// the given id), registered before the edition's other modules, whose only job is to apply
/// that list. A module outside the editions brings its own table through [`Module::migrate`].
#[macro_export]
macro_rules! edition_modules {
    (
        query: $query:literal, mutation: $mutation:literal;
        tables: $tables:literal, $edition:expr, $migrator:ty;
        $($module:ty),+ $(,)?
    ) => {
        /// This edition's tables: its migrations, applied before its modules start.
        #[derive(Debug, Default)]
        pub struct Tables;

        #[$crate::async_trait]
        impl $crate::Module for Tables {
            fn id(&self) -> &'static str {
                $tables
            }

            fn edition(&self) -> $crate::Edition {
                $edition
            }

            async fn migrate(&self, db: &$crate::sea_orm::DatabaseConnection) -> Result<(), $crate::sea_orm::DbErr> {
                $crate::migrations::run::<$migrator>(db).await
            }
        }

        /// The modules of this edition, in registration order (its tables first).
        pub fn modules() -> ::std::vec::Vec<::std::sync::Arc<dyn $crate::Module>> {
            ::std::vec![
                ::std::sync::Arc::new(Tables) as ::std::sync::Arc<dyn $crate::Module>,
                $(::std::sync::Arc::new(<$module>::default()) as ::std::sync::Arc<dyn $crate::Module>),+
            ]
        }

        /// This edition's GraphQL queries.
        #[derive($crate::async_graphql::MergedObject, Default)]
        #[graphql(name = $query)]
        pub struct Query($(<$module as $crate::graphql::ModuleGraphql>::Query),+);

        /// This edition's GraphQL mutations.
        #[derive($crate::async_graphql::MergedObject, Default)]
        #[graphql(name = $mutation)]
        pub struct Mutation($(<$module as $crate::graphql::ModuleGraphql>::Mutation),+);
    };
}

/// A module that so far only declares its feature flag (its behaviour lands later). Expands to
/// the struct, its [`Module`] impl and an empty GraphQL contribution.
#[macro_export]
macro_rules! feature_module {
    ($(#[$meta:meta])* $name:ident, $id:literal, $edition:expr, $summary:literal) => {
        $(#[$meta])*
        #[derive(Debug, Default)]
        pub struct $name;

        #[$crate::async_trait]
        impl $crate::Module for $name {
            fn id(&self) -> &'static str {
                $id
            }

            fn edition(&self) -> $crate::Edition {
                $edition
            }

            fn features(&self) -> ::std::vec::Vec<$crate::FeatureDef> {
                ::std::vec![$crate::FeatureDef::new($id, $edition, $summary)]
            }
        }

        impl $crate::graphql::ModuleGraphql for $name {
            type Query = $crate::graphql::NoGraphql;
            type Mutation = $crate::graphql::NoGraphql;
        }
    };
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The axum router: pages, GraphQL, health checks, assets, module routes and the layers every
//! request goes through.
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::HeaderName;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Extension, Router};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use townhall_core::Platform;

use crate::graphql::TownhallSchema;
use crate::ui::Ui;

pub mod access_log;
mod account;
mod admin;
mod assets;
mod auth;
pub(crate) mod availability;
mod discussion;
mod forms;
mod graphql;
mod health;
mod idea_forms;
mod ideas;
mod metrics;
mod moderation;
mod notifications;
mod open_data;
mod page_render;
pub(crate) mod pages;
mod profile;
mod projects;
mod recovery;
mod request_id;
mod security;
mod session;

pub use assets::{ASSET_CACHE_SECONDS, status_rules};

/// Larger request bodies are refused with 413 (uploads will get their own, larger limit).
pub const BODY_LIMIT_BYTES: usize = 1024 * 1024;
/// The body limit of the modules' upload routes (a census list of about a million people).
pub const MODULE_UPLOAD_LIMIT_BYTES: usize = 30 * 1024 * 1024;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// What every handler can reach. Axum clones it for each handler and middleware of every
/// request, so it is one shared pointer: cloning its parts one by one cost a quarter of the
/// CPU of `/healthz` under load.
#[derive(Clone)]
pub struct AppState(Arc<AppParts>);

impl AppState {
    pub fn new(parts: AppParts) -> Self {
        Self(Arc::new(parts))
    }
}

impl std::ops::Deref for AppState {
    type Target = AppParts;
    fn deref(&self) -> &AppParts {
        &self.0
    }
}

/// The parts of [`AppState`].
pub struct AppParts {
    pub platform: Platform,
    /// Requests and their latency per route, for `/metrics`.
    pub metrics: Arc<metrics::Metrics>,
    pub schema: TownhallSchema,
    pub ui: Arc<Ui>,
    /// The SQLite file, when the database is one: readiness also checks it is still there.
    pub sqlite_file: Option<PathBuf>,
    /// Whether the database answers, as the monitor last saw it.
    pub availability: Arc<availability::Availability>,
    /// Whether each request is written to the access log (`access_log`).
    pub access_log: bool,
}

/// The server's own pages and forms (the back office's included), without their state.
fn own_routes() -> Router<AppState> {
    Router::new()
        .route("/", get(projects::home))
        .route("/projects/{slug}", get(projects::show))
        .route("/projects/{slug}/follow", post(projects::follow))
        .route("/open-data", get(open_data::page))
        .route("/open-data/{file}", get(open_data::download))
        .route("/ideas/{id}", get(ideas::show))
        .route("/ideas/{id}/react", post(ideas::react))
        .route("/ideas/{id}/follow", post(ideas::follow))
        .route("/ideas/{id}/report", post(moderation::report_idea))
        .route("/comments/{id}/report", post(moderation::report_comment))
        .route("/ideas/{id}/edit", get(idea_forms::edit_page))
        .route("/ideas/{id}/delete", post(idea_forms::delete))
        .route("/ideas/{id}/publish", post(idea_forms::publish))
        .route("/files/ideas/{idea}/{name}", get(ideas::file))
        .route("/ideas/{id}/comments", post(discussion::post))
        .route("/ideas/{id}/answer", post(discussion::answer))
        .route("/comments/{id}/edit", post(discussion::edit))
        .route("/comments/{id}/delete", post(discussion::delete))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read", post(notifications::mark_all_read))
        .route("/notifications/{id}", get(notifications::open))
        .route("/account/notifications", get(notifications::settings).post(notifications::save_settings))
        .route("/unsubscribe", get(notifications::unsubscribe_page).post(notifications::unsubscribe))
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::metrics))
        .route("/readyz", get(health::readyz))
        .route("/graphql", get(graphql::explorer).post(graphql::execute))
        .route("/graphql/schema.graphql", get(graphql::sdl))
        .route("/assets/{*path}", get(assets::serve))
        .route("/theme.css", get(assets::theme))
        .route("/sign-up", get(auth::sign_up_page).post(auth::sign_up))
        .route("/sign-in", get(auth::sign_in_page).post(auth::sign_in))
        .route("/sign-out", post(auth::sign_out))
        .route("/confirm-email", get(recovery::confirm_email))
        .route("/forgot-password", get(recovery::forgot_page).post(recovery::forgot))
        .route("/reset-password", get(recovery::reset_page).post(recovery::reset))
        .route("/setup", get(account::setup_page).post(account::setup))
        .route("/account", get(account::page))
        .route("/account/resend-confirmation", post(account::resend_confirmation))
        .route("/account/password", post(account::change_password))
        .route("/account/sign-out-everywhere", post(account::sign_out_everywhere))
        .route("/account/profile", post(profile::save))
        .route("/account/email", post(account::change_email))
        .route("/account/avatar/remove", post(profile::remove_avatar))
        .route("/account/data.json", get(profile::export))
        .route("/account/delete", post(profile::delete))
        .route("/account-deleted", get(profile::deleted))
        .route("/files/avatars/{name}", get(profile::avatar))
        .route("/files/logos/{name}", get(profile::logo))
        .route("/files/projects/{name}", get(profile::project_header))
        .merge(admin::routes())
}

/// The server's own routes that take files (an avatar, a logo, a project's picture).
fn own_upload_routes() -> Router<AppState> {
    Router::new().route("/account/avatar", post(profile::upload_avatar)).merge(admin::upload_routes())
}

/// The idea forms, which may carry several pictures and documents.
fn idea_upload_routes() -> Router<AppState> {
    Router::new().route("/phases/{id}/ideas", post(idea_forms::post)).route("/ideas/{id}/edit", post(idea_forms::edit))
}

/// Every path the server's own routers answer, read from the routers themselves (for the
/// authorisation sweep, which tries each back-office path by every role).
pub fn own_route_paths() -> Vec<String> {
    [format!("{:?}", own_routes()), format!("{:?}", own_upload_routes()), format!("{:?}", idea_upload_routes())]
        .iter()
        .flat_map(|debug| paths_in(debug))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// Every path a module's routers answer (`Module::routes`, `Module::upload_routes`).
pub fn module_route_paths(module: &dyn townhall_core::Module) -> Vec<String> {
    let routers = [module.routes(), module.upload_routes()];
    let paths: std::collections::BTreeSet<String> =
        routers.into_iter().flatten().flat_map(|r| paths_in(&format!("{r:?}"))).collect();
    paths.into_iter().collect()
}

/// The paths of a router's debug output. axum lists no routes, but its router's debug output
/// names each path after its route id (`RouteId(3): "/admin/users"`); the sweep's test fails
/// if this finds fewer paths than the server has.
fn paths_in(debug: &str) -> Vec<String> {
    debug
        .split("RouteId(")
        .skip(1)
        .filter_map(|rest| rest.split_once("): \"").map(|(_, after)| after))
        .filter_map(|after| after.split_once('"').map(|(path, _)| path.to_owned()))
        .filter(|path| path.starts_with('/'))
        .collect()
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let platform = state.platform.clone();
    let mut app = own_routes().fallback(pages::not_found).with_state(state.clone());
    let mut module_uploads = Router::new();
    for module in platform.registry().modules() {
        if let Some(routes) = module.routes() {
            app = app.merge(routes.with_state(platform.clone()));
        }
        if let Some(routes) = module.upload_routes() {
            module_uploads = module_uploads.merge(routes.with_state(platform.clone()));
        }
    }
    let module_uploads = module_uploads
        .layer(DefaultBodyLimit::max(MODULE_UPLOAD_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(MODULE_UPLOAD_LIMIT_BYTES));
    // Uploads get a larger body limit than everything else.
    let uploads = own_upload_routes()
        .layer(DefaultBodyLimit::max(profile::UPLOAD_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(profile::UPLOAD_LIMIT_BYTES))
        .with_state(state.clone());
    let idea_uploads = idea_upload_routes()
        .layer(DefaultBodyLimit::max(idea_forms::IDEA_UPLOAD_LIMIT_BYTES))
        .layer(RequestBodyLimitLayer::new(idea_forms::IDEA_UPLOAD_LIMIT_BYTES))
        .with_state(state.clone());
    let access_log = state.access_log;
    let app = app
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT_BYTES))
        .merge(uploads)
        .merge(idea_uploads)
        .merge(module_uploads)
        // Pages and failures that handlers answer with become HTML here.
        .layer(middleware::from_fn_with_state(state.clone(), page_render::render))
        .layer(middleware::from_fn_with_state(state.clone(), metrics::measure))
        .layer(middleware::from_fn_with_state(state.clone(), session::identify))
        .layer(middleware::from_fn_with_state(state.clone(), availability::guard))
        .layer(middleware::from_fn(crate::ui::locale::resolve))
        .layer(Extension(platform))
        .layer(compression())
        .layer(middleware::from_fn(security::headers))
        .layer(middleware::from_fn(log_slow))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), id)
        }));
    // Outside the request's span, so that each line carries its own fields and nothing else.
    let app = if access_log { app.layer(middleware::from_fn(access_log::log)) } else { app };
    app.layer(PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(SetRequestIdLayer::new(REQUEST_ID, request_id::Sequential::new()))
}

/// Brotli or gzip for text (pages, CSS, JS, JSON, CSV, the ballot file) when the client takes
/// it, at the fastest level: a page of 30 KB becomes about 6 KB for a fraction of a millisecond.
/// Pictures and workbooks are compressed already; small answers are not worth it.
fn compression() -> tower_http::compression::CompressionLayer<impl tower_http::compression::Predicate> {
    use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate, SizeAbove};
    let worth_it = DefaultPredicate::new()
        .and(SizeAbove::new(1024))
        .and(NotForContentType::const_new("application/vnd.openxmlformats"))
        .and(NotForContentType::const_new("application/zip"));
    tower_http::compression::CompressionLayer::new()
        .quality(tower_http::CompressionLevel::Fastest)
        .compress_when(worth_it)
}

/// Logs requests slower than a second, with their status, inside the request's span.
async fn log_slow(request: Request, next: Next) -> Response {
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let took = started.elapsed();
    if took > Duration::from_secs(1) {
        tracing::warn!(status = response.status().as_u16(), millis = took.as_millis() as u64, "slow request");
    }
    response
}

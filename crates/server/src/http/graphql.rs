// SPDX-License-Identifier: AGPL-3.0-only
//! `POST /graphql` runs GraphQL; `GET /graphql` is the explorer page, which also runs a query
//! given as `?query=` so it works without JavaScript (queries only: mutations need POST).
use async_graphql::parser::types::OperationType;
use async_graphql_axum::{GraphQLRequest, GraphQLResponse};
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use townhall_core::Actor;
use townhall_core::actor::{ApiClient, ClientAddr};
use townhall_core::graphql::prepare;
use townhall_core::modules::platform::GRAPHQL_EXPLORER;

use super::AppState;
use crate::ui::Ctx;

/// Why a request could not be read as GraphQL: 413 for a body over the limit (also one
/// streamed without a length, which the reader only sees as an error), else 400.
pub struct Unreadable(async_graphql::ParseRequestError);

impl From<async_graphql::ParseRequestError> for Unreadable {
    fn from(e: async_graphql::ParseRequestError) -> Self {
        Unreadable(e)
    }
}

impl IntoResponse for Unreadable {
    fn into_response(self) -> Response {
        use async_graphql::ParseRequestError;
        let too_large = match &self.0 {
            ParseRequestError::PayloadTooLarge => true,
            ParseRequestError::Io(e) => e.to_string().contains("length limit exceeded"),
            _ => false,
        };
        if too_large {
            (StatusCode::PAYLOAD_TOO_LARGE, "the request body is larger than the limit").into_response()
        } else {
            (StatusCode::BAD_REQUEST, format!("not a GraphQL request: {}", self.0)).into_response()
        }
    }
}

pub async fn execute(
    State(state): State<AppState>,
    Extension(actor): Extension<Actor>,
    Extension(client): Extension<ClientAddr>,
    api: Option<Extension<ApiClient>>,
    headers: HeaderMap,
    request: GraphQLRequest<Unreadable>,
) -> Response {
    if !is_graphql_body(&headers) {
        let refused = "POST /graphql takes application/json (or multipart/form-data for uploads)";
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, refused).into_response();
    }
    let request = request.into_inner();
    if api.as_ref().is_some_and(|a| a.0.read_only) && changes_anything(&request.query) {
        let refused = async_graphql::ServerError::new("this API token may only read (its scope is read)", None);
        let mut refused = async_graphql::Response::from_errors(vec![refused]);
        refused.errors[0].extensions.get_or_insert_with(Default::default).set("code", "read_only_token");
        return GraphQLResponse::from(refused).into_response();
    }
    let mut request = prepare(request, state.platform.clone(), actor).data(client);
    if let Some(Extension(api)) = api {
        request = request.data(api);
    }
    let mut response = state.schema.execute(request).await;
    code_input_errors(&mut response.errors);
    GraphQLResponse::from(response).into_response()
}

/// Whether the body is JSON or the multipart upload form. A page of another site cannot send
/// JSON without the browser asking first; a form's `text/plain` or URL-encoded body would
/// otherwise run as GraphQL. (A multipart form from another site is stopped by the Origin
/// check in `session`, as every unsafe request is.)
fn is_graphql_body(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()) else { return false };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    matches!(essence.as_str(), "application/json" | "multipart/form-data")
}

/// Whether a document holds anything but queries (a read-only API token runs none of it). A
/// document that does not parse is left to the schema, which refuses it.
fn changes_anything(query: &str) -> bool {
    async_graphql::parser::parse_query(query)
        .map(|doc| doc.operations.iter().any(|(_, op)| op.node.ty != OperationType::Query))
        .unwrap_or(false)
}

/// Arguments that do not parse as their type fail in async-graphql itself, with no code; they
/// get `invalid_input`, so every error a resolver returns carries a code clients can act on.
fn code_input_errors(errors: &mut [async_graphql::ServerError]) {
    for error in errors.iter_mut() {
        let coded = error.extensions.as_ref().is_some_and(|e| e.get("code").is_some());
        if !coded && error.message.starts_with("Failed to parse") {
            error.extensions.get_or_insert_with(Default::default).set("code", "invalid_input");
        }
    }
}

pub async fn sdl(State(state): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], state.schema.sdl())
}

#[derive(Deserialize)]
pub struct ExplorerQuery {
    query: Option<String>,
    variables: Option<String>,
}

const EXAMPLE: &str = "{\n  platform {\n    name\n    edition\n    license { status plan licensee expiresAt }\n    features { id edition allowed enabled active }\n  }\n}\n";

pub async fn explorer(State(state): State<AppState>, req: Ctx, Query(q): Query<ExplorerQuery>) -> Response {
    if state.platform.require_active(GRAPHQL_EXPLORER).await.is_err() {
        return super::pages::not_found(State(state), req).await;
    }
    let query = q.query.clone().filter(|s| !s.trim().is_empty());
    let variables = q.variables.clone().filter(|s| !s.trim().is_empty());
    let result = match &query {
        Some(text) => Some(run_read_only(&state, &req.actor, text, variables.as_deref()).await),
        None => None,
    };
    state
        .ui
        .page(
            &state.platform,
            &req,
            "explorer.html",
            minijinja::context! {
                query => query.unwrap_or_else(|| EXAMPLE.to_owned()),
                variables => variables.unwrap_or_default(),
                result => result,
            },
        )
        .await
}

/// Runs a query from the explorer's GET form and returns the JSON answer, pretty-printed.
async fn run_read_only(state: &AppState, actor: &Actor, query: &str, variables: Option<&str>) -> String {
    if changes_anything(query) {
        return "{\"errors\":[{\"message\":\"mutations must be sent with POST\"}]}".to_owned();
    }
    let mut request = prepare(async_graphql::Request::new(query), state.platform.clone(), actor.clone());
    if let Some(vars) = variables {
        match serde_json::from_str(vars) {
            Ok(v) => request = request.variables(async_graphql::Variables::from_json(v)),
            Err(e) => {
                return format!("{{\"errors\":[{{\"message\":\"variables are not JSON: {e}\"}}]}}");
            }
        }
    }
    let response = state.schema.execute(request).await;
    serde_json::to_string_pretty(&response).unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.to_string())
}

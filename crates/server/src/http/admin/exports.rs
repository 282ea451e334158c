// SPDX-License-Identifier: AGPL-3.0-only
//! The exports page and the CSV downloads. A download is streamed: each page of rows is sent
//! as soon as it is read, so the server's memory stays flat whatever the export's size.
use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::exports::{Export, ExportKind, ExportRequest};
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::permissions::moderates;

use super::{guard_staff, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    project: String,
    #[serde(default)]
    personal: String,
}

async fn render(state: &AppState, req: &Ctx, query: &ExportQuery, error: Option<&CoreError>) -> Response {
    if let Err(r) = guard_staff(state, req).await {
        return r;
    }
    let projects = state.platform.projects(&req.actor).await.unwrap_or_default();
    let projects: Vec<_> = projects
        .iter()
        .filter(|p| moderates(&req.actor, p.id))
        .map(|p| minijinja::context! { id => p.id, title => Multiloc::parse(&p.title).text(req.locale.code) })
        .collect();
    let ctx = minijinja::context! {
        kinds => ExportKind::ALL.iter().map(|k| minijinja::context! {
            id => k.as_str(), personal => k.has_personal_data(),
        }).collect::<Vec<_>>(),
        projects => projects,
        chosen => minijinja::context! { kind => query.kind.clone(), project => query.project.clone() },
        error => error.map(error_value),
    };
    page(state, req, "admin/exports.html", "exports", ctx).await
}

pub async fn list(State(state): State<AppState>, req: Ctx, Query(query): Query<ExportQuery>) -> Response {
    render(&state, &req, &query, None).await
}

/// The chunks of an export as a response body; a failure mid-way ends the body with an
/// error, so the client sees an incomplete download instead of a silently short file.
fn body(export: Export) -> Body {
    let chunks = futures_util::stream::unfold(Some(export), |state| async move {
        let mut export = state?;
        match export.next_chunk().await {
            Ok(Some(chunk)) => Some((Ok(Bytes::from(chunk)), Some(export))),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "an export failed part-way");
                Some((Err(std::io::Error::other("the export failed")), None))
            }
        }
    });
    Body::from_stream(chunks)
}

pub async fn download(State(state): State<AppState>, req: Ctx, Query(query): Query<ExportQuery>) -> Response {
    if let Err(r) = guard_staff(&state, &req).await {
        return r;
    }
    let Some(kind) = ExportKind::parse(&query.kind) else {
        let e = CoreError::Field { field: "kind", code: "export_kind_invalid" };
        return render(&state, &req, &query, Some(&e)).await;
    };
    let request = ExportRequest {
        kind,
        project: query.project.parse().ok(),
        personal: query.personal == "yes",
        locale: req.locale.code.to_owned(),
    };
    match state.platform.start_export(&req.actor, request).await {
        Ok(export) => {
            let disposition = format!("attachment; filename=\"{}\"", export.file_name());
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                    (header::CONTENT_DISPOSITION, disposition),
                    (header::CACHE_CONTROL, "no-store".to_owned()),
                ],
                body(export),
            )
                .into_response()
        }
        Err(e) => render(&state, &req, &query, Some(&e)).await,
    }
}

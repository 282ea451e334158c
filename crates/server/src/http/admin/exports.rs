// SPDX-License-Identifier: AGPL-3.0-only
//! The exports page and the CSV downloads. A download is streamed: each page of rows is sent
//! as soon as it is read, so the server's memory stays flat whatever the export's size.
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::exports::ExportRequest;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::permissions::moderates;
use townhall_core::web::PageResult;

use super::{Staff, page};
use crate::http::AppState;
use crate::http::forms::{chunked, error_value};
use crate::ui::Ctx;

#[derive(Debug, Default, Deserialize)]
pub struct ExportQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    project: String,
    #[serde(default)]
    personal: String,
    /// `csv` (the default) or a format of the edition's modules, such as `xlsx`.
    #[serde(default)]
    format: String,
}

async fn render(state: &AppState, req: &Ctx, query: &ExportQuery, error: Option<&CoreError>) -> PageResult {
    let projects = state.platform.projects(&req.actor).await?;
    let projects: Vec<_> = projects
        .iter()
        .filter(|p| moderates(&req.actor, p.id))
        .map(|p| minijinja::context! { id => p.id, title => Multiloc::parse(&p.title).text(req.locale.code) })
        .collect();
    let ctx = minijinja::context! {
        kinds => state.platform.registry().exports().iter().map(|k| minijinja::context! {
            id => k.id(), personal => k.has_personal_data(),
        }).collect::<Vec<_>>(),
        projects => projects,
        formats => state.platform.export_formats().await,
        chosen => minijinja::context! { kind => query.kind.clone(), project => query.project.clone(), format => query.format.clone() },
        error => error.map(error_value),
    };
    Ok(page(state, req, "admin/exports.html", "exports", ctx).await)
}

pub async fn list(State(state): State<AppState>, _: Staff, req: Ctx, Query(query): Query<ExportQuery>) -> PageResult {
    render(&state, &req, &query, None).await
}

pub async fn download(
    State(state): State<AppState>,
    _: Staff,
    req: Ctx,
    Query(query): Query<ExportQuery>,
) -> PageResult {
    let request = ExportRequest {
        kind: query.kind.clone(),
        project: query.project.parse().ok(),
        personal: query.personal == "yes",
        locale: req.locale.code.to_owned(),
    };
    let format = query.format.trim();
    if !format.is_empty() && format != "csv" {
        return match file_download(&state, &req, format, request).await {
            Ok(response) => Ok(response),
            Err(e) => render(&state, &req, &query, Some(&e)).await,
        };
    }
    match state.platform.start_export(&req.actor, request).await {
        Ok(export) => {
            let disposition = format!("attachment; filename=\"{}\"", export.file_name());
            let headers = [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (header::CONTENT_DISPOSITION, disposition),
                (header::CACHE_CONTROL, "no-store".to_owned()),
            ];
            Ok((headers, chunked(export)).into_response())
        }
        Err(e) => render(&state, &req, &query, Some(&e)).await,
    }
}

/// An export in a format a module writes (XLSX): written whole into a temporary file, which is
/// then streamed and removed.
async fn file_download(
    state: &AppState,
    req: &Ctx,
    format: &str,
    request: ExportRequest,
) -> Result<Response, CoreError> {
    let format = state.platform.export_format(format).await?;
    let mut export = state.platform.start_export(&req.actor, request).await?;
    let failed = |e: std::io::Error| {
        tracing::error!(error = %e, "no temporary file for an export");
        CoreError::Field { field: "format", code: "export_write_failed" }
    };
    let file = tempfile::NamedTempFile::new().map_err(failed)?;
    format.write(&mut export, file.path(), &|_| {}).await?;
    // The open file outlives its name: the name goes now, the bytes when the body is sent.
    let opened = tokio::fs::File::open(file.path()).await.map_err(failed)?;
    drop(file);
    let disposition = format!("attachment; filename=\"{}\"", export.file_name_as(format.id()));
    let headers = [
        (header::CONTENT_TYPE, format.content_type().to_owned()),
        (header::CONTENT_DISPOSITION, disposition),
        (header::CACHE_CONTROL, "no-store".to_owned()),
    ];
    Ok((headers, Body::from_stream(tokio_util::io::ReaderStream::new(opened))).into_response())
}

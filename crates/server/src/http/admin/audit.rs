// SPDX-License-Identifier: AGPL-3.0-only
use axum::extract::{Query, State};
use serde::Deserialize;
use townhall_core::web::PageResult;

use super::{AdminOnly, page};
use crate::http::AppState;
use crate::ui::Ctx;

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    after: Option<i32>,
}

pub async fn list(State(state): State<AppState>, _: AdminOnly, req: Ctx, Query(q): Query<AuditQuery>) -> PageResult {
    let log = state.platform.audit_log(&req.actor, 50, q.after).await?;
    let entries: Vec<_> = log
        .entries
        .iter()
        .map(|e| {
            minijinja::context! {
                when => e.created_at.with_timezone(&req.tz).format("%Y-%m-%d %H:%M:%S %Z").to_string(),
                actor => e.actor_label.clone(), action => e.action.clone(),
                // An entry about the platform as a whole has no target id.
                target => format!("{} {}", e.target_type, e.target_id.clone().unwrap_or_default()).trim().to_owned(),
                details => e.details.clone(),
            }
        })
        .collect();
    let ctx = minijinja::context! { entries => entries, next => log.next };
    Ok(page(&state, &req, "admin/audit.html", "audit", ctx).await)
}

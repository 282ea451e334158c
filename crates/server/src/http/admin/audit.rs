// SPDX-License-Identifier: AGPL-3.0-only
use axum::extract::{Query, State};
use axum::response::Response;
use serde::Deserialize;

use super::{guard, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    after: Option<i32>,
}

pub async fn list(State(state): State<AppState>, req: Ctx, Query(q): Query<AuditQuery>) -> Response {
    if let Err(r) = guard(&state, &req).await {
        return r;
    }
    match state.platform.audit_log(&req.actor, 50, q.after).await {
        Ok(log) => {
            let entries: Vec<_> = log
                .entries
                .iter()
                .map(|e| {
                    minijinja::context! {
                        when => e.created_at.with_timezone(&req.tz).format("%Y-%m-%d %H:%M:%S %Z").to_string(),
                        actor => e.actor_label.clone(), action => e.action.clone(),
                        target => format!("{} {}", e.target_type, e.target_id.clone().unwrap_or_default()).trim().to_owned(),
                        details => e.details.clone(),
                    }
                })
                .collect();
            page(
                &state,
                &req,
                "admin/audit.html",
                "audit",
                minijinja::context! { entries => entries, next => log.next },
            )
            .await
        }
        Err(e) => {
            page(&state, &req, "admin/audit.html", "audit", minijinja::context! { error => error_value(&e) }).await
        }
    }
}

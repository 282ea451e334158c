// SPDX-License-Identifier: AGPL-3.0-only
//! The dashboard page: totals, a chart per kind of activity with its data as a table, the
//! projects people take part in, and the most active ideas.
use axum::extract::{Query, State};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;
use townhall_core::CoreError;
use townhall_core::modules::projects::multiloc::Multiloc;
use townhall_core::permissions::moderates;
use townhall_core::web::PageResult;

use super::{Staff, page};
use crate::http::AppState;
use crate::http::forms::error_value;
use crate::ui::Ctx;
use townhall_core::web::charts::column_chart;

#[derive(Debug, Default, Deserialize)]
pub struct DashboardQuery {
    #[serde(default)]
    project: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

pub async fn show(State(state): State<AppState>, _: Staff, req: Ctx, Query(q): Query<DashboardQuery>) -> PageResult {
    let projects = state.platform.projects(&req.actor).await?;
    let mine: Vec<_> = projects.iter().filter(|p| moderates(&req.actor, p.id)).collect();
    let title_of = |id: i32| {
        projects
            .iter()
            .find(|p| p.id == id)
            .map(|p| Multiloc::parse(&p.title).text(req.locale.code))
            .unwrap_or_default()
    };
    // Administrators start with the platform, moderators with their first project.
    let project =
        q.project.parse::<i32>().ok().or_else(|| (!req.actor.is_admin()).then(|| mine.first().map(|p| p.id)).flatten());
    let today = chrono::Utc::now().with_timezone(&req.tz).date_naive();
    let to = date(&q.to).unwrap_or(today);
    let from = date(&q.from).unwrap_or(to - Duration::days(29));
    // A range the dashboard refuses is the filter form's error, shown next to it; any other
    // failure is the page's.
    let result = match state.platform.dashboard(&req.actor, project, from, to).await {
        Err(e @ CoreError::Field { .. }) => Err(e),
        other => Ok(other?),
    };
    let error: Option<&CoreError> = result.as_ref().err();
    let data = result.as_ref().ok().map(|d| {
        let label = |p: &townhall_core::dashboard::Point| p.date.format("%Y-%m-%d").to_string();
        minijinja::context! {
            weekly => d.weekly,
            participants => d.participants,
            participants_chart => minijinja::Value::from_safe_string(column_chart(&d.participants_series.iter().map(|p| (label(p), p.count)).collect::<Vec<_>>())),
            participants_points => d.participants_series.iter().map(|p| minijinja::context! { date => label(p), count => p.count }).collect::<Vec<_>>(),
            series => d.series.iter().map(|s| minijinja::context! {
                metric => s.metric,
                total => s.total,
                chart => minijinja::Value::from_safe_string(column_chart(&s.points.iter().map(|p| (label(p), p.count)).collect::<Vec<_>>())),
                points => s.points.iter().map(|p| minijinja::context! { date => label(p), count => p.count }).collect::<Vec<_>>(),
            }).collect::<Vec<_>>(),
            projects => d.projects.iter().map(|a| minijinja::context! {
                id => a.project_id, title => title_of(a.project_id), participants => a.participants,
                counts => a.counts.iter().map(|(_, n)| *n).collect::<Vec<_>>(),
            }).collect::<Vec<_>>(),
            columns => d.projects.first().map(|a| a.counts.iter().map(|(m, _)| *m).collect::<Vec<_>>()),
            ideas => d.top_ideas.iter().map(|i| minijinja::context! { id => i.idea_id, title => i.title.clone(), activity => i.activity }).collect::<Vec<_>>(),
        }
    });
    let ctx = minijinja::context! {
        data => data,
        projects => mine.iter().map(|p| minijinja::context! { id => p.id, title => title_of(p.id) }).collect::<Vec<_>>(),
        chosen => minijinja::context! { project => project, from => from.to_string(), to => to.to_string() },
        error => error.map(error_value),
    };
    Ok(page(&state, &req, "admin/dashboard.html", "dashboard", ctx).await)
}

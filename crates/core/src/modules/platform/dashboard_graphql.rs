// SPDX-License-Identifier: AGPL-3.0-only
//! The dashboard in GraphQL: `dashboard(projectId, from, to)`.
use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{Duration, NaiveDate, Utc};

use crate::CoreError;
use crate::dashboard::Dashboard as Data;
use crate::graphql::{actor, platform, to_gql};

#[derive(SimpleObject)]
pub struct DashboardPoint {
    /// The first day of the bucket.
    date: NaiveDate,
    count: i64,
}

#[derive(SimpleObject)]
pub struct DashboardSeries {
    /// registrations, ideas, comments, reactions, votes, poll_responses, survey_responses,
    /// volunteers or event_registrations.
    metric: String,
    total: i64,
    points: Vec<DashboardPoint>,
}

#[derive(SimpleObject)]
pub struct DashboardCount {
    metric: String,
    count: i64,
}

#[derive(SimpleObject)]
pub struct ProjectParticipation {
    project_id: ID,
    participants: i64,
    counts: Vec<DashboardCount>,
}

#[derive(SimpleObject)]
pub struct ActiveIdea {
    idea_id: ID,
    title: String,
    /// Comments and reactions in the range.
    activity: i64,
}

#[derive(SimpleObject)]
pub struct Dashboard {
    from: NaiveDate,
    to: NaiveDate,
    /// `day` or `week`.
    bucket: String,
    /// Distinct people who took part in the range.
    active_participants: i64,
    /// Distinct people who took part, per bucket.
    active_participants_series: Vec<DashboardPoint>,
    series: Vec<DashboardSeries>,
    projects: Vec<ProjectParticipation>,
    most_active_ideas: Vec<ActiveIdea>,
}

impl From<Data> for Dashboard {
    fn from(d: Data) -> Self {
        Dashboard {
            from: d.from,
            to: d.to,
            bucket: if d.weekly { "week" } else { "day" }.to_owned(),
            active_participants: d.participants,
            active_participants_series: d
                .participants_series
                .into_iter()
                .map(|p| DashboardPoint { date: p.date, count: p.count })
                .collect(),
            series: d
                .series
                .into_iter()
                .map(|s| DashboardSeries {
                    metric: s.metric.to_owned(),
                    total: s.total,
                    points: s.points.into_iter().map(|p| DashboardPoint { date: p.date, count: p.count }).collect(),
                })
                .collect(),
            projects: d
                .projects
                .into_iter()
                .map(|p| ProjectParticipation {
                    project_id: ID(p.project_id.to_string()),
                    participants: p.participants,
                    counts: p
                        .counts
                        .into_iter()
                        .map(|(m, n)| DashboardCount { metric: m.to_owned(), count: n })
                        .collect(),
                })
                .collect(),
            most_active_ideas: d
                .top_ideas
                .into_iter()
                .map(|i| ActiveIdea { idea_id: ID(i.idea_id.to_string()), title: i.title, activity: i.activity })
                .collect(),
        }
    }
}

#[derive(Default)]
pub struct DashboardQuery;

#[Object]
impl DashboardQuery {
    /// Activity for the platform (administrators) or a project (its moderators) from `from`
    /// to `to` (days in the platform's time zone, both included; the last 30 days by default).
    async fn dashboard(
        &self,
        ctx: &Context<'_>,
        project_id: Option<ID>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> async_graphql::Result<Dashboard> {
        let project = match project_id {
            Some(id) => Some(id.parse::<i32>().map_err(|_| to_gql(CoreError::NotFound("project")))?),
            None => None,
        };
        let to = to.unwrap_or_else(|| Utc::now().date_naive());
        let from = from.unwrap_or(to - Duration::days(29));
        let data = platform(ctx)?.dashboard(actor(ctx), project, from, to).await.map_err(to_gql)?;
        Ok(data.into())
    }
}

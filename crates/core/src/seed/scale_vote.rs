// SPDX-License-Identifier: AGPL-3.0-only
//! The benchmark dataset's participatory budget: one project whose ideas have costs and whose
//! voting phase is open, so a load test can submit baskets from thousands of voters.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{DatabaseConnection, DbErr};

use super::bulk::{ids_after, insert, max_id};
use crate::modules::ideas::search_text;

/// The open vote: its phase, its budget and its ideas with their costs.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ScaleVote {
    pub phase: i32,
    pub budget: i64,
    pub ideas: Vec<(i32, i64)>,
}

/// Ideas on the ballot, and what they cost (a basket of two or three fits the budget).
const COSTS: [i64; 8] = [100, 150, 200, 250, 300, 350, 400, 450];
const IDEAS: usize = 24;
pub const BUDGET: i64 = 1_000;

fn text(s: impl Into<String>) -> SimpleExpr {
    SimpleExpr::from(s.into())
}

pub(super) async fn write(
    db: &DatabaseConnection,
    run: &str,
    author: i32,
    position: i32,
    now: DateTime<Utc>,
) -> Result<ScaleVote, DbErr> {
    let before = max_id(db, "projects").await?;
    let project = vec![
        text(format!("scale-{run}-budget")),
        text("{\"en\":\"Participatory budget\"}"),
        text("{\"en\":\"Generated for the ballot burst of the benchmarks.\"}"),
        text("published"),
        text("public"),
        position.into(),
        now.into(),
        now.into(),
    ];
    let columns = ["slug", "title", "description", "status", "visibility", "position", "created_at", "updated_at"];
    insert(db, "projects", &columns, vec![project]).await?;
    let project = ids_after(db, "projects", before).await?.first().copied().unwrap_or_default();

    let before = max_id(db, "phases").await?;
    let settings = format!("{{\"voting_method\":\"budgeting\",\"budget\":{BUDGET}}}");
    let phase = |title: &str, method: &str, settings: String, start: i64, end: Option<i64>| {
        vec![
            project.into(),
            text(format!("{{\"en\":\"{title}\"}}")),
            text("{}"),
            text(method),
            text(settings),
            (now - Duration::days(start)).into(),
            end.map(|d| now - Duration::days(d)).into(),
            now.into(),
        ]
    };
    let rows = vec![phase("Ideas", "ideation", "{}".into(), 60, Some(30)), phase("Vote", "voting", settings, 29, None)];
    let columns = ["project_id", "title", "description", "method", "settings", "start_at", "end_at", "created_at"];
    insert(db, "phases", &columns, rows).await?;
    let phases = ids_after(db, "phases", before).await?;
    let (ideation, voting) = (phases.first().copied().unwrap_or_default(), phases.get(1).copied().unwrap_or_default());

    let before = max_id(db, "ideas").await?;
    let posted = now - Duration::days(45);
    let rows = (0..IDEAS)
        .map(|n| {
            let title = format!("Budget idea {n}");
            let body = "A costed proposal for the benchmark vote.";
            vec![
                project.into(),
                ideation.into(),
                author.into(),
                text(title.clone()),
                text(body),
                text("proposed"),
                COSTS[n % COSTS.len()].into(),
                posted.into(),
                posted.into(),
                text(search_text(&title, body)),
                posted.into(),
            ]
        })
        .collect();
    let columns = [
        "project_id",
        "phase_id",
        "author_id",
        "title",
        "body",
        "status",
        "cost",
        "created_at",
        "updated_at",
        "search_text",
        "published_at",
    ];
    insert(db, "ideas", &columns, rows).await?;
    let ideas = ids_after(db, "ideas", before).await?;
    Ok(ScaleVote {
        phase: voting,
        budget: BUDGET,
        ideas: ideas.into_iter().zip(COSTS.iter().cycle()).map(|(id, cost)| (id, *cost)).collect(),
    })
}

// SPDX-License-Identifier: AGPL-3.0-only
//! The benchmark dataset's participatory budgets: projects whose ideas have costs and whose
//! voting phase is open. One has a few ideas, for a load test that submits baskets from
//! thousands of voters; the other has a thousand, for the voting panel's pages at that size.
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{DatabaseConnection, DbErr};

use super::bulk::{ids_after, insert, max_id};
use super::words::{PLACES, THINGS, WISHES};
use crate::modules::ideas::search_text;

/// An open vote: its project, its phase, its budget and its ideas with their costs (in the
/// order they were posted).
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ScaleVote {
    pub slug: String,
    pub phase: i32,
    pub budget: i64,
    pub ideas: Vec<(i32, i64)>,
}

/// What one budget holds.
pub(super) struct Budget {
    /// The end of the project's slug (`scale-<run>-<suffix>`).
    suffix: &'static str,
    title: &'static str,
    ideas: usize,
    budget: i64,
    /// The title and cost of the `n`th idea.
    idea: fn(usize) -> (String, i64),
}

/// Ideas on the burst's ballot, and what they cost (a basket of two or three fits the budget).
const COSTS: [i64; 8] = [100, 150, 200, 250, 300, 350, 400, 450];
pub const BUDGET: i64 = 1_000;

/// The ballot burst's budget: few ideas, so baskets overlap as on a real ballot.
pub(super) const BURST: Budget = Budget {
    suffix: "budget",
    title: "Participatory budget",
    ideas: 24,
    budget: BUDGET,
    idea: |n| (format!("Budget idea {n}"), COSTS[n % COSTS.len()]),
};

/// The voting panel's budget: a thousand ideas, as a city district's budget has. Their costs
/// (500 to 10,490 in steps of 10) are all different and do not follow the order of posting:
/// 7,919 is prime to 1,000, so `n × 7,919 mod 1,000` takes every value once.
pub(super) const PANEL: Budget = Budget {
    suffix: "panel-budget",
    title: "District budget",
    ideas: 1_000,
    budget: 25_000,
    idea: |n| {
        let title = format!(
            "{} {} {} (proposal {})",
            WISHES[n % WISHES.len()],
            THINGS[(n / WISHES.len()) % THINGS.len()],
            PLACES[n % PLACES.len()],
            n + 1
        );
        (title, 500 + ((n as i64 * 7_919) % 1_000) * 10)
    },
};

fn text(s: impl Into<String>) -> SimpleExpr {
    SimpleExpr::from(s.into())
}

pub(super) async fn write(
    db: &DatabaseConnection,
    plan: &Budget,
    run: &str,
    author: i32,
    position: i32,
    now: DateTime<Utc>,
) -> Result<ScaleVote, DbErr> {
    let before = max_id(db, "projects").await?;
    let project = vec![
        text(format!("scale-{run}-{}", plan.suffix)),
        text(format!("{{\"en\":\"{}\"}}", plan.title)),
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
    let settings = format!("{{\"voting_method\":\"budgeting\",\"budget\":{}}}", plan.budget);
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
    let rows = vec![
        phase("Ideas", crate::modules::ideas::IDEATION.id, "{}".into(), 60, Some(30)),
        phase("Vote", crate::modules::voting::VOTING, settings, 29, None),
    ];
    let columns = ["project_id", "title", "description", "method", "settings", "start_at", "end_at", "created_at"];
    insert(db, "phases", &columns, rows).await?;
    let phases = ids_after(db, "phases", before).await?;
    let (ideation, voting) = (phases.first().copied().unwrap_or_default(), phases.get(1).copied().unwrap_or_default());

    let before = max_id(db, "ideas").await?;
    let posted = now - Duration::days(45);
    let costed: Vec<(String, i64)> = (0..plan.ideas).map(plan.idea).collect();
    let rows = costed
        .iter()
        .map(|(title, cost)| {
            let body = "A costed proposal for the benchmark vote.";
            vec![
                project.into(),
                ideation.into(),
                author.into(),
                text(title.clone()),
                text(body),
                text("proposed"),
                (*cost).into(),
                posted.into(),
                posted.into(),
                text(search_text(title, body)),
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
        slug: format!("scale-{run}-{}", plan.suffix),
        phase: voting,
        budget: plan.budget,
        ideas: ideas.into_iter().zip(costed).map(|(id, (_, cost))| (id, cost)).collect(),
    })
}

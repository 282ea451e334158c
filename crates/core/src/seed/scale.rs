// SPDX-License-Identifier: AGPL-3.0-only
//! Synthetic data for benchmarks: N ideas with proportional users, projects, comments and
//! reactions, bulk-inserted with their counters, trending scores and search text already right
//! (the same values the services would have written). Ideas go in batches, each followed by its
//! comments and reactions, so memory stays flat whatever N is.
use chrono::{Duration, Utc};
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};

use super::bulk::{ids_after, insert, max_id};
use super::words::{FIRST_NAMES, PLACES, REASONS, REPLIES, THINGS, WISHES};
use super::{Dice, Progress};
use crate::modules::ideas::counters::trending_score;
use crate::modules::ideas::search_text;
use crate::{CoreResult, Platform};

/// How much to generate for `ideas` ideas: the proportions of the benchmark dataset
/// (200,000 ideas: 100,000 users, 1,000 projects, 500,000 comments, 2,000,000 reactions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ScalePlan {
    pub ideas: u64,
    pub users: u64,
    pub projects: u64,
}

impl ScalePlan {
    pub fn for_ideas(ideas: u64) -> ScalePlan {
        ScalePlan { ideas, users: (ideas / 2).max(10), projects: (ideas / 200).max(1) }
    }
}

/// What was written.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct ScaleReport {
    pub users: u64,
    pub projects: u64,
    pub ideas: u64,
    pub comments: u64,
    pub reactions: u64,
    /// The password every generated account shares (for load tests that sign in).
    pub password: String,
    /// The generated accounts are `scale-<run>-<n>@example.invalid`.
    pub email_prefix: String,
    /// The generated accounts' ids run from this one, without gaps.
    pub first_user: i32,
    /// An open participatory budget for the ballot burst.
    pub vote: super::ScaleVote,
    /// An open participatory budget with a thousand ideas, for the voting panel.
    pub panel: super::ScaleVote,
}

/// Ideas inserted per round (then their comments and reactions).
const ROUND: usize = 2_000;

/// A skewed count with the given mean: most ideas get little, a few get a lot, as on real
/// platforms. The square of a uniform number in 0..=2m has mean about 4m²/3 ÷ (4m/3) = m.
fn skewed(dice: &mut Dice, mean: u64) -> u64 {
    let top = 2 * mean.max(1);
    let x = dice.below(top + 1);
    x * x * 3 / (4 * mean.max(1))
}

fn text(s: impl Into<String>) -> SimpleExpr {
    SimpleExpr::from(s.into())
}

impl Platform {
    pub async fn seed_scale(
        &self,
        plan: ScalePlan,
        password: &str,
        progress: &dyn Progress,
    ) -> CoreResult<ScaleReport> {
        let db = self.db();
        let mut dice = Dice::new(plan.ideas ^ 0x7A11);
        let run = format!("{:x}", Utc::now().timestamp_millis());
        let hash = crate::modules::accounts::password::hash(password).await?;
        let now = Utc::now();
        let mut report = ScaleReport {
            password: password.to_owned(),
            email_prefix: format!("scale-{run}-"),
            ..ScaleReport::default()
        };

        progress.stage("users", plan.users);
        let before = max_id(db, "users").await?;
        let mut start = 0;
        while start < plan.users {
            let end = (start + 10_000).min(plan.users);
            let rows = (start..end)
                .map(|n| {
                    let name = format!("{} {}", dice.pick(FIRST_NAMES), n);
                    vec![
                        text(format!("scale-{run}-{n}@example.invalid")),
                        now.into(),
                        text(hash.clone()),
                        text(name),
                        text("en"),
                        0.into(),
                        now.into(),
                        now.into(),
                    ]
                })
                .collect();
            let columns = [
                "email",
                "email_confirmed_at",
                "password_hash",
                "display_name",
                "locale",
                "session_version",
                "created_at",
                "updated_at",
            ];
            insert(db, "users", &columns, rows).await?;
            progress.advance(end - start);
            start = end;
        }
        let users = ids_after(db, "users", before).await?;
        report.users = users.len() as u64;
        report.first_user = users.first().copied().unwrap_or_default();

        progress.stage("projects", plan.projects);
        let before = max_id(db, "projects").await?;
        let rows = (0..plan.projects)
            .map(|n| {
                let title = format!("{{\"en\":\"{} {} {}\"}}", dice.pick(WISHES), dice.pick(THINGS), n);
                vec![
                    text(format!("scale-{run}-{n}")),
                    text(title),
                    text("{\"en\":\"Generated for benchmarks.\"}"),
                    text("published"),
                    text("public"),
                    (n as i32).into(),
                    now.into(),
                    now.into(),
                ]
            })
            .collect();
        let columns = ["slug", "title", "description", "status", "visibility", "position", "created_at", "updated_at"];
        insert(db, "projects", &columns, rows).await?;
        let projects = ids_after(db, "projects", before).await?;
        let before = max_id(db, "phases").await?;
        let rows = projects
            .iter()
            .map(|&p| {
                vec![
                    p.into(),
                    text("{\"en\":\"Ideas\"}"),
                    text("{}"),
                    text(crate::modules::ideas::IDEATION.id),
                    text("{}"),
                    (now - Duration::days(400)).into(),
                    Option::<chrono::DateTime<Utc>>::None.into(),
                    now.into(),
                ]
            })
            .collect();
        let columns = ["project_id", "title", "description", "method", "settings", "start_at", "end_at", "created_at"];
        insert(db, "phases", &columns, rows).await?;
        let phases = ids_after(db, "phases", before).await?;
        progress.advance(plan.projects);
        report.projects = projects.len() as u64;

        progress.stage("ideas, comments and reactions", plan.ideas);
        // The ideas are written in bulk, without the service; their scoped search words at the end.
        let first_idea = max_id(db, "ideas").await?;
        let mut made = 0u64;
        while made < plan.ideas {
            let round = (plan.ideas - made).min(ROUND as u64);
            let written = self.scale_round(db, &mut dice, &users, &projects, &phases, round, now).await?;
            report.ideas += round;
            report.comments += written.0;
            report.reactions += written.1;
            made += round;
            progress.advance(round);
        }
        progress.stage("two participatory budgets", 2);
        let author = users.first().copied().unwrap_or_default();
        let position = projects.len() as i32;
        report.vote = super::scale_vote::write(db, &super::scale_vote::BURST, &run, author, position, now).await?;
        progress.advance(1);
        report.panel = super::scale_vote::write(db, &super::scale_vote::PANEL, &run, author, position + 1, now).await?;
        progress.advance(1);
        progress.stage("the search index of projects and phases", report.ideas);
        crate::modules::ideas::scoped_search::index_ideas_after(db, first_idea).await?;
        progress.advance(report.ideas);
        if db.get_database_backend() == sea_orm::DbBackend::Postgres {
            // PostgreSQL plans from statistics that autovacuum gathers only a while after a bulk
            // load; until then lists and searches may scan whole tables.
            progress.stage("the planner's statistics", 1);
            db.execute_unprepared("ANALYZE").await?;
            progress.advance(1);
        }
        Ok(report)
    }

    /// One round: `count` ideas, then their comments, reactions and the authors' follows.
    #[allow(clippy::too_many_arguments)]
    async fn scale_round(
        &self,
        db: &DatabaseConnection,
        dice: &mut Dice,
        users: &[i32],
        projects: &[i32],
        phases: &[i32],
        count: u64,
        now: chrono::DateTime<Utc>,
    ) -> Result<(u64, u64), DbErr> {
        struct Planned {
            author: i32,
            up: u64,
            comments: u64,
            first_reactor: usize,
            posted: chrono::DateTime<Utc>,
        }
        let before = max_id(db, "ideas").await?;
        let mut planned = Vec::with_capacity(count as usize);
        let mut rows = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let slot = dice.below(projects.len() as u64) as usize;
            let author = *dice.pick(users);
            let up = skewed(dice, 10).min(users.len() as u64);
            let comments = skewed(dice, 5) / 2;
            let posted = now - Duration::minutes(dice.below(365 * 24 * 60) as i64);
            let title = format!("{} {} {}", dice.pick(WISHES), dice.pick(THINGS), dice.pick(PLACES));
            let body = format!("{} {}", dice.pick(REASONS), dice.pick(REASONS));
            let status =
                *dice.pick(&["proposed", "proposed", "proposed", "under_consideration", "accepted", "rejected"]);
            rows.push(vec![
                projects[slot].into(),
                phases[slot].into(),
                author.into(),
                text(title.clone()),
                text(body.clone()),
                text(status),
                (up as i32).into(),
                0.into(),
                (comments as i32).into(),
                posted.into(),
                posted.into(),
                trending_score(up as i32, 0, comments as i32, posted).into(),
                text(search_text(&title, &body)),
                posted.into(),
            ]);
            planned.push(Planned {
                author,
                up,
                comments,
                first_reactor: dice.below(users.len() as u64) as usize,
                posted,
            });
        }
        let columns = [
            "project_id",
            "phase_id",
            "author_id",
            "title",
            "body",
            "status",
            "reactions_up",
            "reactions_down",
            "comments_count",
            "created_at",
            "updated_at",
            "trending_score",
            "search_text",
            "published_at",
        ];
        insert(db, "ideas", &columns, rows).await?;
        let ids = ids_after(db, "ideas", before).await?;

        let mut comments = Vec::new();
        let mut reactions = Vec::new();
        let mut follows = Vec::new();
        for (idea, p) in ids.iter().zip(&planned) {
            for _ in 0..p.comments {
                let at = p.posted + Duration::minutes(dice.below(60 * 24 * 30) as i64);
                comments.push(vec![
                    (*idea).into(),
                    (*dice.pick(users)).into(),
                    text(*dice.pick(REPLIES)),
                    text("published"),
                    at.into(),
                    at.into(),
                ]);
            }
            // Distinct reactors: consecutive accounts from a random start.
            for k in 0..p.up as usize {
                let user = users[(p.first_reactor + k) % users.len()];
                reactions.push(vec![(*idea).into(), user.into(), text("up"), p.posted.into()]);
            }
            follows.push(vec![p.author.into(), text("idea"), (*idea).into(), p.posted.into()]);
        }
        let written = (comments.len() as u64, reactions.len() as u64);
        insert(db, "comments", &["idea_id", "author_id", "body", "state", "created_at", "updated_at"], comments)
            .await?;
        insert(db, "reactions", &["idea_id", "user_id", "mode", "created_at"], reactions).await?;
        insert(db, "follows", &["user_id", "target_type", "target_id", "created_at"], follows).await?;
        Ok(written)
    }
}

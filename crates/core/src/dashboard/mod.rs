// SPDX-License-Identifier: AGPL-3.0-only
//! The dashboard (issue #6): for the platform or one project and a range of days, how many
//! signed up, took part, and did what, as totals and per day (per week beyond three months);
//! participation per project; the most active ideas. Every number is a grouped count over an
//! index on the time column, so a dashboard costs a fixed number of queries whatever the data.
//!
//! Days are the platform's time zone's days. PostgreSQL converts each instant exactly; SQLite
//! has no time zone data, so there each instant is shifted by the zone's offset at the start
//! of the range (a daylight-saving change inside the range moves at most an hour's activity
//! to the neighbouring day).
use chrono::{Datelike, Duration, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ConnectionTrait, DbBackend, Value};

use crate::db::statement;

use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform};

pub mod metrics;

use metrics::{Metric, Via};

/// Ranges longer than this are counted per week.
pub const DAILY_UP_TO_DAYS: i64 = 92;
/// The longest range.
pub const MAX_DAYS: i64 = 3 * 366;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    /// The bucket's first day.
    pub date: NaiveDate,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    pub metric: &'static str,
    pub total: i64,
    pub points: Vec<Point>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectActivity {
    pub project_id: i32,
    pub participants: i64,
    /// A count per participation metric, in the registry's order.
    pub counts: Vec<(&'static str, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveIdea {
    pub idea_id: i32,
    pub title: String,
    /// Comments and reactions in the range.
    pub activity: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dashboard {
    pub project: Option<i32>,
    pub from: NaiveDate,
    /// The last day, included.
    pub to: NaiveDate,
    pub weekly: bool,
    /// Distinct people who did anything counted in the range.
    pub participants: i64,
    /// Distinct people who took part, per day (or week): a person active on two days counts on
    /// both, so the points add up to more than `participants`.
    pub participants_series: Vec<Point>,
    pub series: Vec<Series>,
    /// For the platform: every project with activity, most participants first.
    pub projects: Vec<ProjectActivity>,
    pub top_ideas: Vec<ActiveIdea>,
}

/// The range's instants and the filter every query shares.
struct Window {
    backend: DbBackend,
    start: chrono::DateTime<Utc>,
    end: chrono::DateTime<Utc>,
    project: Option<i32>,
    tz: Tz,
    /// SQLite's fixed shift, in minutes.
    offset_minutes: i32,
}

impl Window {
    /// `WHERE` for metric `m` on row `t`, and its values.
    fn filter(&self, m: &Metric) -> (String, Vec<Value>) {
        let mut sql = format!(" WHERE t.{time} >= ? AND t.{time} < ?", time = m.time);
        let mut values: Vec<Value> = vec![self.start.into(), self.end.into()];
        if let (Some(p), Some(column)) = (self.project, m.via.project()) {
            sql.push_str(&format!(" AND {column} = ?"));
            values.push(p.into());
        }
        (sql, values)
    }

    /// The local day of `t.{time}`, as text, and its values.
    fn day(&self, m: &Metric) -> (String, Vec<Value>) {
        match self.backend {
            DbBackend::Postgres => {
                (format!("to_char(t.{} AT TIME ZONE ?, 'YYYY-MM-DD')", m.time), vec![self.tz.name().into()])
            }
            _ => (format!("strftime('%Y-%m-%d', t.{}, '{} minutes')", m.time, self.offset_minutes), vec![]),
        }
    }

    /// The first day of the bucket (the day, or the Monday of its week) of `t.{time}`, as text.
    fn bucket(&self, m: &Metric, weekly: bool) -> (String, Vec<Value>) {
        match (self.backend, weekly) {
            (DbBackend::Postgres, true) => (
                format!("to_char(date_trunc('week', t.{} AT TIME ZONE ?), 'YYYY-MM-DD')", m.time),
                vec![self.tz.name().into()],
            ),
            (DbBackend::Postgres, false) => self.day(m),
            // Back six days, then on to the next Monday (or stay on it).
            (_, true) => (
                format!(
                    "strftime('%Y-%m-%d', t.{}, '{} minutes', '-6 days', 'weekday 1')",
                    m.time, self.offset_minutes
                ),
                vec![],
            ),
            (_, false) => self.day(m),
        }
    }

    fn applies(&self, m: &Metric) -> bool {
        !(self.project.is_some() && m.via == Via::Platform)
    }
}

fn count_of(row: &sea_orm::QueryResult, index: usize) -> i64 {
    row.try_get_by_index::<i64>(index).unwrap_or(0)
}

impl Platform {
    pub async fn dashboard(
        &self,
        actor: &Actor,
        project: Option<i32>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> CoreResult<Dashboard> {
        match project {
            Some(p) if !moderates(actor, p) => {
                return Err(if actor.viewer().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
            }
            None if !actor.is_admin() => {
                return Err(if actor.viewer().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
            }
            _ => {}
        }
        let days = (to - from).num_days() + 1;
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(CoreError::Field { field: "to", code: "dashboard_range_invalid" });
        }
        let tz = self.time_zone();
        let local_midnight = |d: NaiveDate| {
            tz.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .unwrap_or_else(|| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc())
        };
        let start = local_midnight(from);
        let window = Window {
            backend: self.db().get_database_backend(),
            start,
            end: local_midnight(to + Duration::days(1)),
            project,
            tz,
            offset_minutes: tz.offset_from_utc_datetime(&start.naive_utc()).fix().local_minus_utc() / 60,
        };
        let weekly = days > DAILY_UP_TO_DAYS;
        let mut series = Vec::new();
        for m in self.registry().metrics().iter().filter(|m| window.applies(m)) {
            series.push(self.metric_series(&window, m, from, to, weekly).await?);
        }
        let participants = self.participants(&window).await?;
        let participants_series = self.participants_series(&window, from, to, weekly).await?;
        let projects = if project.is_none() { self.activity_per_project(&window).await? } else { Vec::new() };
        let top_ideas = self.most_active_ideas(&window).await?;
        Ok(Dashboard { project, from, to, weekly, participants, participants_series, series, projects, top_ideas })
    }

    async fn metric_series(
        &self,
        w: &Window,
        m: &Metric,
        from: NaiveDate,
        to: NaiveDate,
        weekly: bool,
    ) -> CoreResult<Series> {
        let (day, mut values) = w.day(m);
        let (filter, filter_values) = w.filter(m);
        values.extend(filter_values);
        let sql = format!(
            "SELECT {day} AS day, COUNT(*) AS n FROM {table} t{join}{filter} GROUP BY 1",
            table = m.table,
            join = m.via.join()
        );
        let rows = self.db().query_all_raw(statement(w.backend, &sql, values)).await?;
        let counted: Vec<(NaiveDate, i64)> = rows
            .iter()
            .filter_map(|r| {
                let day = r.try_get_by_index::<String>(0).ok()?;
                Some((NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?, count_of(r, 1)))
            })
            .collect();
        let points = fill(from, to, weekly, counted);
        Ok(Series { metric: m.id, total: points.iter().map(|p| p.count).sum(), points })
    }

    /// Distinct people who took part, per bucket.
    async fn participants_series(
        &self,
        w: &Window,
        from: NaiveDate,
        to: NaiveDate,
        weekly: bool,
    ) -> CoreResult<Vec<Point>> {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        for m in &self.registry().participation_metrics() {
            let (bucket, bucket_values) = w.bucket(m, weekly);
            let (filter, filter_values) = w.filter(m);
            parts.push(format!(
                "SELECT {bucket} AS b, t.{user} AS u FROM {table} t{join}{filter}",
                user = m.user,
                table = m.table,
                join = m.via.join()
            ));
            values.extend(bucket_values);
            values.extend(filter_values);
        }
        let sql = format!(
            "SELECT b, COUNT(DISTINCT u) FROM ({}) x WHERE u IS NOT NULL GROUP BY b",
            parts.join(" UNION ALL ")
        );
        let rows = self.db().query_all_raw(statement(w.backend, &sql, values)).await?;
        let counted = rows
            .iter()
            .filter_map(|r| {
                let day = r.try_get_by_index::<String>(0).ok()?;
                Some((NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()?, count_of(r, 1)))
            })
            .collect();
        Ok(fill(from, to, weekly, counted))
    }

    /// Distinct people who took part in the range (signing up alone does not count).
    async fn participants(&self, w: &Window) -> CoreResult<i64> {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        for m in &self.registry().participation_metrics() {
            let (filter, v) = w.filter(m);
            parts.push(format!(
                "SELECT t.{user} AS u FROM {table} t{join}{filter}",
                user = m.user,
                table = m.table,
                join = m.via.join()
            ));
            values.extend(v);
        }
        let sql = format!("SELECT COUNT(DISTINCT u) FROM ({}) x WHERE u IS NOT NULL", parts.join(" UNION ALL "));
        let row = self.db().query_one_raw(statement(w.backend, &sql, values)).await?;
        Ok(row.map(|r| count_of(&r, 0)).unwrap_or(0))
    }

    async fn activity_per_project(&self, w: &Window) -> CoreResult<Vec<ProjectActivity>> {
        let mut out: Vec<ProjectActivity> = Vec::new();
        let mut parts = Vec::new();
        let mut all_values = Vec::new();
        let metrics = self.registry().participation_metrics();
        for (k, m) in metrics.iter().enumerate() {
            let project = m.via.project().unwrap_or("NULL");
            let (filter, values) = w.filter(m);
            let from = format!("FROM {table} t{join}{filter}", table = m.table, join = m.via.join());
            parts.push(format!("SELECT {project} AS p, t.{user} AS u {from}", user = m.user));
            all_values.extend(values.clone());
            let sql = format!("SELECT {project} AS p, COUNT(*) AS n {from} GROUP BY 1");
            for row in self.db().query_all_raw(statement(w.backend, &sql, values)).await? {
                let Ok(p) = row.try_get_by_index::<i32>(0) else { continue };
                let at = match out.iter().position(|a| a.project_id == p) {
                    Some(at) => at,
                    None => {
                        let counts = metrics.iter().map(|m| (m.id, 0)).collect();
                        out.push(ProjectActivity { project_id: p, participants: 0, counts });
                        out.len() - 1
                    }
                };
                out[at].counts[k].1 = count_of(&row, 1);
            }
        }
        let sql = format!(
            "SELECT p, COUNT(DISTINCT u) FROM ({}) x WHERE u IS NOT NULL GROUP BY p",
            parts.join(" UNION ALL ")
        );
        for row in self.db().query_all_raw(statement(w.backend, &sql, all_values)).await? {
            let Ok(p) = row.try_get_by_index::<i32>(0) else { continue };
            if let Some(a) = out.iter_mut().find(|a| a.project_id == p) {
                a.participants = count_of(&row, 1);
            }
        }
        out.sort_by(|a, b| b.participants.cmp(&a.participants).then(a.project_id.cmp(&b.project_id)));
        Ok(out)
    }

    /// The ten ideas with the most comments and reactions in the range.
    async fn most_active_ideas(&self, w: &Window) -> CoreResult<Vec<ActiveIdea>> {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        for m in self.registry().participation_metrics().iter().filter(|m| m.via == Via::Idea) {
            let (filter, v) = w.filter(m);
            parts.push(format!(
                "SELECT t.idea_id AS idea FROM {table} t{join}{filter}",
                table = m.table,
                join = m.via.join()
            ));
            values.extend(v);
        }
        let sql = format!(
            "SELECT x.idea, i.title, COUNT(*) AS n FROM ({}) x JOIN ideas i ON i.id = x.idea \
             WHERE i.hidden_at IS NULL GROUP BY x.idea, i.title ORDER BY n DESC, x.idea LIMIT 10",
            parts.join(" UNION ALL ")
        );
        let rows = self.db().query_all_raw(statement(w.backend, &sql, values)).await?;
        Ok(rows
            .iter()
            .filter_map(|r| {
                Some(ActiveIdea {
                    idea_id: r.try_get_by_index::<i32>(0).ok()?,
                    title: r.try_get_by_index::<String>(1).ok()?,
                    activity: count_of(r, 2),
                })
            })
            .collect())
    }
}

/// One point per day (or week, from its Monday) from `from` to `to`, with the counts of the
/// days in `counted` added to their bucket; the first bucket starts at `from`.
fn fill(from: NaiveDate, to: NaiveDate, weekly: bool, counted: Vec<(NaiveDate, i64)>) -> Vec<Point> {
    let bucket =
        |d: NaiveDate| if weekly { d - Duration::days(i64::from(d.weekday().num_days_from_monday())) } else { d };
    let mut points: Vec<Point> = Vec::new();
    let mut day = from;
    while day <= to {
        let key = bucket(day).max(from);
        if points.last().is_none_or(|p| p.date != key) {
            points.push(Point { date: key, count: 0 });
        }
        day += Duration::days(1);
    }
    for (date, n) in counted {
        let key = bucket(date).max(from);
        if let Some(p) = points.iter_mut().find(|p| p.date == key) {
            p.count += n;
        }
    }
    points
}

#[cfg(test)]
mod tests;

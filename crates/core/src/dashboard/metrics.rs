// SPDX-License-Identifier: AGPL-3.0-only
//! What the dashboard counts: each metric is a table, the column saying when, the column saying
//! who, and the way from a row to its project. Every query is built from these. Each module
//! declares its own metrics (`Module::metrics`, asked through the registry), so a new way of
//! taking part is one line in its module's folder; the same line tells Premium's smart groups
//! whether someone "took part" in a project.

/// How a row reaches its project.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The platform only (registrations).
    Platform,
    /// The row has `project_id`.
    Project,
    /// Through `idea_id`.
    Idea,
    /// Through `phase_id`.
    Phase,
    /// Through a table of the module's own: the joins from the row `t`, and the expression
    /// naming the project's id after them (`" JOIN events e ON e.id = t.event_id"`,
    /// `"e.project_id"`). Aliases `u`, `x` and `t` are taken.
    Joined { join: &'static str, project: &'static str },
}

impl Via {
    /// The joins that bring the project's id within reach of the row `t`.
    pub fn join(self) -> &'static str {
        match self {
            Via::Platform | Via::Project => "",
            Via::Idea => " JOIN ideas i ON i.id = t.idea_id",
            Via::Phase => " JOIN phases ph ON ph.id = t.phase_id",
            Via::Joined { join, .. } => join,
        }
    }

    /// The project's id of the row `t`.
    pub fn project(self) -> Option<&'static str> {
        match self {
            Via::Platform => None,
            Via::Project => Some("t.project_id"),
            Via::Idea => Some("i.project_id"),
            Via::Phase => Some("ph.project_id"),
            Via::Joined { project, .. } => Some(project),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Metric {
    pub id: &'static str,
    pub table: &'static str,
    pub time: &'static str,
    pub user: &'static str,
    pub via: Via,
}

impl Metric {
    pub const fn new(id: &'static str, table: &'static str, time: &'static str, user: &'static str, via: Via) -> Self {
        Self { id, table, time, user, via }
    }

    /// Whether the user `u` did this in the project given by the next `?` placeholder: a
    /// condition on a users table aliased `u`. None for what is no participation (signing up).
    pub fn took_part(&self) -> Option<String> {
        let project = self.via.project()?;
        Some(format!(
            "EXISTS (SELECT 1 FROM {table} t{join} WHERE t.{user} = u.id AND {project} = ? AND t.{time} IS NOT NULL)",
            table = self.table,
            join = self.via.join(),
            user = self.user,
            time = self.time,
        ))
    }

    /// Whether it counts taking part (not signing up).
    pub fn is_participation(&self) -> bool {
        self.via != Via::Platform
    }
}

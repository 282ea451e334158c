// SPDX-License-Identifier: AGPL-3.0-only
//! What the dashboard counts: each metric is a table, the column saying when, the column saying
//! who, and the way from a row to its project. Every query is built from these, so a new metric
//! is one line here.

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
    /// Through `cause_id`, then the cause's phase.
    Cause,
    /// Through `event_id`.
    Event,
}

impl Via {
    /// The joins that bring the project's id within reach of the row `t`.
    pub fn join(self) -> &'static str {
        match self {
            Via::Platform | Via::Project => "",
            Via::Idea => " JOIN ideas i ON i.id = t.idea_id",
            Via::Phase => " JOIN phases ph ON ph.id = t.phase_id",
            Via::Cause => " JOIN causes c ON c.id = t.cause_id JOIN phases ph ON ph.id = c.phase_id",
            Via::Event => " JOIN events e ON e.id = t.event_id",
        }
    }

    /// The project's id of the row `t`.
    pub fn project(self) -> Option<&'static str> {
        match self {
            Via::Platform => None,
            Via::Project => Some("t.project_id"),
            Via::Idea => Some("i.project_id"),
            Via::Phase | Via::Cause => Some("ph.project_id"),
            Via::Event => Some("e.project_id"),
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

pub const METRICS: [Metric; 9] = [
    Metric { id: "registrations", table: "users", time: "created_at", user: "id", via: Via::Platform },
    Metric { id: "ideas", table: "ideas", time: "published_at", user: "author_id", via: Via::Project },
    Metric { id: "comments", table: "comments", time: "created_at", user: "author_id", via: Via::Idea },
    Metric { id: "reactions", table: "reactions", time: "created_at", user: "user_id", via: Via::Idea },
    Metric { id: "votes", table: "baskets", time: "submitted_at", user: "user_id", via: Via::Phase },
    Metric { id: "poll_responses", table: "poll_responses", time: "created_at", user: "user_id", via: Via::Phase },
    Metric { id: "survey_responses", table: "survey_responses", time: "created_at", user: "user_id", via: Via::Phase },
    Metric { id: "volunteers", table: "volunteers", time: "created_at", user: "user_id", via: Via::Cause },
    Metric {
        id: "event_registrations",
        table: "event_registrations",
        time: "created_at",
        user: "user_id",
        via: Via::Event,
    },
];

/// The metrics that count taking part (not signing up).
pub fn participation() -> impl Iterator<Item = &'static Metric> {
    METRICS.iter().filter(|m| m.via != Via::Platform)
}

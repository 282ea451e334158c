// SPDX-License-Identifier: AGPL-3.0-only
//! Participation methods: what a phase of a project can be (ideation, voting, a poll,
//! volunteering…). A module declares its methods (`Module::participation_methods`); the project
//! page and the phase's part of the back office ask the registry for the method of each phase
//! and show what it answers, so neither names a method.
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::actor::ClientAddr;
use crate::modules::projects::model::phase;
use crate::permissions::MethodDef;
use crate::{Actor, CoreError, CoreResult, Platform};

/// What a method's panel on the project page is drawn for.
#[derive(Clone, Copy)]
pub struct PanelRequest<'a> {
    pub platform: &'a Platform,
    pub actor: &'a Actor,
    pub phase: &'a phase::Model,
    pub locale: &'static str,
    /// A refused form of this panel, shown in it.
    pub error: Option<&'a CoreError>,
    /// What that refused form sent, when the panel shows it filled in again (an idea form).
    pub form: Option<&'a Value>,
    /// The project page's query string (without `?`), for a panel with a list of its own.
    pub query: &'a str,
    /// The visitor's address, when known (a random order is seeded with it for visitors).
    pub client: Option<&'a ClientAddr>,
}

/// A phase the notification scheduler found starting or ending around `now`, for the notices
/// its method sends by the clock (the last day of a vote, its results).
#[derive(Clone, Copy)]
pub struct ClockRequest<'a> {
    pub platform: &'a Platform,
    pub phase: &'a phase::Model,
    pub now: DateTime<Utc>,
    /// How far back the run looks, so downtime loses nothing.
    pub since: DateTime<Utc>,
    /// The project page's address and the notices' `project` and `phase` titles.
    pub link: &'a str,
    pub values: &'a [(&'static str, String)],
}

/// Part of a page that a method draws: one of its module's templates (`Module::templates`) and
/// the data the template reads as `panel`.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    pub template: &'static str,
    pub data: Value,
}

impl Panel {
    pub fn new(template: &'static str, data: Value) -> Self {
        Self { template, data }
    }
}

/// A participation method. Only `def` is required: a method without pages of its own (an
/// information phase) is just its [`MethodDef`], which implements this trait.
#[async_trait::async_trait]
pub trait ParticipationMethod: Send + Sync + 'static {
    /// Its id, the actions it offers and the settings it reads.
    fn def(&self) -> MethodDef;

    /// What a current phase of this method shows on its project's page. The server gives the
    /// template `phase`, `can` (what the visitor may do there) and `panel` (this data).
    async fn panel(&self, _request: PanelRequest<'_>) -> CoreResult<Option<Panel>> {
        Ok(None)
    }

    /// The phase's part of its project's page in the back office (what staff set up and
    /// download there). The template also gets `project` and `phase`.
    async fn admin_panel(
        &self,
        _platform: &Platform,
        _actor: &Actor,
        _phase: &phase::Model,
        _locale: &'static str,
    ) -> CoreResult<Option<Panel>> {
        Ok(None)
    }

    /// Notices a phase of this method sends by the clock, each once
    /// (`Platform::notify_once`); answers how many went out. The phase's start is announced
    /// for every method by the scheduler itself.
    async fn clock_notices(&self, _request: ClockRequest<'_>) -> CoreResult<usize> {
        Ok(0)
    }

    /// The address of the phase's results page, which the project's timeline links to once the
    /// phase has started and its results are open to the visitor.
    fn results_page(&self, _phase_id: i32) -> Option<String> {
        None
    }
}

#[async_trait::async_trait]
impl ParticipationMethod for MethodDef {
    fn def(&self) -> MethodDef {
        *self
    }
}

/// A method as the registry holds it.
pub type Method = Arc<dyn ParticipationMethod>;

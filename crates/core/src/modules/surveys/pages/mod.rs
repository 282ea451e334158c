// SPDX-License-Identifier: AGPL-3.0-only
//! Surveys' pages: the panel on the project page, the form residents answer page by page, the
//! results, the builder in the back office and the CSV.
use axum::Router;
use axum::routing::{get, post};
use serde_json::{Value, json};

use super::questions::QuestionKind;
use super::service::SURVEY;
use crate::methods::{Panel, PanelRequest, ParticipationMethod};
use crate::modules::projects::model::phase;
use crate::permissions::MethodDef;
use crate::{Actor, CoreResult, Platform};

mod builder;
mod form;
mod results;

/// Surveys as a participation method: its definition, its panels and its results page.
#[derive(Debug, Default)]
pub struct Survey;

#[async_trait::async_trait]
impl ParticipationMethod for Survey {
    fn def(&self) -> MethodDef {
        super::SURVEY_METHOD
    }

    /// What the survey asks and where to answer it (the form has a page of its own).
    async fn panel(&self, PanelRequest { platform, actor, phase, .. }: PanelRequest<'_>) -> CoreResult<Option<Panel>> {
        let view = platform.survey(actor, phase.id).await?;
        let data = json!({
            "phase": phase.id,
            "questions": view.questions.iter().filter(|q| q.kind != QuestionKind::PageBreak).count(),
            "pages": view.pages(),
            "answered": view.answered,
            "results_visible": view.results_visible,
            "responses": view.responses,
        });
        Ok(Some(Panel::new("surveys/panel.html", data)))
    }

    /// The way to the builder.
    async fn admin_panel(
        &self,
        _platform: &Platform,
        _actor: &Actor,
        _phase: &phase::Model,
        _locale: &'static str,
    ) -> CoreResult<Option<Panel>> {
        Ok(Some(Panel::new("surveys/admin_panel.html", Value::Null)))
    }

    fn results_page(&self, phase_id: i32) -> Option<String> {
        Some(format!("/phases/{phase_id}/{SURVEY}/results"))
    }
}

pub fn routes() -> Router<Platform> {
    Router::new()
        .route("/phases/{id}/survey", get(form::show).post(form::submit))
        .route("/phases/{id}/survey/results", get(results::show))
        .route("/admin/projects/{id}/phases/{phase}/survey", get(builder::show).post(builder::add))
        .route("/admin/projects/{id}/phases/{phase}/survey/{question}", post(builder::update))
        .route("/admin/projects/{id}/phases/{phase}/survey/{question}/delete", post(builder::delete))
        .route("/admin/projects/{id}/phases/{phase}/survey/{question}/move", post(builder::move_question))
        .route("/admin/phases/{id}/survey.csv", get(results::csv))
}

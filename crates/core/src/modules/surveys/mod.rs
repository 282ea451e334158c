// SPDX-License-Identifier: AGPL-3.0-only
//! Native surveys (issue #5): a form builder with text, choice, number, scale, matrix and date
//! questions over pages; one response per resident, or anonymous responses where the phase is
//! open to everyone; results per question and a CSV.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef, SettingDef, SettingKind};

pub mod answers;
mod exports;
mod graphql;
pub mod model;
mod pages;
mod personal_data;
pub mod questions;
mod respondents;
mod results;
mod service;
#[cfg(test)]
pub(crate) mod tests;

pub use answers::AnswerInput;
pub use questions::{QuestionInput, QuestionKind, SurveyQuestion};
pub use results::{QuestionResults, SurveyResults, TEXTS_SHOWN};
pub use service::{SURVEY, SurveyView};

/// Residents answer the survey's questions.
pub const SURVEY_METHOD: MethodDef = MethodDef {
    id: SURVEY,
    actions: &[TAKING_SURVEY],
    settings: &[SettingDef { key: "results_public", kind: SettingKind::Switch(false), gates: None }],
};

/// Answering a survey.
pub const TAKING_SURVEY: Action = Action::new("taking_survey");

#[derive(Debug, Default)]
pub struct SurveysModule;

#[async_trait::async_trait]
impl Module for SurveysModule {
    fn id(&self) -> &'static str {
        "surveys"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn exports(&self) -> Vec<std::sync::Arc<dyn crate::exports::ExportSource>> {
        vec![std::sync::Arc::new(exports::SurveyResponses)]
    }

    fn metrics(&self) -> Vec<crate::dashboard::metrics::Metric> {
        use crate::dashboard::metrics::{Metric, Via};
        vec![Metric::new("survey_responses", "survey_responses", "created_at", "user_id", Via::Phase)]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(pages::Survey)]
    }

    fn routes(&self) -> Option<axum::Router<crate::Platform>> {
        Some(pages::routes())
    }

    fn templates(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("surveys/panel.html", include_str!("templates/panel.html")),
            ("surveys/admin_panel.html", include_str!("templates/admin_panel.html")),
            ("surveys/form.html", include_str!("templates/form.html")),
            ("surveys/results.html", include_str!("templates/results.html")),
            ("surveys/builder.html", include_str!("templates/builder.html")),
        ]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("locales/en.ftl")),
            ("nl", include_str!("locales/nl.ftl")),
            ("fr", include_str!("locales/fr.ftl")),
        ]
    }
    async fn export_personal_data(
        &self,
        db: &sea_orm::DatabaseConnection,
        user_id: i32,
    ) -> Result<Option<serde_json::Value>, sea_orm::DbErr> {
        personal_data::export(db, user_id).await
    }

    async fn erase_personal_data(
        &self,
        txn: &crate::db::WriteTxn,
        user_id: i32,
        _mode: crate::Erasure,
    ) -> Result<(), sea_orm::DbErr> {
        personal_data::erase(txn, user_id).await
    }
}

impl ModuleGraphql for SurveysModule {
    type Query = graphql::SurveysQuery;
    type Mutation = graphql::SurveysMutation;
}

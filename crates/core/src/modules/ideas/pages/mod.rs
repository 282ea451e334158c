// SPDX-License-Identifier: AGPL-3.0-only
//! Ideation's pages: the panel of a current ideation phase on its project's page (the idea form,
//! the visitor's drafts, and the phase's ideas with their order, filters and search), and what
//! every page showing ideas shares: an idea as a card shows it and the idea form's choices.
use crate::CoreResult;
use crate::methods::{Panel, PanelRequest, ParticipationMethod};
use crate::permissions::MethodDef;

mod card;
mod list;
mod panel;

pub use card::{form_options, idea_card, status_value};

/// Ideation as a participation method: its definition and its panel.
#[derive(Debug, Default)]
pub struct Ideation;

#[async_trait::async_trait]
impl ParticipationMethod for Ideation {
    fn def(&self) -> MethodDef {
        super::IDEATION
    }

    async fn panel(&self, request: PanelRequest<'_>) -> CoreResult<Option<Panel>> {
        Ok(Some(Panel::new("ideas/panel.html", panel::panel(request).await?)))
    }
}

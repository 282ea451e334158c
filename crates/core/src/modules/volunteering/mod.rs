// SPDX-License-Identifier: AGPL-3.0-only
//! Volunteering phases (issue #5): causes residents volunteer for.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::{Action, MethodDef};

mod graphql;
pub mod model;
mod service;
#[cfg(test)]
mod tests;

pub use service::VOLUNTEERING;

/// Residents volunteer for causes.
pub const VOLUNTEERING_METHOD: MethodDef =
    MethodDef { id: VOLUNTEERING, actions: &[Action::Volunteering], settings: &[] };

#[derive(Debug, Default)]
pub struct VolunteeringModule;

#[async_trait::async_trait]
impl Module for VolunteeringModule {
    fn id(&self) -> &'static str {
        "volunteering"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn participation_methods(&self) -> Vec<MethodDef> {
        vec![VOLUNTEERING_METHOD]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/volunteering.ftl")),
            ("nl", include_str!("../../../locales/nl/volunteering.ftl")),
            ("fr", include_str!("../../../locales/fr/volunteering.ftl")),
        ]
    }
}

impl ModuleGraphql for VolunteeringModule {
    type Query = graphql::VolunteeringQuery;
    type Mutation = graphql::VolunteeringMutation;
}

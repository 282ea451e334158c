// SPDX-License-Identifier: AGPL-3.0-only
//! Projects, their timeline of phases, and the participation method `information` (a phase
//! where residents read); the other methods are their modules' (`ideas`, `voting`…).
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;
use crate::permissions::MethodDef;

mod action_scalar;
mod catalogue;
mod graphql;
mod loaders;
pub mod model;
mod moderators;
pub mod multiloc;
mod open_data;
mod phase_settings;
mod phase_timing;
mod phases;
mod project_media;
pub(crate) mod snapshot;
mod taxonomy;
mod taxonomy_graphql;
#[cfg(test)]
mod tests;

pub use catalogue::{ADMINS_ONLY, ARCHIVED, DRAFT, GROUPS, PUBLIC, PUBLISHED, ProjectChanges, can_see};
pub(crate) use graphql::{ActionPermission, locale_of};
pub use moderators::moderated_projects;
pub use phase_settings::effective_settings;
pub use phase_timing::PhaseTiming;
pub use phases::{DEFAULT_PERMITTED_BY, PhaseInput};
pub use taxonomy::{Taxonomy, Term};

/// Residents read; nothing to do.
pub const INFORMATION: MethodDef = MethodDef { id: "information", actions: &[], settings: &[] };

#[derive(Debug, Default)]
pub struct ProjectsModule;

#[async_trait::async_trait]
impl Module for ProjectsModule {
    fn id(&self) -> &'static str {
        "projects"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn open_datasets(&self) -> Vec<crate::open_data::Dataset> {
        use crate::open_data::Dataset;
        vec![Dataset::new(open_data::Projects), Dataset::new(open_data::Phases)]
    }

    fn participation_methods(&self) -> Vec<crate::methods::Method> {
        vec![std::sync::Arc::new(INFORMATION)]
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/projects.ftl")),
            ("nl", include_str!("../../../locales/nl/projects.ftl")),
            ("fr", include_str!("../../../locales/fr/projects.ftl")),
        ]
    }
}

impl ModuleGraphql for ProjectsModule {
    type Query = graphql::ProjectsQuery;
    type Mutation = graphql::ProjectsMutation;
}

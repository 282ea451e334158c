// SPDX-License-Identifier: AGPL-3.0-only
//! Batch loading for project lists: every project's phases, and the engine's answers for every
//! phase, each in a fixed number of queries per request.
use std::collections::HashMap;

use async_graphql::dataloader::Loader;

use super::model::phase;
use crate::graphql::{Loaders, to_gql};
use crate::permissions::{Action, Denial, PermittedBy};

/// The phases of a project, in time order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PhasesOf(pub i32);

/// What the asking user may do in a phase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct AbilitiesIn(pub i32);

pub type Abilities = Vec<(Action, PermittedBy, Result<(), Denial>)>;

impl Loader<PhasesOf> for Loaders {
    type Value = Vec<phase::Model>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[PhasesOf]) -> Result<HashMap<PhasesOf, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let phases = self.platform.phases_of(&ids).await.map_err(to_gql)?;
        let mut out: HashMap<PhasesOf, Self::Value> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for found in phases {
            out.entry(PhasesOf(found.project_id)).or_default().push(found);
        }
        Ok(out)
    }
}

impl Loader<AbilitiesIn> for Loaders {
    type Value = Abilities;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[AbilitiesIn]) -> Result<HashMap<AbilitiesIn, Self::Value>, Self::Error> {
        let ids: Vec<i32> = keys.iter().map(|k| k.0).collect();
        let snapshot = self.platform.snapshot().await.map_err(to_gql)?;
        let phases: Vec<_> = ids.iter().filter_map(|id| snapshot.phase(*id).cloned()).collect();
        let answers = self.platform.abilities_of(&self.actor, &phases, None).await.map_err(to_gql)?;
        Ok(answers.into_iter().map(|(id, a)| (AbilitiesIn(id), a)).collect())
    }
}

/// A project's topic or area ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TermsOf(pub super::Taxonomy, pub i32);

impl Loader<TermsOf> for Loaders {
    type Value = Vec<i32>;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[TermsOf]) -> Result<HashMap<TermsOf, Self::Value>, Self::Error> {
        let mut out: HashMap<TermsOf, Vec<i32>> = keys.iter().map(|k| (*k, Vec::new())).collect();
        for kind in [super::Taxonomy::Topic, super::Taxonomy::Area] {
            let ids: Vec<i32> = keys.iter().filter(|k| k.0 == kind).map(|k| k.1).collect();
            for (project, term) in self.platform.project_terms(kind, &ids).await.map_err(to_gql)? {
                out.entry(TermsOf(kind, project)).or_default().push(term);
            }
        }
        Ok(out)
    }
}

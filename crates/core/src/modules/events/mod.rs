// SPDX-License-Identifier: AGPL-3.0-only
//! Events of projects (issue #5): registration with a capacity that holds under concurrency,
//! and iCalendar files.
use townhall_license::Edition;

use crate::Module;
use crate::graphql::ModuleGraphql;

mod graphql;
mod ics;
pub mod model;
mod service;
#[cfg(test)]
mod tests;

pub use service::EventInput;

#[derive(Debug, Default)]
pub struct EventsModule;

#[async_trait::async_trait]
impl Module for EventsModule {
    fn id(&self) -> &'static str {
        "events"
    }

    fn edition(&self) -> Edition {
        Edition::Core
    }

    fn translations(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            ("en", include_str!("../../../locales/en/events.ftl")),
            ("nl", include_str!("../../../locales/nl/events.ftl")),
            ("fr", include_str!("../../../locales/fr/events.ftl")),
        ]
    }
}

impl ModuleGraphql for EventsModule {
    type Query = graphql::EventsQuery;
    type Mutation = graphql::EventsMutation;
}

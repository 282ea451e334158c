// SPDX-License-Identifier: AGPL-3.0-only
//! The only place that knows which editions were compiled in. Everything else asks the registry.
use std::sync::Arc;

use townhall_core::{Edition, Module};

/// The edition this binary was built as.
pub const EDITION: Edition = if cfg!(feature = "premium") {
    Edition::Premium
} else if cfg!(feature = "standard") {
    Edition::Standard
} else {
    Edition::Core
};

/// Every module compiled in: core's, then Standard's, then Premium's.
pub fn modules() -> Vec<Arc<dyn Module>> {
    #[allow(unused_mut)]
    let mut modules = townhall_core::modules::modules();
    #[cfg(feature = "standard")]
    modules.extend(townhall_standard::modules());
    #[cfg(feature = "premium")]
    modules.extend(townhall_premium::modules());
    modules
}

/// Core's modules only: what a core build would have.
pub fn core_modules() -> Vec<Arc<dyn Module>> {
    townhall_core::modules::modules()
}

#[cfg(feature = "standard")]
pub use townhall_standard::{Mutation as StandardMutation, Query as StandardQuery};
#[cfg(not(feature = "standard"))]
pub type StandardQuery = townhall_core::graphql::NoGraphql;
#[cfg(not(feature = "standard"))]
pub type StandardMutation = townhall_core::graphql::NoGraphql;

#[cfg(feature = "premium")]
pub use townhall_premium::{Mutation as PremiumMutation, Query as PremiumQuery};
#[cfg(not(feature = "premium"))]
pub type PremiumQuery = townhall_core::graphql::NoGraphql;
#[cfg(not(feature = "premium"))]
pub type PremiumMutation = townhall_core::graphql::NoGraphql;

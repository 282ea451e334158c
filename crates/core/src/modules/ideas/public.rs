// SPDX-License-Identifier: AGPL-3.0-only
//! Which ideas anyone may see, in a project they may see: published (not a draft) and not
//! hidden by a moderator. The change feed and the open-data export both ask here.
use sea_orm::{ColumnTrait, Condition};

use super::model::idea;

/// Whether `found` is shown to everyone who may see its project.
pub fn is_public(found: &idea::Model) -> bool {
    found.published_at.is_some() && found.hidden_at.is_none()
}

/// The same rule as a query condition.
pub fn public_condition() -> Condition {
    Condition::all().add(idea::Column::PublishedAt.is_not_null()).add(idea::Column::HiddenAt.is_null())
}

// SPDX-License-Identifier: AGPL-3.0-only
//! What a module exports (`Module::exports`): one [`ExportSource`] per kind of rows, each read a
//! page at a time with a keyset cursor. The exports page, the CLI and the file formats list the
//! registry's sources, so none of them names a kind.
use sea_orm::Condition;

use super::{Cursor, ExportRequest};
use crate::{CoreResult, Platform};

/// A page of rows, as cells.
pub type Rows = Vec<Vec<String>>;

/// Which rows an export covers: the request, and its project's phases when it is for one
/// project.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub request: &'a ExportRequest,
    pub phases: Option<&'a [i32]>,
}

impl Scope<'_> {
    /// The request's project, if any.
    pub fn project(&self) -> Option<i32> {
        self.request.project
    }

    /// The project's phases (none for the whole platform).
    pub fn phases(&self) -> &[i32] {
        self.phases.unwrap_or(&[])
    }

    /// The language of the texts the rows carry.
    pub fn locale(&self) -> &str {
        &self.request.locale
    }
}

/// One kind of export.
#[async_trait::async_trait]
pub trait ExportSource: Send + Sync + 'static {
    /// Its name in addresses, file names and the CLI (`poll-responses`); the exports page shows
    /// `t('exports-kind-<id>')`.
    fn id(&self) -> &'static str;

    /// The columns; `personal` adds the e-mail addresses where there are some.
    fn header(&self, personal: bool) -> Vec<&'static str>;

    /// Whether the rows name residents (administrators may then ask for their e-mail addresses).
    fn has_personal_data(&self) -> bool {
        false
    }

    /// Whether the rows are the people themselves (the users' list): only for the whole
    /// platform, and only to administrators who confirm they need the personal data.
    fn people_register(&self) -> bool {
        false
    }

    /// What the rows are filtered on, whatever the page.
    fn condition(&self, scope: Scope<'_>) -> Condition;

    /// How many rows there are (for progress).
    async fn count(&self, platform: &Platform, condition: Condition) -> CoreResult<u64>;

    /// The page after `cursor`, and the cursor after it ([`Cursor::Done`] at the end).
    async fn page(
        &self,
        platform: &Platform,
        scope: Scope<'_>,
        condition: Condition,
        cursor: Cursor,
    ) -> CoreResult<(Rows, Cursor)>;
}

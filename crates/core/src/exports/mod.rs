// SPDX-License-Identifier: AGPL-3.0-only
//! CSV exports for the organisation (issue #6). An export is read a page at a time with a
//! keyset cursor and handed out as one CSV chunk per page, so memory stays flat whatever the
//! size: the server streams the chunks into the response, the CLI writes them to a file.
//!
//! Administrators export anything, for the platform or one project; moderators export their
//! projects. Names and e-mail addresses of residents (users, volunteers, registrations) come
//! only to administrators who confirm they need them, and every such export is in the audit log.
use serde_json::json;

use crate::modules::accounts::audit;
use crate::permissions::moderates;
use crate::{Actor, CoreError, CoreResult, Platform};

mod csv_text;
mod formats;
pub(crate) mod rows;
mod source;

pub use csv_text::{CsvText, csv_text};
pub use formats::{ExportFormat, Progress};
pub use rows::PAGE_ROWS;
pub(crate) use rows::plain;
pub use source::{ExportSource, Rows, Scope};

/// What to export.
#[derive(Debug, Clone)]
pub struct ExportRequest {
    /// The export's id (`ideas`, `poll-responses`…), one of the registry's
    /// ([`crate::Registry::exports`]).
    pub kind: String,
    /// One project, or the whole platform (administrators only).
    pub project: Option<i32>,
    /// Names and e-mail addresses, for administrators who confirmed they need them.
    pub personal: bool,
    pub locale: String,
}

/// Where the next page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    Start,
    After(i32),
    AfterPair(i32, i32),
    Done,
}

/// A download made a piece at a time (an export, a ballot file), so that its memory stays flat;
/// the server streams the pieces as they come.
pub trait ChunkSource: Send + 'static {
    /// The next piece, `None` at the end.
    fn next_chunk(&mut self) -> impl std::future::Future<Output = CoreResult<Option<String>>> + Send;
}

impl ChunkSource for Export {
    async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        Export::next_chunk(self).await
    }
}

/// An export being read: call `next_chunk` until it returns `None`.
pub struct Export {
    platform: Platform,
    source: std::sync::Arc<dyn ExportSource>,
    request: ExportRequest,
    /// What the rows are filtered on, worked out once.
    condition: sea_orm::Condition,
    /// The project's phases, when the export is for one project.
    phases: Option<Vec<i32>>,
    cursor: Cursor,
    header_sent: bool,
    /// Rows handed out so far, for progress.
    pub rows: u64,
    /// Rows there are (counted when the export started), for progress.
    pub total: u64,
}

impl Export {
    /// The next rows as cells: the header row first, then one page of rows at a time (what
    /// formats other than CSV write).
    pub async fn next_rows(&mut self) -> CoreResult<Option<Vec<Vec<String>>>> {
        if !self.header_sent {
            self.header_sent = true;
            let header = self.source.header(self.request.personal);
            return Ok(Some(vec![header.iter().map(|h| (*h).to_owned()).collect()]));
        }
        if self.cursor == Cursor::Done {
            return Ok(None);
        }
        let scope = Scope { request: &self.request, phases: self.phases.as_deref() };
        let (lines, next) = self.source.page(&self.platform, scope, self.condition.clone(), self.cursor).await?;
        self.cursor = next;
        self.rows += lines.len() as u64;
        Ok((!lines.is_empty()).then_some(lines))
    }

    /// The next piece of the CSV: the header first, then one page of rows at a time.
    pub async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        match self.next_rows().await? {
            Some(lines) => Ok(Some(csv_text(lines)?)),
            None => Ok(None),
        }
    }

    /// The export's id (`ideas`, `poll-responses`…).
    pub fn kind(&self) -> &'static str {
        self.source.id()
    }

    /// `ideas.csv`, `comments-project-3.xlsx`, …
    pub fn file_name_as(&self, extension: &str) -> String {
        match self.request.project {
            Some(p) => format!("{}-project-{p}.{extension}", self.kind()),
            None => format!("{}.{extension}", self.kind()),
        }
    }

    pub fn file_name(&self) -> String {
        self.file_name_as("csv")
    }
}

impl Platform {
    /// Starts an export after checking who asks; personal exports are logged.
    pub async fn start_export(&self, actor: &Actor, request: ExportRequest) -> CoreResult<Export> {
        let source = self
            .registry()
            .export(&request.kind)
            .ok_or(CoreError::Field { field: "kind", code: "export_kind_invalid" })?;
        match request.project {
            None if !actor.is_admin() => {
                return Err(if actor.viewer().is_none() { CoreError::NotSignedIn } else { CoreError::Forbidden });
            }
            Some(project) => {
                self.project_for_change(actor, project).await?;
            }
            None => {}
        }
        if source.people_register() && !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        if source.people_register() && request.project.is_some() {
            return Err(CoreError::Field { field: "project", code: "export_users_platform_only" });
        }
        // Some kinds have no personal variant at all (votes are pseudonymous by design): say so
        // to the administrator instead of pretending they lack the right.
        if request.personal && !source.has_personal_data() {
            return Err(CoreError::Field { field: "personal", code: "export_no_personal_variant" });
        }
        if request.personal && !actor.is_admin() {
            return Err(CoreError::Forbidden);
        }
        if source.people_register() && !request.personal {
            return Err(CoreError::Field { field: "personal", code: "export_confirm_personal" });
        }
        let phases = match request.project {
            Some(project) => Some(self.phases(project).await?.into_iter().map(|p| p.id).collect()),
            None => None,
        };
        if request.personal {
            let txn = crate::db::begin_write(self.db()).await?;
            let detail = json!({ "kind": source.id(), "project": request.project });
            audit::record(&txn, actor, "export.personal_data", "platform", None, detail).await?;
            txn.commit().await?;
        }
        let condition = source.condition(Scope { request: &request, phases: phases.as_deref() });
        let total = source.count(self, condition.clone()).await?;
        Ok(Export {
            platform: self.clone(),
            source,
            condition,
            request,
            phases,
            cursor: Cursor::Start,
            header_sent: false,
            rows: 0,
            total,
        })
    }

    /// Whether `actor` may export anything (the back office shows the page to them).
    pub fn may_export(actor: &Actor, project: Option<i32>) -> bool {
        actor.is_admin() || project.is_some_and(|p| moderates(actor, p))
    }
}

#[cfg(test)]
mod tests;

// SPDX-License-Identifier: AGPL-3.0-only
//! Export formats besides CSV, contributed by modules (the Standard edition's XLSX). A format
//! writes a whole export into a file, page by page; the server then streams the file and the
//! command line renames it into place, so a failed export leaves nothing half-written.
use std::path::Path;
use std::sync::Arc;

use super::Export;
use crate::{CoreError, CoreResult, Platform};

/// Told the rows written so far, for a progress bar.
pub type Progress<'a> = &'a (dyn Fn(u64) + Send + Sync);

#[async_trait::async_trait]
pub trait ExportFormat: Send + Sync {
    /// `xlsx`: how downloads (`format=xlsx`) and `townhall export --format` name it.
    fn id(&self) -> &'static str;

    /// The feature that must be active.
    fn feature(&self) -> &'static str;

    fn content_type(&self) -> &'static str;

    /// Writes every row of `export` into `file`.
    async fn write(&self, export: &mut Export, file: &Path, progress: Progress<'_>) -> CoreResult<()>;
}

impl Platform {
    /// The format `id` when it is compiled in and its feature is active. CSV is built in and
    /// not one of these.
    pub async fn export_format(&self, id: &str) -> CoreResult<Arc<dyn ExportFormat>> {
        let found = self.registry().modules().iter().flat_map(|m| m.export_formats()).find(|f| f.id() == id);
        let format = found.ok_or(CoreError::Field { field: "format", code: "export_format_invalid" })?;
        self.require_active(format.feature()).await?;
        Ok(format)
    }

    /// The ids of the formats that can be chosen now, besides CSV.
    pub async fn export_formats(&self) -> Vec<&'static str> {
        let mut ids = Vec::new();
        for format in self.registry().modules().iter().flat_map(|m| m.export_formats()) {
            if self.is_active(format.feature()).await {
                ids.push(format.id());
            }
        }
        ids
    }
}

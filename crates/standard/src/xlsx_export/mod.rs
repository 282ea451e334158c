// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! XLSX exports (Standard): every CSV export of the back office and of `townhall export` also
//! as an Excel workbook. The rows are read a page at a time, as for CSV, and handed to a
//! writer thread that keeps only the current row in memory (the workbook's constant-memory
//! mode spills rows to a temporary file until the zip is assembled at the end).
use std::path::Path;
use std::sync::Arc;

use townhall_core::exports::{Export, ExportFormat, Progress};
use townhall_core::{CoreError, CoreResult, Edition, FeatureDef, Module, async_trait};

mod sheet;

pub const FEATURE: &str = "xlsx_export";

#[derive(Debug, Default)]
pub struct XlsxExport;

#[async_trait]
impl Module for XlsxExport {
    fn id(&self) -> &'static str {
        FEATURE
    }

    fn edition(&self) -> Edition {
        Edition::Standard
    }

    fn features(&self) -> Vec<FeatureDef> {
        vec![FeatureDef::new(FEATURE, Edition::Standard, "XLSX exports")]
    }

    fn export_formats(&self) -> Vec<Arc<dyn ExportFormat>> {
        vec![Arc::new(Xlsx)]
    }
}

impl townhall_core::graphql::ModuleGraphql for XlsxExport {
    type Query = townhall_core::graphql::NoGraphql;
    type Mutation = townhall_core::graphql::NoGraphql;
}

struct Xlsx;

#[async_trait]
impl ExportFormat for Xlsx {
    fn id(&self) -> &'static str {
        "xlsx"
    }

    fn feature(&self) -> &'static str {
        FEATURE
    }

    fn content_type(&self) -> &'static str {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    }

    async fn write(&self, export: &mut Export, file: &Path, progress: Progress<'_>) -> CoreResult<()> {
        // Two pages in flight at most: the reader waits for the writer, memory stays flat.
        let (pages, received) = std::sync::mpsc::sync_channel::<Vec<Vec<String>>>(2);
        let target = file.to_owned();
        let sheet_name = export.kind().to_owned();
        let writer = tokio::task::spawn_blocking(move || sheet::write(&target, &sheet_name, received));
        let mut read = Ok(());
        loop {
            match export.next_rows().await {
                Ok(Some(rows)) => {
                    if pages.send(rows).is_err() {
                        break; // the writer stopped; its error is below
                    }
                    progress(export.rows);
                }
                Ok(None) => break,
                Err(e) => {
                    read = Err(e);
                    break;
                }
            }
        }
        drop(pages);
        let written = writer.await.map_err(|e| CoreError::Invalid { field: "xlsx".into(), message: e.to_string() })?;
        read?;
        written.map_err(|e| {
            tracing::error!(error = %e, "the XLSX export could not be written");
            CoreError::Field { field: "format", code: "export_write_failed" }
        })
    }
}

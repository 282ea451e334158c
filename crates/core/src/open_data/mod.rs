// SPDX-License-Identifier: AGPL-3.0-only
//! Open data (issue #15): the platform's public content as datasets a city's open-data portal
//! can publish, as CSV and JSON, described by one data dictionary ([`dictionary`]).
//!
//! Only what anyone sees on the public site goes in, by the site's own rules: the projects an
//! anonymous visitor may see ([`Platform::projects`]), their public ideas
//! ([`crate::modules::ideas::public_condition`]) and the results of the phases whose results
//! are public now ([`Platform::phase_results_open`], through the results pages' services).
//! Nothing about the people taking part is written: no author, name, e-mail address or user
//! id, and no one's single vote or answer (only totals).
//!
//! A dataset is read a page at a time with a keyset cursor and handed out in chunks, so a large
//! platform streams in flat memory (like the exports).
use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};

use crate::modules::projects::model::{phase, project};
use crate::{Actor, CoreResult, Platform};

pub mod dictionary;
pub mod rows;
#[cfg(test)]
mod tests;

pub use dictionary::{Field, FieldType};
pub use rows::Page;

/// Ideas read per page.
pub const PAGE_ROWS: u64 = 500;

/// A kind of rows of the open-data export, declared by the module whose data it holds
/// (`Module::open_datasets`): the projects module's projects and phases, the ideas module's
/// ideas, voting's and polls' results.
#[async_trait::async_trait]
pub trait DatasetSource: Send + Sync + 'static {
    /// Its name, also its file name (`ideas.csv`) and the stem of its messages
    /// (`open-data-dataset-ideas`, `open-data-dataset-ideas-summary`).
    fn name(&self) -> &'static str;

    /// Its columns, in order.
    fn fields(&self) -> &'static [Field];

    /// Progress steps of the whole dataset (its rows; the phases it reads, for results).
    async fn count(&self, platform: &Platform, scope: &Scope) -> CoreResult<u64>;

    /// The rows at `cursor`, and where the next page starts.
    async fn page(&self, platform: &Platform, scope: &Scope, cursor: Cursor) -> CoreResult<Page>;
}

/// A dataset as the registry lists it.
#[derive(Clone)]
pub struct Dataset(Arc<dyn DatasetSource>);

impl Dataset {
    pub fn new(source: impl DatasetSource) -> Self {
        Self(Arc::new(source))
    }

    /// The dataset's name, also its file name (`ideas.csv`).
    pub fn as_str(&self) -> &'static str {
        self.0.name()
    }

    /// Its columns, in order.
    pub fn fields(&self) -> &'static [Field] {
        self.0.fields()
    }

    /// The message of its name (`open-data-dataset-ideas`).
    pub fn title_message(&self) -> String {
        format!("open-data-dataset-{}", self.as_str())
    }

    /// The message saying what one row is and what is left out.
    pub fn summary_message(&self) -> String {
        format!("open-data-dataset-{}-summary", self.as_str())
    }
}

impl PartialEq for Dataset {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Debug for Dataset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The two formats of every dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RFC 4180, a header row with the field names, UTF-8.
    Csv,
    /// One array of objects keyed by the field names, values typed (`null` for empty).
    Json,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Csv, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }

    pub fn parse(extension: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == extension)
    }
}

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Null,
    Integer(i64),
    Number(f64),
    Boolean(bool),
    Text(String),
    DateTime(DateTime<Utc>),
}

impl Cell {
    /// The CSV text: empty for null, RFC 3339 in UTC for moments.
    fn csv(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(x) => x.to_string(),
            Cell::Boolean(b) => b.to_string(),
            Cell::Text(t) => t.clone(),
            Cell::DateTime(at) => at.to_rfc3339_opts(SecondsFormat::Secs, true),
        }
    }

    fn json(&self) -> serde_json::Value {
        match self {
            Cell::Null => serde_json::Value::Null,
            Cell::Integer(n) => (*n).into(),
            Cell::Number(x) => (*x).into(),
            Cell::Boolean(b) => (*b).into(),
            Cell::Text(t) => t.clone().into(),
            Cell::DateTime(at) => at.to_rfc3339_opts(SecondsFormat::Secs, true).into(),
        }
    }

    /// Whether the cell fits a field of type `kind` (empty fits every type).
    pub fn fits(&self, kind: FieldType) -> bool {
        matches!(
            (self, kind),
            (Cell::Null, _)
                | (Cell::Integer(_), FieldType::Integer)
                | (Cell::Number(_), FieldType::Number)
                | (Cell::Boolean(_), FieldType::Boolean)
                | (Cell::Text(_), FieldType::Text)
                | (Cell::DateTime(_), FieldType::DateTime)
        )
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Cell {
        value.map_or(Cell::Null, Into::into)
    }
}

impl From<i64> for Cell {
    fn from(n: i64) -> Cell {
        Cell::Integer(n)
    }
}

impl From<i32> for Cell {
    fn from(n: i32) -> Cell {
        Cell::Integer(n.into())
    }
}

impl From<f64> for Cell {
    fn from(x: f64) -> Cell {
        Cell::Number(x)
    }
}

impl From<bool> for Cell {
    fn from(b: bool) -> Cell {
        Cell::Boolean(b)
    }
}

impl From<String> for Cell {
    fn from(t: String) -> Cell {
        Cell::Text(t)
    }
}

impl From<DateTime<Utc>> for Cell {
    fn from(at: DateTime<Utc>) -> Cell {
        Cell::DateTime(at)
    }
}

pub type Row = Vec<Cell>;

/// What every dataset reads from: the projects anyone may see and their phases, by id, and
/// the language of names that have one per platform (topics and areas).
pub struct Scope {
    pub projects: Vec<project::Model>,
    pub phases: Vec<phase::Model>,
    pub locale: &'static str,
}

/// Where the next page starts: after a key (an idea's, a phase's), or done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cursor {
    Start,
    After(i32),
    Done,
}

/// A dataset being written: call [`OpenData::next_chunk`] until it returns `None`.
pub struct OpenData {
    platform: Platform,
    dataset: Dataset,
    format: Format,
    scope: Scope,
    cursor: Cursor,
    opened: bool,
    closed: bool,
    rows_written: u64,
    /// Steps done (rows, or phases for results), for progress.
    pub steps: u64,
    /// Steps there are (counted when it started).
    pub total: u64,
}

impl OpenData {
    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// `ideas.csv`, `voting-results.json`…
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.dataset.as_str(), self.format.extension())
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows_written
    }

    /// The next rows, a page at a time; `None` at the end.
    pub async fn next_rows(&mut self) -> CoreResult<Option<Vec<Row>>> {
        while self.cursor != Cursor::Done {
            let page = self.dataset.0.page(&self.platform, &self.scope, self.cursor).await?;
            self.cursor = page.next;
            self.steps += page.steps;
            if !page.rows.is_empty() {
                debug_assert!(page.rows.iter().all(|r| r.len() == self.dataset.fields().len()));
                return Ok(Some(page.rows));
            }
        }
        Ok(None)
    }

    /// The next piece of the file: its start (the CSV header, `[`), then a page of rows at a
    /// time, then its end (`]` for JSON).
    pub async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        if !self.opened {
            self.opened = true;
            return Ok(Some(match self.format {
                Format::Csv => crate::exports::csv_text([self.dataset.fields().iter().map(|f| f.name)])?,
                Format::Json => "[".to_owned(),
            }));
        }
        if self.closed {
            return Ok(None);
        }
        let Some(rows) = self.next_rows().await? else {
            self.closed = true;
            return Ok(match self.format {
                Format::Csv => None,
                Format::Json => Some(if self.rows_written == 0 { "]\n" } else { "\n]\n" }.to_owned()),
            });
        };
        let chunk = match self.format {
            Format::Csv => csv_chunk(&rows)?,
            Format::Json => json_chunk(&self.dataset, &rows, self.rows_written == 0),
        };
        self.rows_written += rows.len() as u64;
        Ok(Some(chunk))
    }
}

impl crate::ChunkSource for OpenData {
    async fn next_chunk(&mut self) -> CoreResult<Option<String>> {
        OpenData::next_chunk(self).await
    }
}

/// Rows as CSV. Text cells that a spreadsheet would run as a formula get an apostrophe, as in
/// every export; numbers (a negative longitude) are written as they are.
fn csv_chunk(rows: &[Row]) -> CoreResult<String> {
    let mut out = crate::exports::CsvText::new();
    for row in rows {
        out.typed_row(row.iter().map(|cell| (cell.csv(), matches!(cell, Cell::Text(_)))))?;
    }
    out.finish()
}

/// Rows as members of the JSON array, each an object with the dictionary's fields in order.
fn json_chunk(dataset: &Dataset, rows: &[Row], first: bool) -> String {
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        out.push_str(if first && i == 0 { "\n" } else { ",\n" });
        out.push('{');
        for (j, (field, cell)) in dataset.fields().iter().zip(row).enumerate() {
            if j > 0 {
                out.push(',');
            }
            // Field names are plain identifiers; values go through serde_json.
            out.push_str(&format!("\"{}\":{}", field.name, cell.json()));
        }
        out.push('}');
    }
    out
}

impl Platform {
    /// Every module's datasets, in the registry's order.
    pub fn datasets(&self) -> Vec<Dataset> {
        self.registry().modules().iter().flat_map(|m| m.open_datasets()).collect()
    }

    /// The dataset named `name` (`ideas`), if a module declares it.
    pub fn dataset(&self, name: &str) -> Option<Dataset> {
        self.datasets().into_iter().find(|d| d.as_str() == name)
    }

    /// Starts writing `dataset` as `format`. It needs no one signed in: it holds only what
    /// anyone sees on the public site.
    pub async fn open_data(&self, dataset: Dataset, format: Format) -> CoreResult<OpenData> {
        let mut projects = self.projects(&Actor::Anonymous).await?;
        projects.sort_by_key(|p| p.id);
        let mut phases = Vec::new();
        for p in &projects {
            phases.extend(self.phases(p.id).await?);
        }
        phases.sort_by_key(|p| p.id);
        let scope = Scope { projects, phases, locale: self.appearance().default_locale };
        let total = dataset.0.count(self, &scope).await?;
        Ok(OpenData {
            platform: self.clone(),
            dataset,
            format,
            scope,
            cursor: Cursor::Start,
            opened: false,
            closed: false,
            rows_written: 0,
            steps: 0,
            total,
        })
    }
}

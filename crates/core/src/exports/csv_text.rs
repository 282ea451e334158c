// SPDX-License-Identifier: AGPL-3.0-only
//! CSV text as spreadsheets open it, written by the `csv` crate: RFC 4180 quoting (a cell with
//! a comma, a quote or a line break is quoted, quotes doubled), CRLF after every row, UTF-8
//! without a byte-order mark. What is ours is one rule on top: a cell that a spreadsheet would
//! run as a formula gets an apostrophe in front (CSV injection).
use std::borrow::Cow;

use sea_orm::DbErr;

use crate::{CoreError, CoreResult};

/// CSV written row by row into memory (one page of an export, one small report).
pub struct CsvText {
    writer: csv::Writer<Vec<u8>>,
}

impl Default for CsvText {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvText {
    pub fn new() -> Self {
        // Rows may differ in length (a survey's matrix rows): the crate checks it by default.
        let writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
        Self { writer }
    }

    /// Adds a row.
    pub fn row<I, S>(&mut self, cells: I) -> CoreResult<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.writer.write_field(defused(cell.as_ref()).as_bytes()).map_err(failed)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(failed)
    }

    /// Adds a row of `(text, is_text)` cells: only text is defused (a negative number stays a
    /// number).
    pub fn typed_row<I, S>(&mut self, cells: I) -> CoreResult<()>
    where
        I: IntoIterator<Item = (S, bool)>,
        S: AsRef<str>,
    {
        for (cell, is_text) in cells {
            let text = if is_text { defused(cell.as_ref()) } else { Cow::Borrowed(cell.as_ref()) };
            self.writer.write_field(text.as_bytes()).map_err(failed)?;
        }
        self.writer.write_record(None::<&[u8]>).map_err(failed)
    }

    /// The text written.
    pub fn finish(self) -> CoreResult<String> {
        let bytes = self.writer.into_inner().map_err(|e| failed(e.into_error()))?;
        // Every cell was a `str`, so the bytes are UTF-8.
        String::from_utf8(bytes).map_err(|e| failed(e.to_string()))
    }
}

/// The CSV text of `rows`.
pub fn csv_text<R, I, S>(rows: R) -> CoreResult<String>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut text = CsvText::new();
    for row in rows {
        text.row(row)?;
    }
    text.finish()
}

/// Writing into memory does not fail (the writer is flexible and a `Vec` takes every byte);
/// should it, the export stops with an internal error instead of a half-written row.
fn failed(e: impl ToString) -> CoreError {
    CoreError::Database(DbErr::Custom(format!("writing CSV: {}", e.to_string())))
}

/// A cell that begins like a formula (`=`, `+`, `-` or `@`) is shown as text by spreadsheets
/// when it begins with an apostrophe.
fn defused(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@']) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn formulas_are_defused_and_cells_quoted_when_needed() {
        let text = csv_text([
            vec!["=cmd|' /C calc'!A0", "+1", "-2", "@SUM(A1)", "plain", "1-2", "x=y"],
            vec!["a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "=1,2", "' quoted"],
        ])
        .unwrap();
        assert_eq!(
            text,
            "'=cmd|' /C calc'!A0,'+1,'-2,'@SUM(A1),plain,1-2,x=y\r\n\
             \"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,\"'=1,2\",' quoted\r\n"
        );
    }

    #[test]
    fn rows_end_with_crlf_may_differ_in_length_and_stay_utf8() {
        let text = csv_text([vec!["Évènement", "Straße", "€"], vec!["ij"]]).unwrap();
        assert_eq!(text, "Évènement,Straße,€\r\nij\r\n", "no byte-order mark, UTF-8 as given");
        assert_eq!(csv_text(Vec::<Vec<&str>>::new()).unwrap(), "");
    }
}

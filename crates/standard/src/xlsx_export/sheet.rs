// SPDX-License-Identifier: LicenseRef-Townhall-Commercial
//! Writing the rows into one worksheet. Text stays text (a cell that starts with `=` is never a
//! formula here), counts and coordinates become numbers, the header row is bold and frozen.
use std::path::Path;
use std::sync::mpsc::Receiver;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// Columns whose values are numbers in every export.
const NUMERIC: &[&str] =
    &["id", "supports", "dislikes", "comments", "latitude", "longitude", "cost", "votes", "idea", "reply_to", "phase"];

/// Worksheet names are at most 31 characters.
fn sheet_title(name: &str) -> String {
    name.chars().take(31).collect()
}

pub(super) fn write(file: &Path, name: &str, pages: Receiver<Vec<Vec<String>>>) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(sheet_title(name))?;
    let mut numeric: Vec<bool> = Vec::new();
    let mut row: u32 = 0;
    for page in pages {
        for cells in page {
            for (col, cell) in cells.iter().enumerate() {
                let col = u16::try_from(col).unwrap_or(u16::MAX);
                if row == 0 {
                    sheet.write_string_with_format(0, col, cell, &bold)?;
                    continue;
                }
                let as_number = numeric.get(usize::from(col)).copied().unwrap_or(false);
                match cell.parse::<f64>() {
                    Ok(n) if as_number && n.is_finite() => sheet.write_number(row, col, n)?,
                    _ if cell.is_empty() => sheet,
                    _ => sheet.write_string(row, col, cell)?,
                };
            }
            if row == 0 {
                numeric = cells.iter().map(|h| NUMERIC.contains(&h.as_str())).collect();
                sheet.set_freeze_panes(1, 0)?;
            }
            row += 1;
        }
    }
    workbook.save(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_a_worksheet_tab() {
        assert_eq!(sheet_title("event-registrations"), "event-registrations");
        assert_eq!(sheet_title(&"x".repeat(40)).len(), 31);
    }
}

//! XLSX (Office Open XML, ECMA-376) workbooks of one sheet or several, written by
//! `rust_xlsxwriter`: each a bold, frozen header row with a filter, then typed cells. Text is
//! always written as text, so nothing in it is ever read as a formula; numbers stay numbers
//! for sorting and sums.

use std::fmt;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

/// A cell of a sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, shown as typed.
    Text(String),
    /// A number.
    Number(f64),
    /// Nothing.
    Empty,
}

impl Cell {
    /// Text, or an empty cell for `None`.
    pub fn text(value: Option<impl Into<String>>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Text(v.into()))
    }
}

impl fmt::Display for Cell {
    /// The cell as CSV writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Text(text) => f.write_str(text),
            Cell::Number(n) => write!(f, "{n}"),
            Cell::Empty => Ok(()),
        }
    }
}

/// Longest text a cell may hold, in UTF-16 code units (Excel's limit).
const MAX_CELL_UNITS: usize = 32_767;

/// Widest a column is made to fit its longest text, in pixels (the library's advice: wider
/// than a screen reads badly).
const MAX_COLUMN_PIXELS: u32 = 300;

/// A sheet: its name, its header and its rows.
pub struct Sheet<'a> {
    /// Its name (brought within Excel's rules).
    pub name: &'a str,
    /// The header row.
    pub header: &'a [&'a str],
    /// Its rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Writes a workbook with one sheet named `sheet`. Fails only past Excel's limits (more than
/// 1,048,576 rows or 16,384 columns).
pub fn workbook(
    sheet: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    write_sheet(&mut book, sheet, header, rows)?;
    book.save_to_buffer()
}

/// Writes a workbook of several sheets, in order (sheet names made distinct by Excel's rules
/// are the caller's to choose).
pub fn workbook_of(sheets: Vec<Sheet<'_>>) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for sheet in sheets {
        write_sheet(&mut book, sheet.name, sheet.header, sheet.rows)?;
    }
    book.save_to_buffer()
}

/// Adds a sheet: a bold, frozen header row with a filter, then typed cells.
fn write_sheet(
    book: &mut Workbook,
    sheet: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Result<(), XlsxError> {
    let page = book.add_worksheet();
    page.set_name(sheet_name(sheet))?;
    let bold = Format::new().set_bold();
    for (column, title) in (0..).zip(header) {
        page.write_string_with_format(0, column, *title, &bold)?;
    }
    let mut last_row = 0;
    for (row, cells) in (1..).zip(rows) {
        last_row = row;
        for (column, cell) in (0..).zip(cells) {
            match cell {
                Cell::Text(text) => {
                    page.write_string(row, column, within_limit(text))?;
                }
                Cell::Number(n) if n.is_finite() => {
                    page.write_number(row, column, n)?;
                }
                Cell::Number(_) | Cell::Empty => {}
            }
        }
    }
    let last_column = u16::try_from(header.len().max(1) - 1).unwrap_or(u16::MAX);
    page.set_freeze_panes(1, 0)?;
    page.autofilter(0, 0, last_row, last_column)?;
    page.set_autofit_max_width(MAX_COLUMN_PIXELS).autofit();
    Ok(())
}

/// A sheet name Excel accepts: without `[]:*?/\`, at most 31 characters, never empty.
fn sheet_name(name: &str) -> String {
    let name: String = name
        .chars()
        .filter(|c| !r"[]:*?/\".contains(*c))
        .take(31)
        .collect();
    let name = name.trim_matches('\'');
    if name.is_empty() {
        "Feuille".into()
    } else {
        name.into()
    }
}

/// `text` cut, between characters, to what a cell may hold.
fn within_limit(mut text: String) -> String {
    let mut units = 0;
    if let Some((end, _)) = text.char_indices().find(|(_, c)| {
        units += c.len_utf16();
        units > MAX_CELL_UNITS
    }) {
        text.truncate(end);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_print_as_csv_expects() {
        assert_eq!(Cell::Number(12.0).to_string(), "12");
        assert_eq!(Cell::Number(6.86385).to_string(), "6.86385");
        assert_eq!(Cell::text(Some("école")).to_string(), "école");
        assert_eq!(Cell::text(None::<String>), Cell::Empty);
    }

    #[test]
    fn sheet_names_and_long_texts_are_brought_within_excel_s_limits() {
        assert_eq!(
            sheet_name("Besoins [2026] : Belfort/Nord"),
            "Besoins 2026  BelfortNord"
        );
        assert_eq!(sheet_name("'?*'"), "Feuille");
        assert_eq!(sheet_name(&"é".repeat(40)).chars().count(), 31);
        // 😀 takes two UTF-16 units: the cut never splits it.
        let long = within_limit("😀".repeat(20_000));
        assert_eq!(long.chars().count(), MAX_CELL_UNITS / 2);
        assert_eq!(within_limit("court".into()), "court");
    }

    #[test]
    fn a_workbook_is_a_zip_of_the_expected_parts() {
        let book = workbook(
            "Besoins",
            &["id", "titre", "soutiens"],
            [vec![
                Cell::Text("1".into()),
                Cell::Text("=1+1 école".into()),
                Cell::Number(3.0),
            ]],
        )
        .expect("within Excel's limits");
        assert_eq!(&book[..4], b"PK\x03\x04");
        for name in [
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ] {
            assert!(
                book.windows(name.len()).any(|w| w == name.as_bytes()),
                "{name}"
            );
        }
    }

    #[test]
    fn a_workbook_of_several_sheets_holds_each() {
        let sheet = |name| Sheet {
            name,
            header: &["question", "part"],
            rows: vec![vec![Cell::Text("Votre mode".into()), Cell::Number(0.5)]],
        };
        let book = workbook_of(vec![sheet("Résultats"), sheet("Pondération")]).unwrap();
        for name in ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"] {
            assert!(
                book.windows(name.len()).any(|w| w == name.as_bytes()),
                "{name}"
            );
        }
        assert!(!book.windows(24).any(|w| w == b"xl/worksheets/sheet3.xml"));
    }
}

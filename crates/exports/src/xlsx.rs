//! XLSX (Office Open XML, ECMA-376) workbooks of one sheet: a bold, frozen header row with a
//! filter, then typed cells. Text cells are inline strings, so nothing in them is ever read as
//! a formula; numbers stay numbers for sorting and sums.

use std::fmt::{self, Write};

use crate::zip::ZipWriter;

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

/// Longest text a cell may hold (Excel's limit).
const MAX_CELL_CHARS: usize = 32_767;

/// Writes a workbook with one sheet named `sheet`.
pub fn workbook(
    sheet: &str,
    header: &[&str],
    rows: impl IntoIterator<Item = Vec<Cell>>,
) -> Vec<u8> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count() + 2).collect();
    let mut data = String::new();
    push_row(
        &mut data,
        1,
        header.iter().map(|h| Cell::Text(h.to_string())),
        true,
        &mut widths,
    );
    let mut last_row = 1;
    for (i, row) in rows.into_iter().enumerate() {
        last_row = i + 2;
        push_row(&mut data, last_row, row.into_iter(), false, &mut widths);
    }
    let last_column = column_name(header.len().max(1) - 1);
    let cols: String = widths
        .iter()
        .enumerate()
        .map(|(i, w)| {
            format!(
                r#"<col min="{n}" max="{n}" width="{}" customWidth="1"/>"#,
                (*w).clamp(8, 60),
                n = i + 1
            )
        })
        .collect();
    let worksheet = format!(
        r#"{XML_DECLARATION}<worksheet xmlns="{MAIN_NS}"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>{cols}</cols><sheetData>{data}</sheetData><autoFilter ref="A1:{last_column}{last_row}"/></worksheet>"#
    );
    let sheet = escape(
        &sheet
            .chars()
            .filter(|c| !r"[]:*?/\".contains(*c))
            .take(31)
            .collect::<String>(),
    );
    let workbook = format!(
        r#"{XML_DECLARATION}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets><sheet name="{sheet}" sheetId="1" r:id="rId1"/></sheets><definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'{sheet}'!$A$1:${last_column}${last_row}</definedName></definedNames></workbook>"#
    );
    let mut zip = ZipWriter::default();
    zip.add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    zip.add("_rels/.rels", ROOT_RELS.as_bytes());
    zip.add("xl/workbook.xml", workbook.as_bytes());
    zip.add("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes());
    zip.add("xl/styles.xml", STYLES.as_bytes());
    zip.add("xl/worksheets/sheet1.xml", worksheet.as_bytes());
    zip.finish()
}

fn push_row(
    out: &mut String,
    number: usize,
    cells: impl Iterator<Item = Cell>,
    header: bool,
    widths: &mut Vec<usize>,
) {
    let _ = write!(out, r#"<row r="{number}">"#);
    for (i, cell) in cells.enumerate() {
        let reference = format!("{}{number}", column_name(i));
        let style = if header { r#" s="1""# } else { "" };
        let shown = match &cell {
            Cell::Text(text) => {
                let text: String = text.chars().take(MAX_CELL_CHARS).collect();
                let _ = write!(
                    out,
                    r#"<c r="{reference}" t="inlineStr"{style}><is><t xml:space="preserve">{}</t></is></c>"#,
                    escape(&text)
                );
                text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
            }
            Cell::Number(n) if n.is_finite() => {
                let _ = write!(out, r#"<c r="{reference}"{style}><v>{n}</v></c>"#);
                n.to_string().len()
            }
            Cell::Number(_) | Cell::Empty => 0,
        };
        if widths.len() <= i {
            widths.resize(i + 1, 0);
        }
        widths[i] = widths[i].max(shown + 2);
    }
    out.push_str("</row>");
}

/// `A`, `B`, … `Z`, `AA`, … for a zero-based column index.
fn column_name(mut index: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    name.reverse();
    String::from_utf8(name).expect("ASCII letters")
}

/// Escapes XML text and drops the control characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const MAIN_NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_like_a_spreadsheet() {
        let names: Vec<String> = [0, 1, 25, 26, 27, 51, 52, 701, 702]
            .iter()
            .map(|i| column_name(*i))
            .collect();
        assert_eq!(names, ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
    }

    #[test]
    fn text_is_escaped_and_stripped_of_what_xml_cannot_hold() {
        assert_eq!(
            escape("a<b & \"c\"\u{1}\nd"),
            "a&lt;b &amp; &quot;c&quot;\nd"
        );
    }

    #[test]
    fn cells_print_as_csv_expects() {
        assert_eq!(Cell::Number(12.0).to_string(), "12");
        assert_eq!(Cell::Number(6.86385).to_string(), "6.86385");
        assert_eq!(Cell::text(Some("école")).to_string(), "école");
        assert_eq!(Cell::text(None::<String>), Cell::Empty);
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
        );
        assert_eq!(&book[..4], b"PK\x03\x04");
        // The end-of-directory record lists six parts.
        let end = book.len() - 22;
        assert_eq!(&book[end..end + 4], b"PK\x05\x06");
        assert_eq!(u16::from_le_bytes([book[end + 10], book[end + 11]]), 6);
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
}

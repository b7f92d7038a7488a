//! Reading uploaded CSV tables (from spreadsheets and other platforms): UTF-8 with or without a
//! byte-order mark, `;` or `,` between fields, guessed from the header; a file in another
//! encoding, or without a required column, is refused whole with a clear reason.

use crate::platform::i18n::Tr;

/// A table read from a file.
#[derive(Debug)]
pub struct Table {
    /// Column names, trimmed and lower-cased.
    pub headers: Vec<String>,
    /// Column names as the file writes them, trimmed (where case tells something).
    pub names: Vec<String>,
    /// Rows with their line number in the file (the header is line 1).
    pub rows: Vec<(usize, Vec<String>)>,
}

/// Why a whole file was refused.
#[derive(Debug, PartialEq)]
pub enum TableError {
    /// Not UTF-8 (often Latin-1 from an old spreadsheet).
    NotUtf8,
    /// No header line.
    Empty,
    /// A required column is absent.
    MissingColumn(String),
    /// The CSV cannot be read at some line.
    Malformed(usize),
}

impl TableError {
    /// What to say next to the file's field, in the visitor's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            TableError::NotUtf8 => tr.t("import-not-utf8"),
            TableError::Empty => tr.t("import-file-required"),
            TableError::MissingColumn(name) => tr.t1("import-missing-column", "column", name),
            TableError::Malformed(line) => tr.t1("import-malformed", "line", line),
        }
    }
}

impl Table {
    /// Reads CSV bytes that must hold one of the column names `required`; returns the table
    /// and that column's position.
    pub fn read_with(bytes: &[u8], required: &[&str]) -> Result<(Table, usize), TableError> {
        let table = Table::read(bytes)?;
        let column = table.column(required)?;
        Ok((table, column))
    }

    /// Reads CSV bytes.
    pub fn read(bytes: &[u8]) -> Result<Table, TableError> {
        let text = std::str::from_utf8(bytes).map_err(|_| TableError::NotUtf8)?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let first_line = text
            .lines()
            .next()
            .filter(|l| !l.trim().is_empty())
            .ok_or(TableError::Empty)?;
        let delimiter = if first_line.matches(';').count() >= first_line.matches(',').count() {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let names: Vec<String> = reader
            .headers()
            .map_err(|_| TableError::Malformed(1))?
            .iter()
            .map(|h| h.trim().to_owned())
            .collect();
        let headers = names.iter().map(|h| h.to_lowercase()).collect();
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                TableError::Malformed(e.position().map_or(0, |p| p.line() as usize))
            })?;
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|field| field.trim().is_empty()) {
                continue;
            }
            rows.push((line, record.iter().map(|f| f.trim().to_owned()).collect()));
        }
        Ok(Table {
            headers,
            names,
            rows,
        })
    }

    /// The position of the first of `names` present, or an error naming the first one.
    pub fn column(&self, names: &[&str]) -> Result<usize, TableError> {
        names
            .iter()
            .find_map(|name| self.headers.iter().position(|h| h == name))
            .ok_or_else(|| TableError::MissingColumn(names[0].to_owned()))
    }

    /// The position of an optional column.
    pub fn optional_column(&self, names: &[&str]) -> Option<usize> {
        self.column(names).ok()
    }
}

/// What an import of rows kept and refused: every good row is kept, every bad one is named
/// with its line in the file and the reason.
#[derive(Debug, Default)]
pub struct RowReport {
    /// Rows kept.
    pub kept: usize,
    /// Rows kept after shortening a field too long (their whole text kept elsewhere).
    pub shortened: usize,
    /// `(line, reason)` of every row refused, in file order.
    pub refused: Vec<(usize, String)>,
}

/// A cell of a row, empty when the row is short.
pub fn cell(row: &[String], column: Option<usize>) -> &str {
    column.and_then(|c| row.get(c)).map_or("", String::as_str)
}

/// What a spreadsheet adds in front of a text that looks like a formula, taken off again.
pub fn unquoted(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_semicolon_and_comma_files_with_or_without_bom() {
        let table = Table::read(
            "\u{feff}Titre;Commune\nÉcole;90010\n;\n\"Deux; champs\";25388\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(table.headers, ["titre", "commune"]);
        assert_eq!(table.rows.len(), 2, "blank rows are skipped");
        assert_eq!(table.rows[1].1[0], "Deux; champs");
        assert_eq!(table.rows[1].0, 4);
        let comma = Table::read(b"title,body\na,b\n").unwrap();
        assert_eq!(comma.column(&["titre", "title"]), Ok(0));
        assert_eq!(
            comma.column(&["commune"]),
            Err(TableError::MissingColumn("commune".into()))
        );
    }

    #[test]
    fn refuses_other_encodings_and_empty_files() {
        assert_eq!(
            Table::read(b"titre\n\xe9cole\n").unwrap_err(),
            TableError::NotUtf8
        );
        assert_eq!(Table::read(b"").unwrap_err(), TableError::Empty);
    }
}

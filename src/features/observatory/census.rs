//! Reading INSEE tables by IRIS or by commune (no IO): the census's figure columns are known by
//! their prefix (`P21_POP0014`: exploitation principale, year 2021; `C21_POP15P_CS3`:
//! exploitation complémentaire; `D99_POP`: historical series), the legal populations by their
//! names (`PMUN`, `PCAP`, `PTOT`, of the year the team gives). Each row's unit is checked (an
//! IRIS code has 9 characters, its commune's code first, a known `TYP_IRIS`) and each figure
//! must be a number; a refused row is named with its line and reason, the good rows kept.

use std::collections::HashMap;

use crate::platform::i18n::Tr;
use crate::platform::tables::{Table, TableError};

/// The level of a file's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// One row per IRIS.
    Iris,
    /// One row per commune.
    Commune,
}

impl Level {
    /// The territories' level name.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Iris => "iris",
            Level::Commune => "commune",
        }
    }
}

/// The legal populations' columns (population municipale, comptée à part, totale).
pub const LEGAL_POPULATIONS: [&str; 3] = ["PMUN", "PCAP", "PTOT"];

/// Columns that describe a row and are read past without a word (names, higher units).
const DESCRIPTIVE: [&str; 20] = [
    "reg",
    "région",
    "region",
    "libreg",
    "dep",
    "libdep",
    "codarr",
    "codcan",
    "codcom",
    "libcom",
    "commune",
    "libiris",
    "lib_iris",
    "nom",
    "uu2010",
    "uu2020",
    "grd_quart",
    "modif_iris",
    "lab_iris",
    "triris",
];

/// A census figure's column: its name as INSEE writes it and its year.
#[derive(Clone, Debug, PartialEq)]
pub struct FigureColumn {
    /// Its name (`P16_POP0014`, or `PMUN`).
    pub name: String,
    /// The year it describes.
    pub year: i32,
}

/// The year and variable of a census column name (`P16_POP0014` → 2016, `POP0014`).
pub fn census_column(name: &str) -> Option<(i32, &str)> {
    let bytes = name.as_bytes();
    let prefixed = bytes.len() > 4
        && matches!(bytes[0], b'P' | b'C' | b'D')
        && bytes[1].is_ascii_digit()
        && bytes[2].is_ascii_digit()
        && bytes[3] == b'_';
    let variable = name.get(4..).unwrap_or_default();
    let variable_ok = !variable.is_empty()
        && variable
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    if !prefixed || !variable_ok {
        return None;
    }
    let yy = i32::from(bytes[1] - b'0') * 10 + i32::from(bytes[2] - b'0');
    Some((if yy <= 60 { 2000 + yy } else { 1900 + yy }, variable))
}

/// One good row: its unit and its figures (aligned with the file's figure columns).
#[derive(Clone, Debug, PartialEq)]
pub struct CensusRow {
    /// Line in the file.
    pub line: usize,
    /// The unit's code (IRIS or commune).
    pub code: String,
    /// The commune's code (itself for a commune row).
    pub commune: String,
    /// The unit's name when the file gives one.
    pub name: Option<String>,
    /// Whether the row stands for a whole commune (a commune row, or an IRIS of type Z).
    pub whole_commune: bool,
    /// Its figures; `None` where the cell is empty (a secret or absent figure).
    pub values: Vec<Option<f64>>,
}

/// Why a row was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum RowProblem {
    /// No unit code.
    NoCode,
    /// An IRIS code that is not 9 characters, a commune code then 4 digits.
    BadIris(String),
    /// A commune code that is not 5 characters (digits, or 2A/2B for Corsica).
    BadCommune(String),
    /// An IRIS whose code does not start with its row's commune code.
    IrisOfAnotherCommune(String, String),
    /// An IRIS type other than H, A, D, Z.
    BadIrisType(String),
    /// A figure that is not a positive number: its column and text.
    NotANumber(String, String),
    /// The same unit on an earlier line.
    Repeated(String, usize),
    /// A commune the platform does not hold.
    UnknownCommune(String),
}

impl RowProblem {
    /// What to say, in the visitor's language.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            RowProblem::NoCode => tr.t("census-row-no-code"),
            RowProblem::BadIris(code) => tr.t1("census-row-bad-iris", "code", code),
            RowProblem::BadCommune(code) => tr.t1("census-row-bad-commune", "code", code),
            RowProblem::IrisOfAnotherCommune(iris, commune) => tr.t_args(
                "census-row-iris-elsewhere",
                &[("iris", iris.as_str()), ("commune", commune.as_str())],
            ),
            RowProblem::BadIrisType(kind) => tr.t1("census-row-bad-type", "type", kind),
            RowProblem::NotANumber(column, text) => tr.t_args(
                "census-row-not-number",
                &[("column", column.as_str()), ("text", text.as_str())],
            ),
            RowProblem::Repeated(code, line) => tr.t_args(
                "census-row-repeated",
                &[("code", code.as_str()), ("line", &line.to_string())],
            ),
            RowProblem::UnknownCommune(code) => tr.t1("census-row-unknown-commune", "code", code),
        }
    }
}

/// Why a whole file was refused.
#[derive(Debug, PartialEq)]
pub enum FileProblem {
    /// Not a readable table.
    Table(TableError),
    /// No IRIS nor commune code column.
    NoUnitColumn,
    /// No figure column.
    NoFigure,
    /// Legal populations without the year they describe.
    YearRequired,
}

impl FileProblem {
    /// What to say next to the file's field.
    pub fn message(&self, tr: Tr) -> String {
        match self {
            FileProblem::Table(problem) => problem.message(tr),
            FileProblem::NoUnitColumn => tr.t("census-file-no-unit"),
            FileProblem::NoFigure => tr.t("census-file-no-figure"),
            FileProblem::YearRequired => tr.t("census-file-year-required"),
        }
    }
}

/// A file read: its level, figure columns, ignored columns, good rows and refused ones.
#[derive(Debug)]
pub struct CensusFile {
    /// The level of its rows.
    pub level: Level,
    /// Its figure columns.
    pub columns: Vec<FigureColumn>,
    /// Columns neither known nor a figure (said in the report, not read).
    pub ignored: Vec<String>,
    /// Good rows.
    pub rows: Vec<CensusRow>,
    /// `(line, code, problem)` of refused rows.
    pub refused: Vec<(usize, String, RowProblem)>,
}

fn is_commune_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    bytes.len() == 5
        && (bytes[..2].iter().all(u8::is_ascii_digit) || matches!(&code[..2], "2A" | "2B"))
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

fn is_iris_code(code: &str) -> bool {
    code.len() == 9
        && code.is_char_boundary(5)
        && is_commune_code(&code[..5])
        && code.as_bytes()[5..].iter().all(u8::is_ascii_digit)
}

/// A figure's cell: empty is absent; a French decimal comma is read; negative or not a number
/// is refused.
fn figure(text: &str) -> Result<Option<f64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let value: f64 = text.replace(',', ".").parse().map_err(|_| ())?;
    if value.is_finite() && value >= 0.0 {
        Ok(Some(value))
    } else {
        Err(())
    }
}

/// Reads a census or legal populations table; `year` is the year of legal populations
/// (census columns carry their own).
pub fn read(bytes: &[u8], year: Option<i32>) -> Result<CensusFile, FileProblem> {
    let table = Table::read(bytes).map_err(FileProblem::Table)?;
    let at = |names: &[&str]| table.optional_column(names);
    let iris_at = at(&["iris", "code_iris", "codeiris"]);
    let commune_at = at(&["com", "depcom", "codgeo", "code_commune", "insee"]);
    let codgeo_is_iris = iris_at.is_none()
        && table.headers.iter().any(|h| h == "codgeo")
        && table.rows.first().and_then(|(_, r)| {
            table
                .headers
                .iter()
                .position(|h| h == "codgeo")
                .map(|c| r.get(c).map_or(0, |v| v.len()) == 9)
        }) == Some(true);
    let (level, unit_at, commune_at) = match (iris_at, commune_at) {
        (Some(iris), commune) => (Level::Iris, iris, commune),
        (None, Some(c)) if codgeo_is_iris => (Level::Iris, c, None),
        (None, Some(commune)) => (Level::Commune, commune, None),
        (None, None) => return Err(FileProblem::NoUnitColumn),
    };
    let type_at = at(&["typ_iris", "type_iris"]);
    let name_at = match level {
        Level::Iris => at(&["libiris", "lib_iris"]),
        Level::Commune => at(&["libcom", "commune", "nom"]),
    };
    let commune_name_at = at(&["libcom", "commune"]);
    let mut columns = Vec::new();
    let mut positions = Vec::new();
    let mut ignored = Vec::new();
    for (position, (name, header)) in table.names.iter().zip(&table.headers).enumerate() {
        let used = [Some(unit_at), commune_at, type_at, name_at, commune_name_at];
        if used.contains(&Some(position)) || DESCRIPTIVE.contains(&header.as_str()) {
            continue;
        }
        if let Some((column_year, _)) = census_column(name) {
            columns.push(FigureColumn {
                name: name.clone(),
                year: column_year,
            });
        } else if let Some(legal) = LEGAL_POPULATIONS
            .iter()
            .find(|l| l.eq_ignore_ascii_case(name))
        {
            columns.push(FigureColumn {
                name: (*legal).to_owned(),
                year: year.ok_or(FileProblem::YearRequired)?,
            });
        } else {
            ignored.push(name.clone());
            continue;
        }
        positions.push(position);
    }
    if columns.is_empty() {
        return Err(FileProblem::NoFigure);
    }
    let mut rows = Vec::with_capacity(table.rows.len());
    let mut refused = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(table.rows.len());
    for (line, cells) in &table.rows {
        let cell = |at: Option<usize>| at.and_then(|c| cells.get(c)).map_or("", |s| s.trim());
        let code = cell(Some(unit_at)).to_owned();
        let row = read_row(
            level,
            &code,
            cells,
            &positions,
            &columns,
            |at| cell(at),
            [commune_at, type_at],
        );
        match row {
            Err(problem) => refused.push((*line, code, problem)),
            Ok(_) if seen.contains_key(&code) => {
                let first = seen[&code];
                refused.push((*line, code.clone(), RowProblem::Repeated(code, first)));
            }
            Ok((commune, whole_commune, values)) => {
                seen.insert(code.clone(), *line);
                let name = match (cell(name_at), cell(commune_name_at)) {
                    ("", "") => None,
                    ("", commune_name) if level == Level::Iris => {
                        Some(format!("{commune_name} – IRIS {}", &code[5..]))
                    }
                    ("", commune_name) => Some(commune_name.to_owned()),
                    (name, _) => Some(name.to_owned()),
                };
                rows.push(CensusRow {
                    line: *line,
                    code,
                    commune,
                    name,
                    whole_commune,
                    values,
                });
            }
        }
    }
    Ok(CensusFile {
        level,
        columns,
        ignored,
        rows,
        refused,
    })
}

type ReadRow = (String, bool, Vec<Option<f64>>);

/// Checks one row's unit and reads its figures.
fn read_row<'a>(
    level: Level,
    code: &str,
    cells: &'a [String],
    positions: &[usize],
    columns: &[FigureColumn],
    cell: impl Fn(Option<usize>) -> &'a str,
    [commune_at, type_at]: [Option<usize>; 2],
) -> Result<ReadRow, RowProblem> {
    if code.is_empty() {
        return Err(RowProblem::NoCode);
    }
    let (commune, whole_commune) = match level {
        Level::Commune if is_commune_code(code) => (code.to_owned(), true),
        Level::Commune => return Err(RowProblem::BadCommune(code.to_owned())),
        Level::Iris if !is_iris_code(code) => return Err(RowProblem::BadIris(code.to_owned())),
        Level::Iris => {
            let commune = &code[..5];
            let stated = cell(commune_at);
            if !stated.is_empty() && stated != commune {
                return Err(RowProblem::IrisOfAnotherCommune(
                    code.to_owned(),
                    stated.to_owned(),
                ));
            }
            let kind = cell(type_at);
            if !kind.is_empty() && !matches!(kind, "H" | "A" | "D" | "Z") {
                return Err(RowProblem::BadIrisType(kind.to_owned()));
            }
            (commune.to_owned(), kind == "Z" || code.ends_with("0000"))
        }
    };
    let mut values = Vec::with_capacity(positions.len());
    for (&position, column) in positions.iter().zip(columns) {
        let text = cells.get(position).map_or("", String::as_str);
        let value = figure(text)
            .map_err(|()| RowProblem::NotANumber(column.name.clone(), text.trim().to_owned()))?;
        values.push(value);
    }
    Ok((commune, whole_commune, values))
}

#[cfg(test)]
mod tests {
    use super::*;

    const IRIS_FILE: &str = "IRIS,COM,LIBCOM,TYP_IRIS,P16_POP0014,P16_POP1529,C16_POP15P_CS3,in_zone\n\
        250310101,25031,Audincourt,H,410.15,358.6,54.7,yes\n\
        250310102,25031,Audincourt,H,368.48,,39.8,yes\n\
        250310103,25032,Audincourt,H,1,2,3,no\n\
        2503101,25031,Audincourt,H,1,2,3,no\n\
        250310104,25031,Audincourt,X,1,2,3,no\n\
        250310105,25031,Audincourt,H,abc,2,3,no\n\
        250310101,25031,Audincourt,H,1,2,3,no\n\
        250310000,25031,Audincourt,Z,1,2,3,no\n";

    #[test]
    fn columns_are_known_by_their_prefix_and_year() {
        assert_eq!(census_column("P16_POP0014"), Some((2016, "POP0014")));
        assert_eq!(census_column("C21_POP15P_CS3"), Some((2021, "POP15P_CS3")));
        assert_eq!(census_column("D99_POP"), Some((1999, "POP")));
        assert_eq!(census_column("P16_POP_sum_age_groups"), None, "not INSEE's");
        assert_eq!(census_column("X16_POP"), None);
        assert_eq!(census_column("P16_"), None);
        // A character of several bytes where the prefix ends is no column, not a panic.
        assert_eq!(census_column("P1\u{feff}6_POP"), None);
        assert_eq!(census_column("Pé6_POP"), None);
    }

    #[test]
    fn an_iris_file_keeps_good_rows_and_names_each_refused_one() {
        let file = read(IRIS_FILE.as_bytes(), None).unwrap();
        assert_eq!(file.level, Level::Iris);
        let names: Vec<_> = file.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["P16_POP0014", "P16_POP1529", "C16_POP15P_CS3"]);
        assert!(file.columns.iter().all(|c| c.year == 2016));
        assert_eq!(file.ignored, ["in_zone"]);
        let kept: Vec<_> = file.rows.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(kept, ["250310101", "250310102", "250310000"]);
        assert_eq!(file.rows[0].values, [Some(410.15), Some(358.6), Some(54.7)]);
        assert_eq!(file.rows[1].values[1], None, "an empty cell is absent");
        assert!(file.rows[2].whole_commune, "type Z stands for the commune");
        assert_eq!(file.rows[0].name.as_deref(), Some("Audincourt – IRIS 0101"));
        let problems: Vec<_> = file
            .refused
            .iter()
            .map(|(l, _, p)| (*l, p.clone()))
            .collect();
        assert_eq!(
            problems,
            [
                (
                    4,
                    RowProblem::IrisOfAnotherCommune("250310103".into(), "25032".into())
                ),
                (5, RowProblem::BadIris("2503101".into())),
                (6, RowProblem::BadIrisType("X".into())),
                (
                    7,
                    RowProblem::NotANumber("P16_POP0014".into(), "abc".into())
                ),
                (8, RowProblem::Repeated("250310101".into(), 2)),
            ]
        );
    }

    #[test]
    fn legal_populations_need_their_year_and_read_commune_codes() {
        let text = "REG;DEP;CODCOM;COM;Commune;PMUN;PCAP;PTOT\n\
            27;25;001;25001;Abbans-Dessous;250;5;255\n\
            94;2A;004;2A004;Ajaccio;73 000;1;2\n\
            27;25;002;2500;Abbans-Dessus;282;5;287\n\
            94;2A;004;2A005;Alata;3 200,5;1;2\n";
        assert_eq!(
            read(text.as_bytes(), None).unwrap_err(),
            FileProblem::YearRequired
        );
        let file = read(text.as_bytes(), Some(2023)).unwrap();
        assert_eq!(file.level, Level::Commune);
        assert_eq!(
            file.columns[0],
            FigureColumn {
                name: "PMUN".into(),
                year: 2023
            }
        );
        assert_eq!(file.rows.len(), 1);
        assert_eq!(file.rows[0].values, [Some(250.0), Some(5.0), Some(255.0)]);
        assert_eq!(file.rows[0].name.as_deref(), Some("Abbans-Dessous"));
        let refused: Vec<_> = file
            .refused
            .iter()
            .map(|(l, c, _)| (*l, c.as_str()))
            .collect();
        assert_eq!(refused, [(3, "2A004"), (4, "2500"), (5, "2A005")]);
    }

    #[test]
    fn a_file_without_units_or_figures_is_refused_whole() {
        assert_eq!(
            read(b"nom;P16_POP\nA;1\n", None).unwrap_err(),
            FileProblem::NoUnitColumn
        );
        assert_eq!(
            read(b"IRIS;nom\n250310101;A\n", None).unwrap_err(),
            FileProblem::NoFigure
        );
        let codgeo = read(b"CODGEO;P21_POP\n250310101;12\n", None).unwrap();
        assert_eq!(
            codgeo.level,
            Level::Iris,
            "CODGEO of 9 characters is an IRIS"
        );
    }
}

//! The report of an import read before it is stored (dry run) and after: every row in file
//! order with what it does or did (create, update, leave unchanged, refused with why), the
//! counts, and the file's text kept in the page while the team reads it, to confirm.

use crate::platform::i18n::Tr;

/// What one good row does.
pub enum Outcome {
    /// Creates the thing titled so.
    Create(String),
    /// Updates the thing titled so, at this address.
    Update(String, String),
    /// Leaves the thing at this address as it is.
    Unchanged(String),
}

/// One row of the report: its line and what it does (or did), with a link where there is one.
pub struct ReportRow {
    /// Its line in the file.
    pub line: usize,
    /// What it does, written.
    pub outcome: String,
    /// The thing it touches.
    pub href: Option<String>,
}

/// An import's report.
#[derive(Default)]
pub struct DryRun {
    /// Rows created, updated and left unchanged.
    pub counts: (usize, usize, usize),
    /// Rows refused.
    pub refused: usize,
    /// Every row, in file order.
    pub rows: Vec<ReportRow>,
    /// Whether the rows were stored (else it is the dry run).
    pub done: bool,
    /// The file's text while the team reads the dry run.
    pub content: Option<String>,
    /// Where the confirmation posts the file again.
    pub confirm_action: String,
    /// What the confirmation sends again beside the file.
    pub hidden: Vec<(&'static str, &'static str)>,
    /// Where to go once the rows are stored: `(href, label)`.
    pub back: (String, String),
}

impl DryRun {
    /// The report of good rows `(line, outcome)` and refused ones `(line, reason)`.
    pub fn of(good: Vec<(usize, Outcome)>, refused: &[(usize, String)], tr: Tr) -> DryRun {
        let mut counts = (0, 0, 0);
        let mut rows: Vec<ReportRow> = good
            .into_iter()
            .map(|(line, outcome)| {
                let (outcome, href) = match outcome {
                    Outcome::Create(title) => {
                        counts.0 += 1;
                        (tr.t1("import-row-create", "title", title), None)
                    }
                    Outcome::Update(title, href) => {
                        counts.1 += 1;
                        (tr.t1("import-row-update", "title", title), Some(href))
                    }
                    Outcome::Unchanged(href) => {
                        counts.2 += 1;
                        (tr.t("import-row-unchanged"), Some(href))
                    }
                };
                ReportRow {
                    line,
                    outcome,
                    href,
                }
            })
            .chain(refused.iter().map(|(line, reason)| ReportRow {
                line: *line,
                outcome: tr.t1("import-row-refused", "reason", reason),
                href: None,
            }))
            .collect();
        rows.sort_by_key(|r| r.line);
        DryRun {
            counts,
            refused: refused.len(),
            rows,
            ..DryRun::default()
        }
    }

    /// Where its confirmation posts, what it sends beside the file, and where to go after.
    pub fn around(
        mut self,
        confirm_action: String,
        hidden: Vec<(&'static str, &'static str)>,
        back: (String, String),
    ) -> DryRun {
        self.confirm_action = confirm_action;
        self.hidden = hidden;
        self.back = back;
        self
    }

    /// Whether there is anything to show.
    pub fn is_shown(&self) -> bool {
        !self.rows.is_empty() || self.done || self.content.is_some()
    }
}

//! A process's public budget without IO: its lines of receipts and spending, each an amount
//! or a share of the declared total, resolved into amounts and shares of their side (shares
//! rounded by largest remainder so that they add up to exactly 100 %), what is left undetailed,
//! partners' financial contributions summed in, and the bar chart that shows them.

crate::text_enum! {
    /// Which side of the budget a line is on.
    pub enum Side {
        /// Money coming in.
        Receipts = "receipts",
        /// Money going out.
        Spending = "spending",
    }
}

/// A line as the team typed it: an amount, or a share of the declared total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// What it is.
    pub label: String,
    /// Its amount, in cents.
    pub cents: Option<i64>,
    /// Its share of the total, in tenths of a percent.
    pub tenths: Option<i64>,
}

/// A line resolved: its amount and its share of its side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What it is.
    pub label: String,
    /// Its amount, in cents.
    pub cents: i64,
    /// Its share of the side, in tenths of a percent.
    pub tenths: i64,
    /// What kind of row: typed by the team, undetailed remainder, or partners' contributions.
    pub origin: Origin,
}

/// Where a resolved row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A line the team typed.
    Typed,
    /// What the typed lines leave of the declared total.
    Undetailed,
    /// Partners' financial engagements on the platform.
    Partners,
}

/// What a value typed for a line is: an amount (`12 000`, `12 000 €`) or a share (`33 %`,
/// `33,5 %`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    /// In cents.
    Cents(i64),
    /// In tenths of a percent, from 0.1 % to 100 %.
    Tenths(i64),
}

/// Reads a line's value; `None` when it is neither an amount nor a share.
pub fn parse_value(typed: &str) -> Option<Value> {
    let typed = typed.trim();
    if let Some(share) = typed.strip_suffix('%') {
        let share = share.trim().replace(',', ".");
        let (whole, fraction) = share.split_once('.').unwrap_or((&share, ""));
        if whole.is_empty() || fraction.len() > 1 {
            return None;
        }
        let tenths = whole.parse::<i64>().ok()? * 10 + fraction.parse::<i64>().unwrap_or(0);
        return (1..=1000)
            .contains(&tenths)
            .then_some(Value::Tenths(tenths));
    }
    crate::features::partners::rules::euros(typed).map(Value::Cents)
}

/// Shares of `amounts` in tenths of a percent adding up to exactly 1000 (largest remainder;
/// all zero when the amounts are).
pub fn shares(amounts: &[i64]) -> Vec<i64> {
    let sum: i64 = amounts.iter().sum();
    if sum <= 0 {
        return vec![0; amounts.len()];
    }
    let exact: Vec<(i64, i64)> = amounts
        .iter()
        .map(|a| (a * 1000 / sum, a * 1000 % sum))
        .collect();
    let mut tenths: Vec<i64> = exact.iter().map(|(q, _)| *q).collect();
    let missing = 1000 - tenths.iter().sum::<i64>();
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by(|a, b| exact[*b].1.cmp(&exact[*a].1).then(a.cmp(b)));
    for i in order.into_iter().take(missing.max(0) as usize) {
        tenths[i] += 1;
    }
    tenths
}

/// Resolves one side's lines: a share becomes its part of the declared total; what the lines
/// leave of the total shows as undetailed; partners' contributions (cents) join the receipts.
pub fn resolve(
    lines: &[Line],
    total_cents: Option<i64>,
    partners_cents: i64,
    undetailed: &str,
    partners: &str,
) -> Vec<Row> {
    let mut rows: Vec<Row> = lines
        .iter()
        .map(|line| Row {
            label: line.label.clone(),
            cents: line.cents.unwrap_or_else(|| {
                let share = line.tenths.unwrap_or(0);
                (total_cents.unwrap_or(0) * share + 500) / 1000
            }),
            tenths: 0,
            origin: Origin::Typed,
        })
        .collect();
    let typed: i64 = rows.iter().map(|r| r.cents).sum();
    if let Some(total) = total_cents
        && total > typed
        && !rows.is_empty()
    {
        rows.push(Row {
            label: undetailed.to_owned(),
            cents: total - typed,
            tenths: 0,
            origin: Origin::Undetailed,
        });
    }
    if partners_cents > 0 {
        rows.push(Row {
            label: partners.to_owned(),
            cents: partners_cents,
            tenths: 0,
            origin: Origin::Partners,
        });
    }
    let amounts: Vec<i64> = rows.iter().map(|r| r.cents).collect();
    for (row, share) in rows.iter_mut().zip(shares(&amounts)) {
        row.tenths = share;
    }
    rows
}

/// A share written for people: `33 %`, `33,5 %` (or `33.5 %` in English).
pub fn format_share(tenths: i64, english: bool) -> String {
    let decimal = if english { '.' } else { ',' };
    if tenths % 10 == 0 {
        format!("{}\u{a0}%", tenths / 10)
    } else {
        format!("{}{decimal}{}\u{a0}%", tenths / 10, tenths % 10)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(label: &str, cents: Option<i64>, tenths: Option<i64>) -> Line {
        Line {
            label: label.into(),
            cents,
            tenths,
        }
    }

    #[test]
    fn values_are_amounts_or_shares() {
        assert_eq!(parse_value("12 000 €"), Some(Value::Cents(1_200_000)));
        assert_eq!(parse_value("33 %"), Some(Value::Tenths(330)));
        assert_eq!(parse_value("33,5%"), Some(Value::Tenths(335)));
        assert_eq!(parse_value("100 %"), Some(Value::Tenths(1000)));
        assert_eq!(parse_value("101 %"), None);
        assert_eq!(parse_value("0 %"), None);
        assert_eq!(parse_value("3,25 %"), None, "a tenth at most");
        assert_eq!(parse_value("beaucoup"), None);
    }

    #[test]
    fn shares_add_up_to_exactly_one_hundred_percent() {
        assert_eq!(shares(&[1, 1, 1]), vec![334, 333, 333]);
        assert_eq!(shares(&[50, 50]), vec![500, 500]);
        assert_eq!(shares(&[0, 0]), vec![0, 0]);
        let odd = shares(&[122_194, 7, 99_999, 13]);
        assert_eq!(odd.iter().sum::<i64>(), 1000);
    }

    #[test]
    fn shares_of_the_total_become_amounts_and_the_rest_shows_undetailed() {
        // The seed's receipts: 95 % detailed of 122 194 €.
        let lines = [
            line("EPCI", None, Some(330)),
            line("Région", None, Some(200)),
            line("Fondations", None, Some(140)),
            line("Entreprises", None, Some(90)),
            line("Contributions volontaires", None, Some(80)),
            line("Autofinancement", None, Some(70)),
            line("État", None, Some(40)),
        ];
        let rows = resolve(&lines, Some(12_219_400), 0, "Non détaillé", "Partenaires");
        assert_eq!(rows[0].cents, 4_032_402, "33 % of 122 194 €, to the cent");
        assert_eq!(rows[0].tenths, 330);
        let last = rows.last().unwrap();
        assert_eq!(last.origin, Origin::Undetailed);
        assert_eq!(rows.iter().map(|r| r.cents).sum::<i64>(), 12_219_400);
        assert_eq!(last.tenths, 50, "the 5 % not detailed");
        assert_eq!(rows.iter().map(|r| r.tenths).sum::<i64>(), 1000);
    }

    #[test]
    fn partners_contributions_join_the_receipts_in_euros() {
        let rows = resolve(
            &[line("EPCI", Some(30_000), None)],
            None,
            10_000,
            "Non détaillé",
            "Partenaires",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].origin, Origin::Partners);
        assert_eq!((rows[0].tenths, rows[1].tenths), (750, 250));
        assert!(resolve(&[], None, 0, "", "").is_empty());
    }

    #[test]
    fn shares_are_written_the_french_way() {
        assert_eq!(format_share(330, false), "33\u{a0}%");
        assert_eq!(format_share(335, false), "33,5\u{a0}%");
        assert_eq!(format_share(335, true), "33.5\u{a0}%");
    }
}

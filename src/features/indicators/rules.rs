//! The evaluation framework's rules (no IO): the standard indicators Concerto computes for
//! every process, what each measures and how it is written; the units and frequencies of the
//! team's own indicators and the reading of their values; the median delay read from pairs of
//! dates; the kinds of evaluation report.

crate::text_enum! {
    /// How an indicator's value is measured and written.
    pub enum Unit {
        /// A count (whole, not negative).
        Count = "nombre",
        /// A share, in percent (0 to 100).
        Percent = "pourcentage",
        /// A number of days (not negative).
        Days = "jours",
        /// An amount in euros (not negative, to the cent).
        Euros = "euros",
        /// A score or any other number.
        Score = "score",
    }
}

/// Why a value was refused for its unit.
#[derive(Clone, Debug, PartialEq)]
pub enum ValueError {
    /// Not a number at all.
    NotANumber,
    /// A count that is negative or not whole.
    NotACount,
    /// A percentage outside 0–100.
    NotAPercent,
    /// A negative number of days or euros.
    Negative,
    /// Euros past the cent.
    PastTheCent,
}

impl ValueError {
    /// The message key saying it.
    pub fn message_key(&self) -> &'static str {
        match self {
            ValueError::NotANumber => "indicator-value-not-number",
            ValueError::NotACount => "indicator-value-not-count",
            ValueError::NotAPercent => "indicator-value-not-percent",
            ValueError::Negative => "indicator-value-negative",
            ValueError::PastTheCent => "indicator-value-past-cent",
        }
    }
}

impl Unit {
    /// Reads a value typed in this unit (a French decimal comma, spaces between thousands and a
    /// trailing `%` or `€` are read).
    pub fn read(self, text: &str) -> Result<f64, ValueError> {
        let cleaned: String = text
            .trim()
            .trim_end_matches(['%', '€'])
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == ',' { '.' } else { c })
            .collect();
        let value: f64 = cleaned.parse().map_err(|_| ValueError::NotANumber)?;
        if !value.is_finite() {
            return Err(ValueError::NotANumber);
        }
        match self {
            Unit::Count if value < 0.0 || value.fract() != 0.0 => Err(ValueError::NotACount),
            Unit::Percent if !(0.0..=100.0).contains(&value) => Err(ValueError::NotAPercent),
            Unit::Days | Unit::Euros if value < 0.0 => Err(ValueError::Negative),
            Unit::Euros if ((value * 100.0).round() - value * 100.0).abs() > 1e-6 => {
                Err(ValueError::PastTheCent)
            }
            _ => Ok(value),
        }
    }
}

crate::text_enum! {
    /// How often a team's indicator is measured.
    pub enum Frequency {
        /// Every month.
        Monthly = "mensuelle",
        /// Every quarter.
        Quarterly = "trimestrielle",
        /// Every half-year.
        HalfYearly = "semestrielle",
        /// Every year.
        Yearly = "annuelle",
        /// At set moments (start, mid-term, end).
        AtMilestones = "jalons",
    }
}

crate::text_enum! {
    /// An evaluation report.
    pub enum ReportKind {
        /// Mid-term.
        MidTerm = "mi-parcours",
        /// Final.
        Final = "finale",
    }
}

/// The key under which a team's indicator's values are kept.
pub fn custom_key(id: i64) -> String {
    format!("custom-{id}")
}

/// A standard indicator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Indicator {
    /// People who published at least one need (with an account).
    Contributors,
    /// Published needs.
    Needs,
    /// Share of published needs gathered away from the website (workshops, paper, imports).
    NeedsOffline,
    /// Age brackets (of six) reached: in the profiles of the people who published needs or in
    /// the attendance of the process's workshops.
    AgeBrackets,
    /// Workshops and events held (ended).
    WorkshopsHeld,
    /// People who attended them.
    Attendance,
    /// Share of published needs that at least one published solution answers.
    NeedsAnswered,
    /// Median days between a need and the first solution that answers it.
    DaysToFirstAnswer,
    /// Published solutions.
    Solutions,
    /// Solutions accompanied by a partner (a companionship accepted, under way or completed).
    SolutionsAccompanied,
    /// Organisations engaged as partners.
    Partners,
    /// Solutions that give an official answer (« vous avez dit, nous avons fait »).
    AnsweredOfficially,
}

impl Indicator {
    /// Every standard indicator, in the dashboard's order.
    pub const ALL: [Indicator; 12] = [
        Indicator::Contributors,
        Indicator::Needs,
        Indicator::NeedsOffline,
        Indicator::AgeBrackets,
        Indicator::WorkshopsHeld,
        Indicator::Attendance,
        Indicator::NeedsAnswered,
        Indicator::DaysToFirstAnswer,
        Indicator::Solutions,
        Indicator::SolutionsAccompanied,
        Indicator::Partners,
        Indicator::AnsweredOfficially,
    ];

    /// Its key, stored with its snapshots and used in messages (`indicator-{key}`).
    pub fn key(self) -> &'static str {
        match self {
            Indicator::Contributors => "contributors",
            Indicator::Needs => "needs",
            Indicator::NeedsOffline => "needs-offline",
            Indicator::AgeBrackets => "age-brackets",
            Indicator::WorkshopsHeld => "workshops-held",
            Indicator::Attendance => "attendance",
            Indicator::NeedsAnswered => "needs-answered",
            Indicator::DaysToFirstAnswer => "days-to-first-answer",
            Indicator::Solutions => "solutions",
            Indicator::SolutionsAccompanied => "solutions-accompanied",
            Indicator::Partners => "partners",
            Indicator::AnsweredOfficially => "answered-officially",
        }
    }

    /// The indicator with this key.
    pub fn from_key(key: &str) -> Option<Indicator> {
        Indicator::ALL.into_iter().find(|i| i.key() == key)
    }

    /// How its value is written.
    pub fn unit(self) -> Unit {
        match self {
            Indicator::NeedsOffline | Indicator::NeedsAnswered => Unit::Percent,
            Indicator::DaysToFirstAnswer => Unit::Days,
            _ => Unit::Count,
        }
    }

    /// The evaluative question it answers (message key).
    pub fn question(self) -> &'static str {
        match self {
            Indicator::Contributors
            | Indicator::NeedsOffline
            | Indicator::AgeBrackets
            | Indicator::WorkshopsHeld
            | Indicator::Attendance => "indicator-question-reach",
            Indicator::Needs | Indicator::NeedsAnswered | Indicator::DaysToFirstAnswer => {
                "indicator-question-needs"
            }
            Indicator::Solutions
            | Indicator::SolutionsAccompanied
            | Indicator::Partners
            | Indicator::AnsweredOfficially => "indicator-question-solutions",
        }
    }
}

/// The median of the days between pairs of instants in milliseconds (`(from, to)`), or `None`
/// without pairs; negative delays (a solution older than the need) count as zero.
pub fn median_days(pairs: &[(i64, i64)]) -> Option<f64> {
    let mut days: Vec<f64> = pairs
        .iter()
        .map(|(from, to)| ((to - from).max(0)) as f64 / 86_400_000.0)
        .collect();
    if days.is_empty() {
        return None;
    }
    days.sort_by(f64::total_cmp);
    let middle = days.len() / 2;
    Some(if days.len().is_multiple_of(2) {
        (days[middle - 1] + days[middle]) / 2.0
    } else {
        days[middle]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_read_back() {
        for indicator in Indicator::ALL {
            assert_eq!(Indicator::from_key(indicator.key()), Some(indicator));
        }
        let mut keys: Vec<_> = Indicator::ALL.iter().map(|i| i.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Indicator::ALL.len());
    }

    #[test]
    fn values_are_read_in_their_unit() {
        assert_eq!(Unit::Percent.read("42,5 %"), Ok(42.5));
        assert_eq!(Unit::Percent.read("140"), Err(ValueError::NotAPercent));
        assert_eq!(Unit::Count.read("1 250"), Ok(1250.0));
        assert_eq!(Unit::Count.read("12,5"), Err(ValueError::NotACount));
        assert_eq!(Unit::Count.read("-3"), Err(ValueError::NotACount));
        assert_eq!(Unit::Euros.read("1200,50 €"), Ok(1200.5));
        assert_eq!(Unit::Euros.read("3,456"), Err(ValueError::PastTheCent));
        assert_eq!(Unit::Days.read("-1"), Err(ValueError::Negative));
        assert_eq!(Unit::Score.read("-2,5"), Ok(-2.5));
        assert_eq!(Unit::Score.read("beaucoup"), Err(ValueError::NotANumber));
        assert_eq!(Unit::Score.read("inf"), Err(ValueError::NotANumber));
    }

    #[test]
    fn the_median_delay_is_in_days() {
        let day = 86_400_000;
        assert_eq!(median_days(&[]), None);
        assert_eq!(median_days(&[(0, 3 * day)]), Some(3.0));
        assert_eq!(median_days(&[(0, day), (0, 3 * day)]), Some(2.0));
        assert_eq!(
            median_days(&[(5 * day, 0), (0, 2 * day), (0, 9 * day)]),
            Some(2.0)
        );
    }
}

//! The standard indicators Concerto computes for every process (no IO): what each measures,
//! how it is written, and the median delay read from pairs of dates.

/// How an indicator's value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A count.
    Count,
    /// A share, in percent.
    Percent,
    /// A number of days.
    Days,
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
    /// Age brackets (of six) among the profiles of the people who published needs.
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

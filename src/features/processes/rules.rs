//! Processes (démarches): slugs, statuses, the modules a phase opens, the rules on phases'
//! dates (in order, no overlap) and which phase is current, and readable theme colours.

/// Longest title, summary and theme name, in characters.
pub const MAX_TITLE_CHARS: usize = 160;
/// Longest summary.
pub const MAX_SUMMARY_CHARS: usize = 400;
/// Longest description (Markdown).
pub const MAX_DESCRIPTION_CHARS: usize = 20_000;

crate::text_enum! {
    /// Where a process stands.
    pub enum Status {
        /// Being prepared; only its team sees it.
        Draft = "draft",
        /// Public.
        Published = "published",
        /// Over; still public, read-only.
        Closed = "closed",
    }
}

impl Status {
    /// Whether visitors see it.
    pub fn is_public(self) -> bool {
        self != Status::Draft
    }

    /// Whether it takes contributions (needs, supports, comments…): public and not over.
    pub fn is_open(self) -> bool {
        self == Status::Published
    }
}

crate::text_enum! {
    /// What a phase opens. Later capabilities fill each one in.
    pub enum Module {
        /// Needs collection (phase 1).
        Needs = "needs",
        /// Events and workshops.
        Events = "events",
        /// Synthesis of needs into themes.
        Synthesis = "synthesis",
        /// Solutions (phase 2).
        Solutions = "solutions",
        /// The initiatives exchange (phase 3).
        Initiatives = "initiatives",
        /// The resource library.
        Resources = "resources",
        /// Questionnaires.
        Questionnaire = "questionnaire",
        /// The opinion map.
        OpinionMap = "opinion_map",
    }
}

/// Writes modules as stored (comma-separated).
pub fn modules_to_text(modules: &[Module]) -> String {
    modules
        .iter()
        .map(|m| m.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads stored modules, ignoring unknown names.
pub fn modules_from_text(text: &str) -> Vec<Module> {
    text.split(',')
        .filter_map(|m| m.trim().parse().ok())
        .collect()
}

/// Whether a module is open today: a current phase (`starts`, `ends`, `modules` as stored)
/// opens it.
pub fn module_open<'a>(
    phases: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    module: Module,
    today: Day,
) -> bool {
    phases.into_iter().any(|(starts, ends, modules)| {
        let dates = Day::parse(starts).zip(Day::parse(ends));
        dates.is_some_and(|(starts, ends)| {
            phase_state(PhaseDates { starts, ends }, today) == PhaseState::Current
        }) && modules_from_text(modules).contains(&module)
    })
}

/// Whether a slug is usable in addresses: 3 to 60 characters among a–z, 0–9 and inner dashes.
pub fn valid_slug(slug: &str) -> bool {
    (3..=60).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}

/// A slug made from a title: accents dropped, lower case, dashes between words.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in textkit::normalize::fold(title).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    slug.chars()
        .take(60)
        .collect::<String>()
        .trim_end_matches('-')
        .to_owned()
}

/// A calendar date, `YYYY-MM-DD`, compared as days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub time::Date);

impl Day {
    /// Reads `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Option<Day> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        time::Date::parse(text.trim(), &format).ok().map(Day)
    }

    /// Today, in UTC.
    pub fn today() -> Day {
        Day(time::OffsetDateTime::now_utc().date())
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        self.0.format(&format).unwrap_or_default()
    }

    /// `12 mars 2026` or `12 March 2026`.
    pub fn long(self, english: bool) -> String {
        const FR: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        const EN: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = usize::from(u8::from(self.0.month())) - 1;
        let name = if english { EN[month] } else { FR[month] };
        format!("{} {name} {}", self.0.day(), self.0.year())
    }

    /// The day `days` later (or earlier when negative).
    pub fn plus_days(self, days: i64) -> Day {
        Day(self.0 + time::Duration::days(days))
    }
}

/// A phase's dates, to check a timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhaseDates {
    /// First day.
    pub starts: Day,
    /// Last day (inclusive).
    pub ends: Day,
}

/// What is wrong with a timeline of phases.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimelineError {
    /// A phase ends before it starts.
    EndsBeforeStart,
    /// Two phases overlap.
    Overlap,
}

/// Checks that each phase ends after it starts and that no two phases overlap.
pub fn check_timeline(phases: &[PhaseDates]) -> Result<(), TimelineError> {
    if phases.iter().any(|p| p.ends < p.starts) {
        return Err(TimelineError::EndsBeforeStart);
    }
    let mut sorted = phases.to_vec();
    sorted.sort_by_key(|p| p.starts);
    if sorted.windows(2).any(|w| w[1].starts <= w[0].ends) {
        return Err(TimelineError::Overlap);
    }
    Ok(())
}

crate::text_enum! {
    /// Where a phase stands on a given day.
    pub enum PhaseState {
        /// Over.
        Past = "past",
        /// Under way.
        Current = "current",
        /// To come.
        Upcoming = "upcoming",
    }
}

impl PhaseState {
    /// Whether the phase is under way.
    pub fn is_current(self) -> bool {
        self == PhaseState::Current
    }
}

/// Where a phase stands on `today`.
pub fn phase_state(phase: PhaseDates, today: Day) -> PhaseState {
    if today < phase.starts {
        PhaseState::Upcoming
    } else if today > phase.ends {
        PhaseState::Past
    } else {
        PhaseState::Current
    }
}

/// Reads `#rrggbb`.
pub fn parse_colour(text: &str) -> Option<[u8; 3]> {
    let hex = text.trim().strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([byte(0)?, byte(2)?, byte(4)?])
}

/// WCAG relative luminance.
fn luminance([r, g, b]: [u8; 3]) -> f64 {
    let channel = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/// WCAG contrast ratio between two colours.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Whether white text on this colour is readable (WCAG AA for normal text, 4.5:1): theme
/// badges print the name in white on the theme's colour.
pub fn colour_is_readable(colour: [u8; 3]) -> bool {
    contrast(colour, [255, 255, 255]) >= 4.5
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn slugs_are_made_from_french_titles() {
        assert_eq!(slugify("Aux Actes Citoyens !"), "aux-actes-citoyens");
        assert_eq!(
            slugify("Énergie & mobilité — Œuvre"),
            "energie-mobilite-oeuvre"
        );
        assert!(valid_slug("aux-actes-citoyens"));
        assert!(!valid_slug("Aux actes"));
        assert!(!valid_slug("ab"));
        assert!(!valid_slug("-debut"));
        let mut names = vec!["Évette-Salbert", "Essert", "Eguenigue", "Éloie"];
        // Names sort as people expect: Éloie next to Eguenigue, not after Z.
        names.sort_by_key(|n| textkit::normalize::fold(n));
        assert_eq!(names, ["Eguenigue", "Éloie", "Essert", "Évette-Salbert"]);
    }

    #[test]
    fn timelines_refuse_overlaps_and_reversed_dates() {
        let p = |a: &str, b: &str| PhaseDates {
            starts: day(a),
            ends: day(b),
        };
        assert_eq!(
            check_timeline(&[p("2026-01-01", "2026-06-30"), p("2026-07-01", "2026-12-31")]),
            Ok(())
        );
        assert_eq!(
            check_timeline(&[p("2026-01-01", "2026-07-01"), p("2026-07-01", "2026-12-31")]),
            Err(TimelineError::Overlap)
        );
        assert_eq!(
            check_timeline(&[p("2026-03-01", "2026-01-01")]),
            Err(TimelineError::EndsBeforeStart)
        );
    }

    #[test]
    fn the_current_phase_follows_from_the_dates() {
        let phase = PhaseDates {
            starts: day("2026-01-01"),
            ends: day("2026-06-30"),
        };
        assert_eq!(phase_state(phase, day("2025-12-31")), PhaseState::Upcoming);
        assert_eq!(phase_state(phase, day("2026-01-01")), PhaseState::Current);
        assert_eq!(phase_state(phase, day("2026-06-30")), PhaseState::Current);
        assert_eq!(phase_state(phase, day("2026-07-01")), PhaseState::Past);
        assert_eq!(day("2026-03-12").long(false), "12 mars 2026");
    }

    #[test]
    fn theme_colours_must_carry_white_text() {
        assert!(colour_is_readable(parse_colour("#1f4e5f").unwrap()));
        assert!(!colour_is_readable(parse_colour("#f2c14e").unwrap()));
        assert!(parse_colour("1f4e5f").is_none());
        assert!((contrast([0, 0, 0], [255, 255, 255]) - 21.0).abs() < 0.01);
    }

    #[test]
    fn modules_round_trip_through_text() {
        let modules = vec![Module::Needs, Module::Events];
        assert_eq!(modules_from_text(&modules_to_text(&modules)), modules);
        assert_eq!(modules_from_text("needs,unknown"), vec![Module::Needs]);
    }
}

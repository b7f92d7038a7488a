//! A territory's portrait as shown and exported: its tables (population over the years, age
//! bands, sexes, occupation categories, what the consultation gathered), each row beside the
//! reference territory's share, figures under 200 flagged as fragile; the units below with an
//! indicator the reader picks; the least heard of them named.

use std::collections::HashMap;

use crate::features::observatory::figures::{AGE_BANDS, Ageing, Figure, Profile, Tree, shares};
use crate::features::observatory::store::{Gathered, Unit};
use crate::features::territories::maps::group;
use crate::platform::i18n::Tr;
use crate::platform::web::chart::{Compared, compared_chart};

/// Counts under this are fragile (INSEE's advice for figures of small areas).
pub const FRAGILE_UNDER: f64 = 200.0;

/// One row of a table.
pub struct Row {
    /// What it counts.
    pub label: String,
    /// The count, written.
    pub count: String,
    /// Its share, written (or empty).
    pub share: String,
    /// The reference's share, written (or empty).
    pub reference: String,
    /// Whether the count is under 200.
    pub fragile: bool,
    /// The count, the share and the reference's (percent, or per 1,000 for the reach), as
    /// numbers for exports.
    pub numbers: (f64, Option<f64>, Option<f64>),
}

/// A table of the portrait, with its chart when it has shares.
pub struct Table {
    /// Its id in the page and in the export.
    pub id: &'static str,
    /// Its title.
    pub title: String,
    /// The year it describes.
    pub year: String,
    /// The chart (SVG), or empty.
    pub chart: String,
    /// Rows.
    pub rows: Vec<Row>,
    /// Whether its figures cover only part of the territory.
    pub partial: bool,
}

impl Table {
    /// Whether a row is fragile (to explain the mark under the table).
    pub fn has_fragile(&self) -> bool {
        self.rows.iter().any(|r| r.fragile)
    }
}

/// What the reader compares with.
pub struct Reference<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its figures.
    pub figures: Option<&'a HashMap<String, Figure>>,
    /// What the consultation gathered there, and its inhabitants.
    pub gathered: (Gathered, Option<f64>),
}

/// An indicator the map and the units' table can show.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Indicator {
    /// Inhabitants.
    Population,
    /// Share of an age band (0–5).
    AgeShare(usize),
    /// Ageing index.
    Ageing,
    /// Share of an occupation category (0–7).
    Occupation(usize),
    /// Needs per 1,000 inhabitants.
    NeedsPerThousand,
}

impl Indicator {
    /// Every indicator, in the picker's order.
    pub fn all() -> Vec<Indicator> {
        let mut all = vec![Indicator::Population, Indicator::NeedsPerThousand];
        all.extend((0..6).map(Indicator::AgeShare));
        all.push(Indicator::Ageing);
        all.extend((0..8).map(Indicator::Occupation));
        all
    }

    /// Its name in addresses.
    pub fn slug(self) -> String {
        match self {
            Indicator::Population => "population".into(),
            Indicator::AgeShare(i) => format!("age-{}", AGE_BANDS[i][3..].to_lowercase()),
            Indicator::Ageing => "vieillissement".into(),
            Indicator::Occupation(i) => format!("cs{}", i + 1),
            Indicator::NeedsPerThousand => "besoins".into(),
        }
    }

    /// The indicator named so, or the population.
    pub fn from_slug(slug: &str) -> Indicator {
        Indicator::all()
            .into_iter()
            .find(|i| i.slug() == slug)
            .unwrap_or(Indicator::Population)
    }

    /// Its label.
    pub fn label(self, tr: Tr) -> String {
        match self {
            Indicator::Population => tr.t("observatory-population"),
            Indicator::AgeShare(i) => tr.t1("observatory-share-of", "what", tr.t(&age_key(i))),
            Indicator::Ageing => tr.t("observatory-ageing"),
            Indicator::Occupation(i) => {
                tr.t1("observatory-share-of", "what", tr.t(&occupation_key(i)))
            }
            Indicator::NeedsPerThousand => tr.t("observatory-needs-per-thousand"),
        }
    }

    /// Its value for a unit.
    pub fn value(self, figures: Option<&HashMap<String, Figure>>, reach: &Reach) -> Option<f64> {
        let profile = figures.map(Profile::of).unwrap_or_default();
        match self {
            Indicator::Population => reach.inhabitants,
            Indicator::AgeShare(i) => profile.ages.map(|(_, bands)| shares(&bands)[i]),
            Indicator::Ageing => profile.ageing.map(|(_, index, _)| index),
            Indicator::Occupation(i) => profile.occupations.map(|(_, cs)| shares(&cs)[i]),
            Indicator::NeedsPerThousand => reach.per_thousand(reach.gathered.needs),
        }
    }
}

fn age_key(band: usize) -> String {
    format!("observatory-age-{}", AGE_BANDS[band][3..].to_lowercase())
}

fn occupation_key(category: usize) -> String {
    format!("observatory-cs{}", category + 1)
}

/// What the consultation gathered in a unit, and its inhabitants.
#[derive(Clone, Debug, Default)]
pub struct Reach {
    /// Summed over its communes.
    pub gathered: Gathered,
    /// Its inhabitants (legal population, else the latest complete census count).
    pub inhabitants: Option<f64>,
    /// Whether contributions are placed at its level (communes and above; not IRIS).
    pub counted: bool,
}

impl Reach {
    /// A unit's: its communes' gatherings summed.
    pub fn of(tree: &Tree, unit: &Unit, by_commune: &HashMap<i64, Gathered>) -> Reach {
        let mut gathered = Gathered {
            territory_id: unit.id,
            ..Gathered::default()
        };
        for commune in tree.communes(unit.id) {
            if let Some(g) = by_commune.get(&commune.id) {
                gathered.needs += g.needs;
                gathered.authors += g.authors;
                gathered.workshops += g.workshops;
                gathered.attendance += g.attendance;
                gathered.answers += g.answers;
                gathered.solutions += g.solutions;
            }
        }
        let census = tree
            .figures(unit.id)
            .map(Profile::of)
            .and_then(|p| p.populations.iter().rev().find(|p| p.complete).copied());
        Reach {
            gathered,
            counted: unit.level != "iris",
            inhabitants: unit
                .population
                .filter(|p| *p > 0)
                .map(|p| p as f64)
                .or(census.map(|p| p.value)),
        }
    }

    /// A count per 1,000 inhabitants.
    pub fn per_thousand(&self, count: i64) -> Option<f64> {
        self.inhabitants
            .filter(|i| *i > 0.0 && self.counted)
            .map(|i| 1000.0 * count as f64 / i)
    }
}

/// Writes a count (grouped by thousands), one decimal under 100 when not whole.
pub fn count(value: f64, tr: Tr) -> String {
    if value >= 100.0 || value.fract() == 0.0 {
        group(value)
    } else {
        tr.lang.decimal(value, 1)
    }
}

/// A table of shares (age bands, sexes, occupations) with the reference's beside.
fn shares_table<const N: usize>(
    id: &'static str,
    title: String,
    found: Option<(i32, [Figure; N])>,
    reference: Option<(i32, [Figure; N])>,
    labels: [String; N],
    names: (&str, &str),
    tr: Tr,
) -> Option<Table> {
    let (year, figures) = found?;
    let here = shares(&figures);
    let there = reference
        .filter(|(y, _)| *y == year)
        .map(|(_, f)| shares(&f));
    let written: Vec<(String, String)> = (0..N)
        .map(|i| {
            (
                tr.lang.percent(here[i] / 100.0),
                there
                    .map(|t| tr.lang.percent(t[i] / 100.0))
                    .unwrap_or_default(),
            )
        })
        .collect();
    let bars: Vec<Compared> = (0..N)
        .map(|i| Compared {
            label: &labels[i],
            here: (&written[i].0, (here[i] * 10.0).round() as i64),
            reference: there.map(|t| (written[i].1.as_str(), (t[i] * 10.0).round() as i64)),
        })
        .collect();
    let description = tr.t("observatory-chart-description");
    let chart = compared_chart(id, &title, &description, names, &bars);
    let rows = (0..N)
        .map(|i| Row {
            label: labels[i].clone(),
            count: count(figures[i].value, tr),
            share: written[i].0.clone(),
            reference: written[i].1.clone(),
            fragile: figures[i].value < FRAGILE_UNDER,
            numbers: (figures[i].value, Some(here[i]), there.map(|t| t[i])),
        })
        .collect();
    Some(Table {
        id,
        title,
        year: year.to_string(),
        chart,
        rows,
        partial: figures.iter().any(|f| !f.complete),
    })
}

/// The portrait's tables for a unit with these figures, beside the reference's.
pub fn tables(
    figures: Option<&HashMap<String, Figure>>,
    reach: &Reach,
    reference: &Reference<'_>,
    name: &str,
    tr: Tr,
) -> Vec<Table> {
    let profile = figures.map(Profile::of).unwrap_or_default();
    let theirs = reference.figures.map(Profile::of).unwrap_or_default();
    let names = (name, reference.name);
    let mut tables = Vec::new();
    if !profile.populations.is_empty() {
        tables.push(Table {
            id: "population",
            title: tr.t("observatory-population-years"),
            year: String::new(),
            chart: String::new(),
            rows: profile
                .populations
                .iter()
                .map(|p| Row {
                    label: tr.t_args(
                        if p.legal {
                            "observatory-legal-population"
                        } else {
                            "observatory-census-count"
                        },
                        &[("year", &p.year.to_string())],
                    ),
                    count: count(p.value, tr),
                    share: String::new(),
                    reference: String::new(),
                    fragile: p.value < FRAGILE_UNDER,
                    numbers: (p.value, None, None),
                })
                .collect(),
            partial: profile.populations.iter().any(|p| !p.complete),
        });
    }
    let ages: [String; 6] = std::array::from_fn(|i| tr.t(&age_key(i)));
    tables.extend(shares_table(
        "ages",
        tr.t("observatory-ages"),
        profile.ages,
        theirs.ages,
        ages,
        names,
        tr,
    ));
    tables.extend(shares_table(
        "sexes",
        tr.t("observatory-sexes"),
        profile.sexes,
        theirs.sexes,
        [tr.t("observatory-men"), tr.t("observatory-women")],
        names,
        tr,
    ));
    let occupations: [String; 8] = std::array::from_fn(|i| tr.t(&occupation_key(i)));
    tables.extend(shares_table(
        "csp",
        tr.t("observatory-occupations"),
        profile.occupations,
        theirs.occupations,
        occupations,
        names,
        tr,
    ));
    if reach.counted {
        tables.push(reach_table(reach, reference, tr));
    }
    tables
}

/// What the consultation gathered, per 1,000 inhabitants beside the reference.
fn reach_table(reach: &Reach, reference: &Reference<'_>, tr: Tr) -> Table {
    let (theirs, their_inhabitants) = &reference.gathered;
    let their = Reach {
        gathered: theirs.clone(),
        inhabitants: *their_inhabitants,
        counted: true,
    };
    let per = |r: &Reach, n: i64| {
        r.per_thousand(n)
            .map(|v| tr.lang.decimal(v, 1))
            .unwrap_or_default()
    };
    let compared = reference.figures.is_some() || their.inhabitants.is_some();
    let g = &reach.gathered;
    let rows = [
        ("observatory-needs", g.needs, theirs.needs),
        ("observatory-authors", g.authors, theirs.authors),
        ("observatory-solutions", g.solutions, theirs.solutions),
        ("observatory-workshops", g.workshops, theirs.workshops),
        ("observatory-attendance", g.attendance, theirs.attendance),
        ("observatory-answers", g.answers, theirs.answers),
    ]
    .into_iter()
    .map(|(key, here, there)| Row {
        label: tr.t(key),
        count: group(here as f64),
        share: per(reach, here),
        reference: if compared {
            per(&their, there)
        } else {
            String::new()
        },
        fragile: false,
        numbers: (
            here as f64,
            reach.per_thousand(here),
            their.per_thousand(there).filter(|_| compared),
        ),
    })
    .collect();
    Table {
        id: "concertation",
        title: tr.t("observatory-reach"),
        year: String::new(),
        chart: String::new(),
        rows,
        partial: false,
    }
}

/// The profiles' and attendance sheets' age brackets, beside the census band each is compared
/// with (the first two differ: under 18 against 0–14, 18–29 against 15–29).
const BRACKETS: [&str; 6] = ["moins-18", "18-29", "30-44", "45-59", "60-74", "75-plus"];

/// Who took part by age against the population (the latest census bands), with the ratio of
/// the two shares (1 = as many as in the population); `None` when nobody said their age.
pub fn participation_table(
    by_age: &HashMap<String, i64>,
    figures: Option<&HashMap<String, Figure>>,
    tr: Tr,
) -> Option<Table> {
    let counts: Vec<f64> = BRACKETS
        .iter()
        .map(|b| by_age.get(*b).copied().unwrap_or(0) as f64)
        .collect();
    let total: f64 = counts.iter().sum();
    if total <= 0.0 {
        return None;
    }
    let population = figures
        .map(Profile::of)
        .and_then(|p| p.ages)
        .map(|(year, bands)| (year, shares(&bands)));
    let rows = BRACKETS
        .iter()
        .enumerate()
        .map(|(i, bracket)| {
            let share = 100.0 * counts[i] / total;
            let there = population.map(|(_, s)| s[i]);
            Row {
                label: tr.t_args(
                    "observatory-participation-row",
                    &[
                        ("bracket", &tr.t(&format!("age-{bracket}"))),
                        ("band", &tr.t(&age_key(i))),
                    ],
                ),
                count: group(counts[i]),
                share: tr.lang.percent(share / 100.0),
                reference: there
                    .map(|t| tr.lang.percent(t / 100.0))
                    .unwrap_or_default(),
                fragile: false,
                numbers: (counts[i], Some(share), there),
            }
        })
        .collect();
    Some(Table {
        id: "participation",
        title: tr.t("observatory-participation"),
        year: population.map(|(y, _)| y.to_string()).unwrap_or_default(),
        chart: String::new(),
        rows,
        partial: false,
    })
}

/// The age bracket least represented among those who took part against the population (the
/// lowest ratio of the two shares), written; `None` without both.
pub fn least_represented(table: &Table, tr: Tr) -> Option<String> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            let (_, Some(share), Some(population)) = row.numbers else {
                return None;
            };
            (population > 0.0).then_some((row, share / population))
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(row, ratio)| {
            tr.t_args(
                "observatory-least-represented",
                &[
                    ("group", row.label.as_str()),
                    ("ratio", &tr.lang.decimal(ratio, 2)),
                ],
            )
        })
}

/// Workshop attendance by public (the sheets' categories).
pub fn publics_table(by_public: &HashMap<String, i64>, tr: Tr) -> Option<Table> {
    let total: i64 = by_public.values().sum();
    if total <= 0 {
        return None;
    }
    let mut publics: Vec<(&String, &i64)> = by_public.iter().collect();
    publics.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    Some(Table {
        id: "publics",
        title: tr.t("observatory-publics"),
        year: String::new(),
        chart: String::new(),
        rows: publics
            .into_iter()
            .map(|(public, people)| {
                let share = 100.0 * *people as f64 / total as f64;
                Row {
                    label: tr.t(&format!("audience-{public}")),
                    count: group(*people as f64),
                    share: tr.lang.percent(share / 100.0),
                    reference: String::new(),
                    fragile: false,
                    numbers: (*people as f64, Some(share), None),
                }
            })
            .collect(),
        partial: false,
    })
}

/// Priority neighbourhoods (QPV) in a unit: needs placed in them and out of them, and their
/// inhabitants against the unit's.
pub fn qpv_table(
    (inside, outside): (usize, usize),
    qpv_inhabitants: Option<i64>,
    inhabitants: Option<f64>,
    tr: Tr,
) -> Table {
    let placed = (inside + outside).max(1) as f64;
    let row = |key: &str, n: f64, share: Option<f64>| Row {
        label: tr.t(key),
        count: group(n),
        share: share
            .map(|s| tr.lang.percent(s / 100.0))
            .unwrap_or_default(),
        reference: String::new(),
        fragile: false,
        numbers: (n, share, None),
    };
    let mut rows = vec![
        row(
            "observatory-qpv-needs-in",
            inside as f64,
            Some(100.0 * inside as f64 / placed),
        ),
        row(
            "observatory-qpv-needs-out",
            outside as f64,
            Some(100.0 * outside as f64 / placed),
        ),
    ];
    if let Some(people) = qpv_inhabitants {
        let share = inhabitants
            .filter(|i| *i > 0.0)
            .map(|i| 100.0 * people as f64 / i);
        rows.push(row("observatory-qpv-inhabitants", people as f64, share));
    }
    Table {
        id: "qpv",
        title: tr.t("observatory-qpv"),
        year: String::new(),
        chart: String::new(),
        rows,
        partial: false,
    }
}

/// The headline of the ageing index and the population's change.
pub fn headlines(figures: Option<&HashMap<String, Figure>>, tr: Tr) -> Vec<String> {
    let profile = figures.map(Profile::of).unwrap_or_default();
    let mut lines = Vec::new();
    if let Some((from, to, total, yearly)) = profile.change() {
        lines.push(tr.t_args(
            "observatory-change",
            &[
                ("from", &from.year.to_string()),
                ("to", &to.year.to_string()),
                ("first", &count(from.value, tr)),
                ("last", &count(to.value, tr)),
                ("total", &signed(total, tr)),
                ("yearly", &signed(yearly, tr)),
            ],
        ));
    }
    if let Some((year, index, definition)) = profile.ageing {
        let key = match definition {
            Ageing::SixtyFiveOverTwenty => "observatory-ageing-insee",
            Ageing::SixtyOverFifteen => "observatory-ageing-bands",
        };
        lines.push(tr.t_args(
            key,
            &[
                ("index", &tr.lang.decimal(index, 0)),
                ("year", &year.to_string()),
            ],
        ));
    }
    lines
}

fn signed(percent: f64, tr: Tr) -> String {
    let sign = if percent > 0.0 { "+" } else { "" };
    format!("{sign}{}\u{a0}%", tr.lang.decimal(percent, 2))
}

/// The units below with the fewest needs per 1,000 inhabitants (at most three, people living
/// there), lowest first.
pub fn least_heard<'a>(units: &[(&'a Unit, Reach)]) -> Vec<(&'a Unit, f64)> {
    let mut rated: Vec<(&Unit, f64)> = units
        .iter()
        .filter_map(|(u, r)| r.per_thousand(r.gathered.needs).map(|v| (*u, v)))
        .collect();
    rated.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.name.cmp(&b.0.name)));
    rated.truncate(3);
    rated
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, population: Option<i64>) -> Unit {
        Unit {
            id,
            level: "commune".into(),
            code: id.to_string(),
            name: format!("C{id}"),
            parent_id: None,
            population,
        }
    }

    fn reach(needs: i64, inhabitants: Option<f64>) -> Reach {
        Reach {
            gathered: Gathered {
                needs,
                ..Gathered::default()
            },
            inhabitants,
            counted: true,
        }
    }

    #[test]
    fn indicators_round_trip_their_slugs() {
        for indicator in Indicator::all() {
            assert_eq!(Indicator::from_slug(&indicator.slug()), indicator);
        }
        assert_eq!(Indicator::AgeShare(5).slug(), "age-75p");
        assert_eq!(Indicator::from_slug("nonsense"), Indicator::Population);
    }

    #[test]
    fn the_least_heard_have_the_fewest_needs_per_thousand() {
        let (a, b, c, d) = (unit(1, None), unit(2, None), unit(3, None), unit(4, None));
        let units = [
            (&a, reach(10, Some(1000.0))),
            (&b, reach(1, Some(2000.0))),
            (&c, reach(0, None)),
            (&d, reach(3, Some(500.0))),
        ];
        let least: Vec<(i64, f64)> = least_heard(&units)
            .iter()
            .map(|(u, v)| (u.id, *v))
            .collect();
        assert_eq!(
            least,
            [(2, 0.5), (4, 6.0), (1, 10.0)],
            "no inhabitants: not rated"
        );
    }
}

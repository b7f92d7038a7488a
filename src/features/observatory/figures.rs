//! A territory's figures (no IO): each unit's own figures from the imported datasets (a later
//! import of the same column wins), summed up the hierarchy where a unit has none of its own
//! (a commune from its IRIS, an EPCI from its communes), each sum marked complete when every
//! unit below has the figure; and the portrait drawn from them: population over the years, age
//! bands, sexes, ageing index, occupation categories.

use std::collections::HashMap;

use crate::features::observatory::census::census_column;
use crate::features::observatory::store::{Dataset, FigureRow, Unit};
use crate::features::territories::store::OVERLAY_LEVELS;

/// A figure of a unit: its value and whether every unit below contributed to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figure {
    /// Value.
    pub value: f64,
    /// Whether it covers the whole unit.
    pub complete: bool,
}

/// A dataset's columns as figure keys (a census column's name; a legal population's name and
/// year, `PMUN_2023`), with their source and licence.
pub struct Columns {
    /// Keys, aligned with the stored values.
    pub keys: Vec<String>,
    /// The dataset's title, source, licence.
    pub cited: (String, String, String),
    /// When it was imported (later wins).
    pub created_at: i64,
}

impl Columns {
    /// A dataset's columns.
    pub fn of(dataset: &Dataset) -> Columns {
        let columns: Vec<(String, i64)> =
            serde_json::from_str(&dataset.columns).unwrap_or_default();
        Columns {
            keys: columns
                .into_iter()
                .map(|(name, year)| figure_key(&name, year))
                .collect(),
            cited: (
                dataset.title.clone(),
                dataset.source.clone(),
                dataset.licence.clone(),
            ),
            created_at: dataset.created_at,
        }
    }
}

/// The key of a column: a census column is named with its year already.
pub fn figure_key(name: &str, year: i64) -> String {
    if census_column(name).is_some() {
        name.to_owned()
    } else {
        format!("{name}_{year}")
    }
}

/// Every unit of a subtree with its figures, own and summed.
pub struct Tree {
    units: HashMap<i64, Unit>,
    children: HashMap<i64, Vec<i64>>,
    summed: HashMap<i64, HashMap<String, Figure>>,
    /// Which datasets each key came from (for citing sources).
    pub origin: HashMap<String, i64>,
}

impl Tree {
    /// Builds the tree of `units` rooted at `root` with the stored figure rows.
    pub fn build(
        root: i64,
        units: Vec<Unit>,
        rows: &[FigureRow],
        datasets: &HashMap<i64, Columns>,
    ) -> Tree {
        let mut own: HashMap<i64, HashMap<String, (f64, i64)>> = HashMap::new();
        let mut origin = HashMap::new();
        for row in rows {
            let Some(columns) = datasets.get(&row.dataset_id) else {
                continue;
            };
            let values: Vec<Option<f64>> = serde_json::from_str(&row.figures).unwrap_or_default();
            let unit = own.entry(row.territory_id).or_default();
            for (key, value) in columns.keys.iter().zip(values) {
                let Some(value) = value else { continue };
                let later = unit
                    .get(key)
                    .is_none_or(|(_, at)| *at <= columns.created_at);
                if later {
                    unit.insert(key.clone(), (value, columns.created_at));
                    origin.insert(key.clone(), row.dataset_id);
                }
            }
        }
        let mut children: HashMap<i64, Vec<i64>> = HashMap::new();
        for unit in units
            .iter()
            .filter(|u| !OVERLAY_LEVELS.contains(&u.level.as_str()))
        {
            if let Some(parent) = unit.parent_id.filter(|_| unit.id != root) {
                children.entry(parent).or_default().push(unit.id);
            }
        }
        let mut tree = Tree {
            units: units.into_iter().map(|u| (u.id, u)).collect(),
            children,
            summed: HashMap::new(),
            origin,
        };
        tree.sum(root, &own, 0);
        tree
    }

    fn sum(&mut self, id: i64, own: &HashMap<i64, HashMap<String, (f64, i64)>>, depth: usize) {
        let kids = self.children.get(&id).cloned().unwrap_or_default();
        if depth < 12 {
            for kid in &kids {
                self.sum(*kid, own, depth + 1);
            }
        }
        let mut figures: HashMap<String, Figure> = HashMap::new();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for kid in &kids {
            for (key, figure) in self.summed.get(kid).into_iter().flatten() {
                let entry = figures.entry(key.clone()).or_insert(Figure {
                    value: 0.0,
                    complete: true,
                });
                entry.value += figure.value;
                entry.complete &= figure.complete;
                *counts.entry(key.as_str()).or_default() += 1;
            }
        }
        for (key, figure) in &mut figures {
            figure.complete &= counts.get(key.as_str()) == Some(&kids.len());
        }
        for (key, (value, _)) in own.get(&id).into_iter().flatten() {
            figures.insert(
                key.clone(),
                Figure {
                    value: *value,
                    complete: true,
                },
            );
        }
        self.summed.insert(id, figures);
    }

    /// A unit's figures.
    pub fn figures(&self, id: i64) -> Option<&HashMap<String, Figure>> {
        self.summed.get(&id)
    }

    /// A unit.
    pub fn unit(&self, id: i64) -> Option<&Unit> {
        self.units.get(&id)
    }

    /// Every unit of the tree, in no order.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        self.units.values()
    }

    /// The units directly under one.
    pub fn children(&self, id: i64) -> Vec<&Unit> {
        let mut kids: Vec<&Unit> = self
            .children
            .get(&id)
            .into_iter()
            .flatten()
            .filter_map(|k| self.units.get(k))
            .collect();
        kids.sort_by_cached_key(|u| textkit::normalize::fold(&u.name));
        kids
    }

    /// The communes under a unit (itself if it is one).
    pub fn communes(&self, id: i64) -> Vec<&Unit> {
        let mut all = Vec::new();
        self.collect_communes(id, &mut all, 0);
        all
    }

    /// The communes under a unit (itself if it is one): those `key` reaches, and the others.
    pub fn communes_with(&self, id: i64, key: &str) -> (Vec<&Unit>, Vec<&Unit>) {
        self.communes(id).into_iter().partition(|u| {
            self.summed
                .get(&u.id)
                .is_some_and(|figures| figures.contains_key(key))
        })
    }

    fn collect_communes<'a>(&'a self, id: i64, into: &mut Vec<&'a Unit>, depth: usize) {
        match self.units.get(&id) {
            Some(unit) if unit.level == "commune" => into.push(unit),
            _ if depth < 12 => {
                for kid in self.children.get(&id).into_iter().flatten() {
                    self.collect_communes(*kid, into, depth + 1);
                }
            }
            _ => {}
        }
    }
}

/// The census's six age bands, as INSEE names them.
pub const AGE_BANDS: [&str; 6] = [
    "POP0014", "POP1529", "POP3044", "POP4559", "POP6074", "POP75P",
];

/// The occupation categories of people aged 15 or over (PCS 2003, level 1).
pub const OCCUPATIONS: [&str; 8] = [
    "POP15P_CS1",
    "POP15P_CS2",
    "POP15P_CS3",
    "POP15P_CS4",
    "POP15P_CS5",
    "POP15P_CS6",
    "POP15P_CS7",
    "POP15P_CS8",
];

/// How the ageing index was measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Ageing {
    /// INSEE's: people aged 65 or over per 100 under 20.
    SixtyFiveOverTwenty,
    /// From the six bands only: people aged 60 or over per 100 under 15.
    SixtyOverFifteen,
}

/// One year's population: its value, whether it covers the whole unit, whether it is a legal
/// population (else the census's).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Population {
    /// Year.
    pub year: i32,
    /// Inhabitants.
    pub value: f64,
    /// Whether every unit below is counted.
    pub complete: bool,
    /// A legal population (else a census count).
    pub legal: bool,
}

/// A unit's portrait, in numbers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Profile {
    /// Population by year, oldest first.
    pub populations: Vec<Population>,
    /// The latest census year with the six age bands, and the bands.
    pub ages: Option<(i32, [Figure; 6])>,
    /// Men and women, latest year.
    pub sexes: Option<(i32, [Figure; 2])>,
    /// Ageing index, its year and definition.
    pub ageing: Option<(i32, f64, Ageing)>,
    /// Occupation categories of people aged 15 or over, latest year.
    pub occupations: Option<(i32, [Figure; 8])>,
}

/// The latest year in which every one of `variables` is known, and their figures.
fn latest<const N: usize>(
    figures: &HashMap<String, Figure>,
    prefix: char,
    variables: [&str; N],
) -> Option<(i32, [Figure; N])> {
    let mut years: Vec<i32> = figures
        .keys()
        .filter_map(|k| census_column(k).map(|(y, _)| y))
        .collect();
    years.sort_unstable();
    years.dedup();
    years.into_iter().rev().find_map(|year| {
        let yy = year % 100;
        let mut found = [Figure {
            value: 0.0,
            complete: true,
        }; N];
        for (slot, variable) in found.iter_mut().zip(variables) {
            *slot = *figures.get(&format!("{prefix}{yy:02}_{variable}"))?;
        }
        Some((year, found))
    })
}

impl Profile {
    /// The portrait of a unit with these figures.
    pub fn of(figures: &HashMap<String, Figure>) -> Profile {
        let mut populations: HashMap<i32, Population> = HashMap::new();
        for (key, figure) in figures {
            let found = if let Some(year) = key.strip_prefix("PMUN_") {
                year.parse().ok().map(|y| (y, true))
            } else {
                census_column(key)
                    .filter(|(_, variable)| *variable == "POP" && key.starts_with(['P', 'D']))
                    .map(|(y, _)| (y, false))
            };
            if let Some((year, legal)) = found {
                let entry = Population {
                    year,
                    value: figure.value,
                    complete: figure.complete,
                    legal,
                };
                let better = populations.get(&year).is_none_or(|p| legal && !p.legal);
                if better {
                    populations.insert(year, entry);
                }
            }
        }
        let ages = latest(figures, 'P', AGE_BANDS);
        if let Some((year, bands)) = ages {
            populations.entry(year).or_insert(Population {
                year,
                value: bands.iter().map(|b| b.value).sum(),
                complete: bands.iter().all(|b| b.complete),
                legal: false,
            });
        }
        let mut populations: Vec<Population> = populations.into_values().collect();
        populations.sort_by_key(|p| p.year);
        let ageing = latest(figures, 'P', ["POP65P", "POP0019"])
            .filter(|(_, [_, young])| young.value > 0.0)
            .map(|(year, [old, young])| {
                (
                    year,
                    100.0 * old.value / young.value,
                    Ageing::SixtyFiveOverTwenty,
                )
            })
            .or_else(|| {
                let (year, bands) = ages?;
                (bands[0].value > 0.0).then(|| {
                    let old = bands[4].value + bands[5].value;
                    (year, 100.0 * old / bands[0].value, Ageing::SixtyOverFifteen)
                })
            });
        Profile {
            populations,
            ages,
            sexes: latest(figures, 'P', ["POPH", "POPF"]),
            ageing,
            occupations: latest(figures, 'C', OCCUPATIONS),
        }
    }

    /// The change between the first and the last complete populations: `(from, to, change in
    /// percent, change per year in percent)`.
    pub fn change(&self) -> Option<(Population, Population, f64, f64)> {
        let complete: Vec<&Population> = self.populations.iter().filter(|p| p.complete).collect();
        let (first, last) = (**complete.first()?, **complete.last()?);
        if last.year <= first.year || first.value <= 0.0 {
            return None;
        }
        let ratio = last.value / first.value;
        let years = f64::from(last.year - first.year);
        Some((
            first,
            last,
            100.0 * (ratio - 1.0),
            100.0 * (ratio.powf(1.0 / years) - 1.0),
        ))
    }
}

/// Shares in percent of each figure in their total.
pub fn shares<const N: usize>(figures: &[Figure; N]) -> [f64; N] {
    let total: f64 = figures.iter().map(|f| f.value).sum();
    figures.map(|f| {
        if total > 0.0 {
            100.0 * f.value / total
        } else {
            0.0
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: i64, level: &str, parent: Option<i64>, population: i64) -> Unit {
        Unit {
            id,
            level: level.into(),
            code: id.to_string(),
            name: format!("U{id}"),
            parent_id: parent,
            population: Some(population),
        }
    }

    fn columns(keys: &[&str], created_at: i64) -> Columns {
        Columns {
            keys: keys.iter().map(|k| k.to_string()).collect(),
            cited: ("t".into(), "s".into(), "l".into()),
            created_at,
        }
    }

    fn row(territory_id: i64, dataset_id: i64, values: &str) -> FigureRow {
        FigureRow {
            territory_id,
            dataset_id,
            figures: values.into(),
        }
    }

    /// An EPCI (1) of two communes (2, 3); commune 2 has two IRIS (4, 5), commune 3 none.
    fn tree() -> Tree {
        let units = vec![
            unit(1, "epci", None, 3000),
            unit(2, "commune", Some(1), 2000),
            unit(3, "commune", Some(1), 1000),
            unit(4, "iris", Some(2), 0),
            unit(5, "iris", Some(2), 0),
        ];
        let datasets = HashMap::from([
            (10, columns(&["P16_POP0014", "P16_POP75P"], 1)),
            (11, columns(&["PMUN_2023"], 2)),
            (12, columns(&["P16_POP0014"], 3)),
        ]);
        let rows = [
            row(4, 10, "[100.5, 50]"),
            row(5, 10, "[200, null]"),
            row(2, 11, "[2100]"),
            row(3, 11, "[950]"),
            row(5, 12, "[300]"),
        ];
        Tree::build(1, units, &rows, &datasets)
    }

    #[test]
    fn figures_sum_up_the_hierarchy_and_say_when_they_are_partial() {
        let tree = tree();
        let commune = tree.figures(2).unwrap();
        assert_eq!(
            commune["P16_POP0014"],
            Figure {
                value: 400.5,
                complete: true
            },
            "the later import of IRIS 5 wins"
        );
        assert!(!commune["P16_POP75P"].complete, "IRIS 5 lacks it");
        let epci = tree.figures(1).unwrap();
        assert_eq!(epci["PMUN_2023"].value, 3050.0);
        assert!(epci["PMUN_2023"].complete);
        assert!(!epci["P16_POP0014"].complete, "commune 3 has no IRIS");
        let (covered, not) = tree.communes_with(1, "P16_POP0014");
        assert_eq!((covered.len(), not.len()), (1, 1));
        assert_eq!(tree.children(1).len(), 2);
    }

    #[test]
    fn a_profile_reads_bands_ageing_and_change() {
        let mut figures = HashMap::new();
        let put = |f: &mut HashMap<String, Figure>, k: &str, v: f64| {
            f.insert(
                k.to_string(),
                Figure {
                    value: v,
                    complete: true,
                },
            );
        };
        for (band, value) in AGE_BANDS
            .iter()
            .zip([200.0, 150.0, 150.0, 200.0, 200.0, 100.0])
        {
            put(&mut figures, &format!("P16_{band}"), value);
        }
        put(&mut figures, "PMUN_2023", 1100.0);
        let profile = Profile::of(&figures);
        assert_eq!(profile.populations.len(), 2);
        assert_eq!(profile.populations[0].value, 1000.0, "the bands' sum");
        assert!(profile.populations[1].legal);
        let (year, index, definition) = profile.ageing.unwrap();
        assert_eq!(
            (year, index, definition),
            (2016, 150.0, Ageing::SixtyOverFifteen)
        );
        let (from, to, total, yearly) = profile.change().unwrap();
        assert_eq!((from.year, to.year), (2016, 2023));
        assert!((total - 10.0).abs() < 1e-9);
        assert!((yearly - (1.1f64.powf(1.0 / 7.0) - 1.0) * 100.0).abs() < 1e-9);
        put(&mut figures, "P16_POP65P", 250.0);
        put(&mut figures, "P16_POP0019", 250.0);
        let (_, index, definition) = Profile::of(&figures).ageing.unwrap();
        assert_eq!((index, definition), (100.0, Ageing::SixtyFiveOverTwenty));
        let ages = Profile::of(&figures).ages.unwrap().1;
        assert_eq!(shares(&ages)[0], 20.0);
    }
}

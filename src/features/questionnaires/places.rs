//! The places a residence question is answered with and weighted by: the process's communes
//! (a commune question), its IRIS (an IRIS question, grouped by commune) and the EPCI each
//! commune belongs to (a commune question may be weighted by EPCI), with the populations the
//! margins are filled from. Pure: built from the process's territories.

use std::collections::HashMap;

use crate::features::questionnaires::rules::Kind;
use crate::features::territories::store::Territory;

/// A place: its official code, its name, the code of the place it lies in (a commune's EPCI,
/// an IRIS's commune) and its population where known.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// INSEE code (commune, IRIS) or SIREN (EPCI).
    pub code: String,
    /// Name.
    pub name: String,
    /// The code of the place it lies in.
    pub within: Option<String>,
    /// Inhabitants, as stored (legal population, census).
    pub population: Option<f64>,
}

crate::text_enum! {
    /// The level a residence margin is typed at.
    pub enum Level {
        /// By commune (a commune question).
        Commune = "commune",
        /// By EPCI, each respondent counted in their commune's (a commune question).
        Epci = "epci",
        /// By IRIS (an IRIS question).
        Iris = "iris",
    }
}

impl Level {
    /// The levels a question of this kind may be weighted at.
    pub fn of_kind(kind: Kind) -> &'static [Level] {
        match kind {
            Kind::Commune => &[Level::Commune, Level::Epci],
            Kind::Iris => &[Level::Iris],
            _ => &[],
        }
    }
}

/// The process's places, each level indexed by code.
#[derive(Clone, Debug, Default)]
pub struct Places {
    communes: Vec<Place>,
    epcis: Vec<Place>,
    iris: Vec<Place>,
    index: [HashMap<String, usize>; 3],
}

/// Where a level's places are kept in `Places`.
fn slot(level: Level) -> usize {
    match level {
        Level::Commune => 0,
        Level::Epci => 1,
        Level::Iris => 2,
    }
}

impl Places {
    /// Places from their lists (communes and EPCI by name, IRIS by commune then name).
    pub fn new(communes: Vec<Place>, epcis: Vec<Place>, mut iris: Vec<Place>) -> Places {
        let rank: HashMap<&str, usize> = communes
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code.as_str(), i))
            .collect();
        iris.sort_by_key(|i| {
            let commune = i.within.as_deref().and_then(|c| rank.get(c).copied());
            (
                commune.unwrap_or(usize::MAX),
                textkit::normalize::fold(&i.name),
            )
        });
        let index_of = |places: &[Place]| {
            places
                .iter()
                .enumerate()
                .map(|(i, p)| (p.code.clone(), i))
                .collect()
        };
        let index = [index_of(&communes), index_of(&epcis), index_of(&iris)];
        Places {
            communes,
            epcis,
            iris,
            index,
        }
    }

    /// The places of the process's territories: its communes (with their legal populations),
    /// its EPCI (with the sum of their communes' when every one is known) and the IRIS given.
    pub fn of(communes: &[Territory], epcis: &[Territory], iris: &[Territory]) -> Places {
        let code_of: HashMap<i64, &str> = communes
            .iter()
            .chain(epcis)
            .map(|t| (t.id, t.code.as_str()))
            .collect();
        let place = |t: &Territory, population: Option<f64>| Place {
            code: t.code.clone(),
            name: t.name.clone(),
            within: t
                .parent_id
                .and_then(|p| code_of.get(&p))
                .map(|c| (*c).to_owned()),
            population,
        };
        let communes: Vec<Place> = communes
            .iter()
            .map(|c| place(c, c.population.map(|p| p as f64)))
            .collect();
        let epcis = epcis
            .iter()
            .map(|e| {
                let members = communes
                    .iter()
                    .filter(|c| c.within.as_ref() == Some(&e.code));
                let population = members
                    .map(|c| c.population)
                    .try_fold(0.0, |sum, p| p.map(|p| sum + p));
                place(e, population.filter(|p| *p > 0.0))
            })
            .collect();
        let iris = iris.iter().map(|i| place(i, None)).collect();
        Places::new(communes, epcis, iris)
    }

    /// A level's places, in order.
    pub fn at(&self, level: Level) -> &[Place] {
        match level {
            Level::Commune => &self.communes,
            Level::Epci => &self.epcis,
            Level::Iris => &self.iris,
        }
    }

    /// The places a question of this kind is answered with (none for other kinds).
    pub fn answers(&self, kind: Kind) -> &[Place] {
        match kind {
            Kind::Commune => &self.communes,
            Kind::Iris => &self.iris,
            _ => &[],
        }
    }

    /// A place of a level by code.
    pub fn find(&self, level: Level, code: &str) -> Option<&Place> {
        let i = self.index[slot(level)].get(code)?;
        Some(&self.at(level)[*i])
    }

    /// The place a question of this kind names with this code as its answer.
    pub fn answered(&self, kind: Kind, code: &str) -> Option<&Place> {
        let level = match kind {
            Kind::Commune => Level::Commune,
            Kind::Iris => Level::Iris,
            _ => return None,
        };
        self.find(level, code)
    }

    /// Whether a question of this kind accepts this code as its answer.
    pub fn accepts(&self, kind: Kind, code: &str) -> bool {
        self.answered(kind, code).is_some()
    }

    /// The name of an answer's place (its code if unknown).
    pub fn name(&self, kind: Kind, code: &str) -> String {
        self.answered(kind, code)
            .map_or_else(|| code.to_owned(), |p| p.name.clone())
    }

    /// What an answer counts as in a margin at `level`: the answered place itself, or the EPCI
    /// of the answered commune.
    pub fn counted_as<'a>(&'a self, answer: &'a str, level: Level) -> Option<&'a str> {
        match level {
            Level::Epci => self.find(Level::Commune, answer)?.within.as_deref(),
            _ => Some(answer),
        }
    }

    /// The level of a residence margin, from its categories' codes: a commune question's
    /// margin whose codes are EPCI is by EPCI.
    pub fn margin_level<'a>(&self, kind: Kind, mut codes: impl Iterator<Item = &'a str>) -> Level {
        match kind {
            Kind::Iris => Level::Iris,
            _ if codes
                .next()
                .is_some_and(|c| self.find(Level::Epci, c).is_some()) =>
            {
                Level::Epci
            }
            _ => Level::Commune,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn territory(id: i64, level: &str, code: &str, name: &str, parent: Option<i64>) -> Territory {
        Territory {
            id,
            level: level.into(),
            code: code.into(),
            name: name.into(),
            parent_id: parent,
            population: (level == "commune").then_some(1000 * id),
            population_year: None,
            population_source: None,
        }
    }

    fn places() -> Places {
        let epcis = [territory(1, "epci", "200069052", "Grand Belfort", None)];
        let communes = [
            territory(2, "commune", "90010", "Belfort", Some(1)),
            territory(3, "commune", "90065", "Danjoutin", Some(1)),
        ];
        let iris = [
            territory(5, "iris", "900650000", "Danjoutin", Some(3)),
            territory(6, "iris", "900100104", "Vieille Ville", Some(2)),
            territory(7, "iris", "900100101", "Centre", Some(2)),
        ];
        Places::of(&communes, &epcis, &iris)
    }

    #[test]
    fn iris_are_grouped_by_commune_and_an_epci_sums_its_communes() {
        let places = places();
        let iris: Vec<&str> = places
            .at(Level::Iris)
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        assert_eq!(iris, ["900100101", "900100104", "900650000"]);
        assert_eq!(places.at(Level::Epci)[0].population, Some(5000.0));
        assert_eq!(places.counted_as("90065", Level::Epci), Some("200069052"));
        assert_eq!(places.counted_as("90065", Level::Commune), Some("90065"));
        assert_eq!(places.counted_as("75056", Level::Epci), None);
    }

    #[test]
    fn an_answer_is_accepted_only_at_its_questions_level() {
        let places = places();
        assert!(places.accepts(Kind::Commune, "90010"));
        assert!(!places.accepts(Kind::Commune, "900100101"));
        assert!(places.accepts(Kind::Iris, "900100101"));
        assert!(!places.accepts(Kind::Iris, "90010"));
        assert!(!places.accepts(Kind::Single, "90010"));
        assert_eq!(
            places.margin_level(Kind::Commune, ["200069052"].into_iter()),
            Level::Epci
        );
        assert_eq!(
            places.margin_level(Kind::Commune, ["90010"].into_iter()),
            Level::Commune
        );
    }
}

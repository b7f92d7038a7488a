//! The ressourcerie without IO: kinds of resources, project stages, audiences, the
//! publication workflow and who moves it, funding's amount and rate ranges and deadlines, and
//! which resources fit a solution (its theme, stage and place, funding still open).

use std::str::FromStr;

crate::text_enum! {
    /// What a resource is.
    pub enum ResourceKind {
        /// A guide or a method.
        Guide = "guide",
        /// A model or a template to copy.
        Template = "template",
        /// A tool (software, kit, service).
        Tool = "tool",
        /// A funding opportunity: a call for projects, a grant, a prize.
        Funding = "funding",
        /// A training.
        Training = "training",
        /// Someone to call.
        Contact = "contact",
        /// A place (third place, fab lab, room).
        Place = "place",
    }
}

crate::text_enum! {
    /// How far a project has come (Aides-territoires' « avancement du projet »).
    pub enum ProjectStage {
        /// An idea being shaped.
        Idea = "idea",
        /// A project being designed.
        Project = "project",
        /// Being launched.
        Launch = "launch",
        /// Running and growing.
        Development = "development",
    }
}

impl ProjectStage {
    /// The stage of a solution from its progress in percent, by quarters: under 25 an idea,
    /// under 50 a project, under 75 a launch, else development.
    pub fn of_progress(progress: i64) -> ProjectStage {
        match progress {
            ..25 => ProjectStage::Idea,
            25..50 => ProjectStage::Project,
            50..75 => ProjectStage::Launch,
            _ => ProjectStage::Development,
        }
    }
}

crate::text_enum! {
    /// Whom a resource is for.
    pub enum Audience {
        /// Inhabitants and informal groups.
        Citizens = "citizens",
        /// Associations.
        Associations = "associations",
        /// Communes, EPCI and other local authorities.
        LocalAuthorities = "local_authorities",
        /// Companies, cooperatives, craftspeople.
        Businesses = "businesses",
        /// Public bodies (schools, hospitals, agencies).
        PublicBodies = "public_bodies",
    }
}

crate::text_enum! {
    /// Where a resource stands in its publication.
    pub enum Publication {
        /// Being written by the team.
        Draft = "draft",
        /// Written or suggested, waiting for the team's review.
        Review = "review",
        /// Shown to everyone.
        Published = "published",
        /// Withdrawn, kept for the record.
        Archived = "archived",
    }
}

impl Publication {
    /// Where the team may move a resource from here.
    pub fn next(self) -> &'static [Publication] {
        match self {
            Publication::Draft => &[Publication::Review, Publication::Published],
            Publication::Review => &[Publication::Draft, Publication::Published],
            Publication::Published => &[Publication::Archived],
            Publication::Archived => &[Publication::Published, Publication::Draft],
        }
    }

    /// Whether the team may move a resource from `self` to `to`.
    pub fn may_move_to(self, to: Publication) -> bool {
        self.next().contains(&to)
    }
}

crate::text_enum! {
    /// How often a funding opportunity comes back.
    pub enum Recurrence {
        /// Once, until its deadline.
        Once = "once",
        /// Every year or session.
        Recurring = "recurring",
        /// Open all year round.
        Permanent = "permanent",
    }
}

crate::text_enum! {
    /// Where a suggested edit stands.
    pub enum EditStatus {
        /// Waiting for the team.
        Pending = "pending",
        /// Applied.
        Accepted = "accepted",
        /// Turned down.
        Refused = "refused",
    }
}

/// Reads a stored list (comma-separated); names the list does not know are left out.
pub fn list_of<T: FromStr>(text: &str) -> Vec<T> {
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .filter_map(|part| part.parse().ok())
        .collect()
}

/// Writes a list as stored (comma-separated).
pub fn list_text<T: ToString>(items: &[T]) -> String {
    items
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Why a range was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RangeError {
    /// A bound is not a whole number from 0 to the limit.
    NotANumber,
    /// The least is above the most.
    Reversed,
}

impl RangeError {
    /// The message key in the locale files.
    pub fn message_key(self) -> &'static str {
        match self {
            RangeError::NotANumber => "error-range-number",
            RangeError::Reversed => "error-range-reversed",
        }
    }
}

/// A whole number as typed: spaces and a trailing `€` or `%` allowed (`15 000 €`).
fn whole(typed: &str, limit: i64) -> Result<Option<i64>, RangeError> {
    let digits: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '€' && *c != '%')
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=limit).contains(&n) => Ok(Some(n)),
        _ => Err(RangeError::NotANumber),
    }
}

/// A range as typed in two fields, either may be empty (`from 5 000 €`, `up to 80 %`); both
/// empty: none. Each bound from 0 to `limit`, the least not above the most.
pub fn parse_range(least: &str, most: &str, limit: i64) -> Result<Range, RangeError> {
    let (least, most) = (whole(least, limit)?, whole(most, limit)?);
    if let (Some(l), Some(m)) = (least, most)
        && l > m
    {
        return Err(RangeError::Reversed);
    }
    Ok(Range { least, most })
}

/// A range of amounts or rates, either bound open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Range {
    /// The least.
    pub least: Option<i64>,
    /// The most.
    pub most: Option<i64>,
}

/// Largest amount a funding may name, in euros.
pub const MAX_AMOUNT: i64 = 1_000_000_000;

/// Whether a funding opportunity with this deadline (`YYYY-MM-DD`; none: no deadline) still
/// takes applications on `today` (the deadline's day included).
pub fn is_open(deadline: Option<&str>, today: &str) -> bool {
    deadline.is_none_or(|day| day >= today)
}

/// Whether a resource of this kind and deadline has expired on `today`: only funding does,
/// the day after its deadline.
pub fn expired(kind: ResourceKind, deadline: Option<&str>, today: &str) -> bool {
    kind == ResourceKind::Funding && !is_open(deadline, today)
}

/// Where a solution stands, to find the resources that fit it.
#[derive(Clone, Debug)]
pub struct SolutionContext {
    /// Its theme.
    pub theme_id: Option<i64>,
    /// Its stage.
    pub stage: ProjectStage,
    /// Its commune or EPCI and the units that hold it (none: the whole territory).
    pub places: Vec<i64>,
    /// Today (`YYYY-MM-DD`).
    pub today: String,
}

/// What of a resource decides whether it fits.
#[derive(Clone, Copy, Debug)]
pub struct Fitting<'a> {
    /// Its kind.
    pub kind: ResourceKind,
    /// Its themes (none: every theme).
    pub themes: &'a [i64],
    /// Its stages (none: every stage).
    pub stages: &'a [ProjectStage],
    /// Its perimeter (none: the whole territory).
    pub perimeter: &'a [i64],
    /// Its deadline, for funding.
    pub deadline: Option<&'a str>,
}

/// How well a resource fits a solution, or none when it does not: a theme, a stage or a
/// perimeter it names must be the solution's (a perimeter holds the solution's place), and a
/// funding opportunity must still be open. Each named match counts one point (a resource
/// made for this case ranks above one made for every case).
pub fn fit(resource: Fitting<'_>, solution: &SolutionContext) -> Option<u32> {
    let mut score = 0;
    if !resource.themes.is_empty() {
        let theme = solution.theme_id?;
        if !resource.themes.contains(&theme) {
            return None;
        }
        score += 1;
    }
    if !resource.stages.is_empty() {
        if !resource.stages.contains(&solution.stage) {
            return None;
        }
        score += 1;
    }
    if !resource.perimeter.is_empty() {
        if !solution
            .places
            .iter()
            .any(|p| resource.perimeter.contains(p))
        {
            return None;
        }
        score += 1;
    }
    if expired(resource.kind, resource.deadline, &solution.today) {
        return None;
    }
    Some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> SolutionContext {
        SolutionContext {
            theme_id: Some(7),
            stage: ProjectStage::Launch,
            places: vec![100, 10],
            today: "2026-12-06".into(),
        }
    }

    fn resource(kind: ResourceKind) -> Fitting<'static> {
        Fitting {
            kind,
            themes: &[],
            stages: &[],
            perimeter: &[],
            deadline: None,
        }
    }

    #[test]
    fn a_solution_takes_its_stage_from_its_progress_by_quarters() {
        assert_eq!(ProjectStage::of_progress(0), ProjectStage::Idea);
        assert_eq!(ProjectStage::of_progress(24), ProjectStage::Idea);
        assert_eq!(ProjectStage::of_progress(25), ProjectStage::Project);
        assert_eq!(ProjectStage::of_progress(50), ProjectStage::Launch);
        assert_eq!(ProjectStage::of_progress(74), ProjectStage::Launch);
        assert_eq!(ProjectStage::of_progress(100), ProjectStage::Development);
    }

    #[test]
    fn the_workflow_goes_through_review_and_archives_only_what_was_published() {
        assert!(Publication::Draft.may_move_to(Publication::Review));
        assert!(Publication::Review.may_move_to(Publication::Published));
        assert!(Publication::Published.may_move_to(Publication::Archived));
        assert!(!Publication::Draft.may_move_to(Publication::Archived));
        assert!(!Publication::Published.may_move_to(Publication::Draft));
        assert!(Publication::Archived.may_move_to(Publication::Published));
    }

    #[test]
    fn ranges_read_french_amounts_and_refuse_reversed_bounds() {
        assert_eq!(
            parse_range("5 000 €", "15\u{202f}000", MAX_AMOUNT),
            Ok(Range {
                least: Some(5_000),
                most: Some(15_000)
            })
        );
        assert_eq!(
            parse_range("", "80 %", 100),
            Ok(Range {
                least: None,
                most: Some(80)
            })
        );
        assert_eq!(parse_range("", "", 100), Ok(Range::default()));
        assert_eq!(parse_range("90", "80", 100), Err(RangeError::Reversed));
        assert_eq!(parse_range("120", "", 100), Err(RangeError::NotANumber));
        assert_eq!(parse_range("-3", "", 100), Err(RangeError::NotANumber));
        assert_eq!(parse_range("douze", "", 100), Err(RangeError::NotANumber));
    }

    #[test]
    fn lists_are_stored_comma_separated_and_unknown_names_left_out() {
        let stages: Vec<ProjectStage> = list_of("idea, launch,,moon");
        assert_eq!(stages, vec![ProjectStage::Idea, ProjectStage::Launch]);
        assert_eq!(list_text(&stages), "idea,launch");
        assert_eq!(list_of::<i64>("3,4"), vec![3, 4]);
        assert!(list_of::<i64>("").is_empty());
    }

    #[test]
    fn a_resource_fits_when_what_it_names_is_the_solutions() {
        let solution = context();
        assert_eq!(fit(resource(ResourceKind::Guide), &solution), Some(0));
        let themed = Fitting {
            themes: &[7, 8],
            stages: &[ProjectStage::Launch],
            perimeter: &[10],
            ..resource(ResourceKind::Guide)
        };
        assert_eq!(fit(themed, &solution), Some(3), "theme, stage and its EPCI");
        let elsewhere = Fitting {
            perimeter: &[11],
            ..resource(ResourceKind::Guide)
        };
        assert_eq!(fit(elsewhere, &solution), None);
        let other_theme = Fitting {
            themes: &[8],
            ..resource(ResourceKind::Guide)
        };
        assert_eq!(fit(other_theme, &solution), None);
        let no_theme = SolutionContext {
            theme_id: None,
            ..context()
        };
        assert_eq!(
            fit(themed, &no_theme),
            None,
            "a themed resource needs a theme"
        );
        let later_stage = Fitting {
            stages: &[ProjectStage::Development],
            ..resource(ResourceKind::Template)
        };
        assert_eq!(fit(later_stage, &solution), None);
    }

    #[test]
    fn funding_leaves_the_suggestions_the_day_after_its_deadline() {
        let solution = context();
        let funding = |deadline| Fitting {
            deadline,
            ..resource(ResourceKind::Funding)
        };
        assert_eq!(fit(funding(Some("2026-12-06")), &solution), Some(0));
        assert_eq!(fit(funding(Some("2026-12-05")), &solution), None);
        assert_eq!(fit(funding(None), &solution), Some(0), "no deadline");
        let guide = Fitting {
            deadline: Some("2020-01-01"),
            ..resource(ResourceKind::Guide)
        };
        assert_eq!(fit(guide, &solution), Some(0), "only funding expires");
    }
}

//! The living demo's ressourcerie and budget. Resources are real French public services and
//! networks, each with its source; funding dates are set around the day the demo loads
//! (each campaign's own dates are on its source), one of them already past to show that
//! expired funding leaves the suggestions. One resource waits for review and one edit waits
//! for a decision. The budget is the one *Aux Actes Citoyens* publishes (122 194 €, its
//! receipts and spending in percent).

use anyhow::Context;

use crate::features::budget;
use crate::features::budget::rules::{Line, Side};
use crate::features::processes;
use crate::features::processes::rules::Day;
use crate::features::resources::rules::{
    Audience, ProjectStage, Publication, Range, Recurrence, ResourceKind,
};
use crate::features::resources::store::{self as resources, Fields, NewResource};
use crate::features::territories;
use crate::platform::db::Db;

/// A demo resource: kind, title, summary, link, themes (names), stages, audiences,
/// perimeter (EPCI SIREN), source, licence, funder, amount range (euros), deadline in days
/// from the load (none: no deadline), recurrence.
struct Demo {
    kind: ResourceKind,
    title: &'static str,
    summary: &'static str,
    url: &'static str,
    themes: &'static [&'static str],
    stages: &'static [ProjectStage],
    audiences: &'static [Audience],
    perimeter: &'static [&'static str],
    source: &'static str,
    licence: &'static str,
    funder: &'static str,
    amount: (Option<i64>, Option<i64>),
    deadline_in_days: Option<i64>,
    recurrence: Option<Recurrence>,
}

const OPEN_LICENCE: &str = "Licence Ouverte 2.0 (Etalab)";

const RESOURCES: [Demo; 12] = [
    Demo {
        kind: ResourceKind::Guide,
        title: "Créer une association loi 1901",
        summary: "Les étapes pour créer une association : rédiger les statuts, tenir l'assemblée constitutive, déclarer l'association en préfecture ou en ligne, publier au Journal officiel.",
        url: "https://www.service-public.fr/particuliers/vosdroits/F1119",
        themes: &[],
        stages: &[ProjectStage::Idea, ProjectStage::Project],
        audiences: &[Audience::Citizens, Audience::Associations],
        perimeter: &[],
        source: "Service-public.fr (Direction de l'information légale et administrative)",
        licence: OPEN_LICENCE,
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Tool,
        title: "Le Compte Asso : demander une subvention en ligne",
        summary: "Le service en ligne de l'État pour gérer les informations de son association et déposer ses demandes de subvention (dont le FDVA).",
        url: "https://lecompteasso.associations.gouv.fr/",
        themes: &[],
        stages: &[ProjectStage::Project, ProjectStage::Launch],
        audiences: &[Audience::Associations],
        perimeter: &[],
        source: "Ministère chargé de la vie associative",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Funding,
        title: "FDVA 2 : fonctionnement et projets innovants des associations",
        summary: "Le Fonds pour le développement de la vie associative soutient le fonctionnement des petites associations et leurs projets nouveaux. Campagne annuelle par département, dépôt sur Le Compte Asso.",
        url: "https://www.associations.gouv.fr/fdva.html",
        themes: &["Vivre ensemble", "Solidarité"],
        stages: &[ProjectStage::Project, ProjectStage::Launch],
        audiences: &[Audience::Associations],
        perimeter: &[],
        source: "Ministère chargé de la vie associative, services départementaux à la jeunesse, à l'engagement et aux sports",
        licence: "",
        funder: "État (FDVA)",
        amount: (Some(1_000), None),
        deadline_in_days: Some(40),
        recurrence: Some(Recurrence::Recurring),
    },
    Demo {
        kind: ResourceKind::Funding,
        title: "FDVA 1 : formation des bénévoles",
        summary: "Le volet formation du FDVA finance les formations des bénévoles élus et responsables d'activités. La campagne de cette année est close ; la prochaine ouvre l'an prochain.",
        url: "https://www.associations.gouv.fr/fdva.html",
        themes: &[],
        stages: &[],
        audiences: &[Audience::Associations],
        perimeter: &[],
        source: "Ministère chargé de la vie associative",
        licence: "",
        funder: "État (FDVA)",
        amount: (None, None),
        deadline_in_days: Some(-10),
        recurrence: Some(Recurrence::Recurring),
    },
    Demo {
        kind: ResourceKind::Funding,
        title: "Appels à projets de la Fondation de France",
        summary: "La Fondation de France lance chaque année des appels à projets : solidarités, environnement, participation des habitants, emploi. Chacun a ses critères et son calendrier.",
        url: "https://www.fondationdefrance.org/fr/appels-a-projets",
        themes: &["Solidarité", "Vivre ensemble", "Bien vieillir"],
        stages: &[
            ProjectStage::Project,
            ProjectStage::Launch,
            ProjectStage::Development,
        ],
        audiences: &[Audience::Associations, Audience::LocalAuthorities],
        perimeter: &[],
        source: "Fondation de France",
        licence: "",
        funder: "Fondation de France",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: Some(Recurrence::Recurring),
    },
    Demo {
        kind: ResourceKind::Funding,
        title: "France Active : financer un projet d'entreprise engagée",
        summary: "Garanties bancaires, prêts d'honneur et primes pour les entrepreneurs engagés, les associations employeuses et les entreprises de l'économie sociale et solidaire, avec un accompagnement.",
        url: "https://www.franceactive.org/",
        themes: &["Emploi de demain", "Économie circulaire"],
        stages: &[ProjectStage::Launch, ProjectStage::Development],
        audiences: &[Audience::Associations, Audience::Businesses],
        perimeter: &[],
        source: "France Active",
        licence: "",
        funder: "France Active",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: Some(Recurrence::Permanent),
    },
    Demo {
        kind: ResourceKind::Tool,
        title: "Aides-territoires : trouver les aides pour son projet",
        summary: "Le moteur de recherche des aides publiques aux projets des territoires : subventions, ingénierie, appels à projets, par territoire et par thème.",
        url: "https://aides-territoires.beta.gouv.fr/",
        themes: &[],
        stages: &[],
        audiences: &[Audience::LocalAuthorities, Audience::Associations],
        perimeter: &[],
        source: "Agence nationale de la cohésion des territoires, beta.gouv.fr",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Tool,
        title: "Framasoft : des outils libres pour s'organiser",
        summary: "Sondages de dates, formulaires, listes de discussion, pads : des services en ligne libres et respectueux des données, pour organiser un collectif sans compte chez les géants du web.",
        url: "https://framasoft.org/",
        themes: &["Tech pour le bien commun"],
        stages: &[],
        audiences: &[Audience::Citizens, Audience::Associations],
        perimeter: &[],
        source: "Framasoft",
        licence: "Logiciels libres",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Place,
        title: "France Tiers-Lieux : trouver un tiers-lieu près de chez soi",
        summary: "Le réseau national des tiers-lieux et sa carte : espaces de travail partagés, ateliers, fab labs et cafés associatifs où loger une initiative.",
        url: "https://francetierslieux.fr/",
        themes: &["Lieux d'avenir"],
        stages: &[ProjectStage::Launch, ProjectStage::Development],
        audiences: &[
            Audience::Citizens,
            Audience::Associations,
            Audience::Businesses,
        ],
        perimeter: &[],
        source: "France Tiers-Lieux",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Contact,
        title: "BGE : être accompagné pour créer son activité",
        summary: "Le réseau BGE accueille les porteurs de projet d'entreprise, de l'idée au démarrage : ateliers, formation, test d'activité.",
        url: "https://www.bge.asso.fr/",
        themes: &["Emploi de demain"],
        stages: &[ProjectStage::Idea, ProjectStage::Project],
        audiences: &[Audience::Citizens, Audience::Businesses],
        perimeter: &["200065647", "247000722"],
        source: "Réseau BGE",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Guide,
        title: "Agir pour la transition écologique",
        summary: "Les guides et les aides de l'ADEME pour les collectivités, les entreprises et les associations : énergie, déchets et économie circulaire, mobilité, alimentation.",
        url: "https://agirpourlatransition.ademe.fr/",
        themes: &["Énergie", "Économie circulaire", "Mobilité"],
        stages: &[],
        audiences: &[
            Audience::LocalAuthorities,
            Audience::Businesses,
            Audience::Associations,
        ],
        perimeter: &[],
        source: "ADEME, Agence de la transition écologique",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
    Demo {
        kind: ResourceKind::Training,
        title: "Se former à la vie associative",
        summary: "Le Mouvement associatif et ses réseaux régionaux proposent formations, guides et rencontres pour les dirigeants bénévoles : gouvernance, emploi, financement.",
        url: "https://lemouvementassociatif.org/",
        themes: &[],
        stages: &[ProjectStage::Launch, ProjectStage::Development],
        audiences: &[Audience::Associations],
        perimeter: &[],
        source: "Le Mouvement associatif",
        licence: "",
        funder: "",
        amount: (None, None),
        deadline_in_days: None,
        recurrence: None,
    },
];

/// The brochure's receipts and spending, in tenths of a percent of 122 194 €.
const RECEIPTS: [(&str, i64); 7] = [
    ("EPCI", 330),
    ("Région", 200),
    ("Fondations", 140),
    ("Entreprises", 90),
    ("Contributions volontaires", 80),
    ("Autofinancement", 70),
    ("État", 40),
];
const SPENDING: [(&str, i64); 5] = [
    ("Plateforme", 370),
    ("Animation", 310),
    ("Logistique", 160),
    ("Apport en nature", 80),
    ("Communication", 80),
];
/// The brochure's total, in cents.
const TOTAL_CENTS: i64 = 12_219_400;

/// Loads the ressourcerie (with one suggestion waiting for review and one suggested edit) and
/// the public budget; returns how many resources are published.
pub async fn load(
    db: &Db,
    process_id: i64,
    (manager, participant): (i64, i64),
    today: Day,
) -> anyhow::Result<usize> {
    let themes = processes::store::themes(db, process_id).await?;
    let mut published = Vec::new();
    for demo in &RESOURCES {
        let mut perimeter = Vec::new();
        for code in demo.perimeter {
            let epci = territories::store::by_level_code(db, "epci", code)
                .await?
                .with_context(|| format!("demo EPCI {code}"))?;
            perimeter.push(epci.id);
        }
        let fields = Fields {
            kind: demo.kind,
            title: demo.title.into(),
            summary: demo.summary.into(),
            url: Some(demo.url.into()),
            themes: demo
                .themes
                .iter()
                .filter_map(|name| themes.iter().find(|t| t.name == *name).map(|t| t.id))
                .collect(),
            stages: demo.stages.to_vec(),
            audiences: demo.audiences.to_vec(),
            perimeter,
            source: demo.source.into(),
            licence: demo.licence.into(),
            funder: demo.funder.into(),
            amount: Range {
                least: demo.amount.0,
                most: demo.amount.1,
            },
            rate: Range::default(),
            deadline: demo.deadline_in_days.map(|d| today.plus_days(d).iso()),
            recurrence: demo.recurrence,
        };
        published.push(NewResource {
            fields,
            media_id: None,
            status: Publication::Published,
            created_by: Some(manager),
        });
    }
    let count = published.len();
    let suggested = NewResource {
        fields: Fields {
            kind: ResourceKind::Place,
            title: "Une salle pour les réunions des porteurs de projet".into(),
            summary: "La maison de quartier prête une salle le soir aux collectifs d'habitants, sur réservation.".into(),
            url: None,
            themes: Vec::new(),
            stages: Vec::new(),
            audiences: vec![Audience::Citizens],
            perimeter: Vec::new(),
            source: "Proposée par une habitante".into(),
            licence: String::new(),
            funder: String::new(),
            amount: Range::default(),
            rate: Range::default(),
            deadline: None,
            recurrence: None,
        },
        media_id: None,
        status: Publication::Review,
        created_by: Some(participant),
    };
    published.push(suggested);
    let ids = resources::write(db, process_id, &published, &[]).await?;
    let framasoft = resources::by_id(db, ids[7])
        .await?
        .context("demo resource")?;
    let mut edit = crate::features::resources::service::to_pairs(&framasoft.fields());
    edit.0
        .push(("publics".into(), Audience::LocalAuthorities.as_str().into()));
    resources::suggest_edit(
        db,
        &framasoft,
        participant,
        &serde_json::to_string(&edit.0)?,
        "Notre mairie utilise aussi Framadate pour ses réunions publiques.",
    )
    .await?;

    budget::store::set_settings(db, process_id, Some(TOTAL_CENTS), true).await?;
    for (side, lines) in [
        (Side::Receipts, &RECEIPTS[..]),
        (Side::Spending, &SPENDING[..]),
    ] {
        for (label, tenths) in lines {
            let line = Line {
                label: (*label).into(),
                cents: None,
                tenths: Some(*tenths),
            };
            budget::store::add_line(db, process_id, side, &line).await?;
        }
    }
    Ok(count)
}

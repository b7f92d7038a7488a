//! The demo: the real setting of *Aux Actes Citoyens* — the Pôle métropolitain Nord
//! Franche-Comté, its 5 EPCI and 197 communes with boundaries and legal populations, its IRIS
//! populations, the process with its three phases over two years (the second one, the
//! solutions, current) and its 15 themes — and one account per role. The data ships in `demo/`, inside the binary.

pub mod activity;
mod bourse;
mod partners;
mod questionnaire;
mod resources;
mod solutions;
mod store;

use anyhow::Context;
use serde_json::Value;

use crate::features::accounts;
use crate::features::observatory;
use crate::features::processes;
use crate::features::processes::rules::{Day, Module, Status, modules_to_text};
use crate::features::processes::store::PhaseFields;
use crate::features::territories;
use crate::features::territories::import::{ImportOptions, import_geojson};
use crate::features::territories::store::NewTerritory;
use crate::platform::db::Db;
use crate::platform::permissions::{ProcessRole, Role};

const COMMUNES: &str = include_str!("../../../demo/communes.geojson");
const EPCI: &str = include_str!("../../../demo/epci.geojson");
const POLE: &str = include_str!("../../../demo/pole.geojson");
const IRIS: &str = include_str!("../../../demo/iris-population-rp2016.csv");
const LEGAL_POPULATIONS: &str = include_str!("../../../demo/populations-legales-2023.csv");

/// Slug of the demo process.
pub const PROCESS_SLUG: &str = "aux-actes-citoyens";
/// Code given to the Pôle métropolitain (it has no INSEE code of its own here).
pub const POLE_CODE: &str = "pmnfc";
/// Days since the solutions' phase began.
pub const SOLUTIONS_DAYS: i64 = 60;
/// Password of every demo account (printed at start).
pub const PASSWORD: &str = "concerto-demo";

/// The demo accounts: e-mail, display name, instance role, role in the process.
pub const ACCOUNTS: [(&str, &str, Option<Role>, Option<ProcessRole>); 6] = [
    (
        "admin@demo.concerto.localhost",
        "Alex Admin",
        Some(Role::Admin),
        None,
    ),
    (
        "gestion@demo.concerto.localhost",
        "Garance Gestion",
        Some(Role::Manager),
        Some(ProcessRole::Manager),
    ),
    (
        "animation@demo.concerto.localhost",
        "Anis Animation",
        Some(Role::Facilitator),
        Some(ProcessRole::Facilitator),
    ),
    (
        "moderation@demo.concerto.localhost",
        "Maud Modération",
        Some(Role::Moderator),
        Some(ProcessRole::Moderator),
    ),
    (
        "partenaire@demo.concerto.localhost",
        "Paul Partenaire",
        Some(Role::Partner),
        None,
    ),
    (
        "habitant@demo.concerto.localhost",
        "Hélène Habitante",
        None,
        None,
    ),
];

/// The 15 themes of the process, with colours that carry white text (WCAG AA).
pub const THEMES: [(&str, &str, &str); 15] = [
    (
        "Bien vieillir",
        "#6a3d9a",
        "vieillesse, aînés, autonomie, maintien à domicile, EHPAD",
    ),
    (
        "Solidarité",
        "#b2182b",
        "entraide, précarité, pauvreté, aide alimentaire, isolement",
    ),
    (
        "Vivre ensemble",
        "#8c510a",
        "lien social, voisinage, quartier, interculturel, convivialité",
    ),
    (
        "Lieux d'avenir",
        "#01665e",
        "tiers-lieu, friche, local, espace partagé, lieu de rencontre",
    ),
    (
        "Éducation",
        "#2166ac",
        "école, formation, jeunesse, périscolaire, apprentissage",
    ),
    (
        "Agriculture de demain",
        "#33691e",
        "agriculture, circuit court, alimentation, maraîchage, bio",
    ),
    (
        "Tech pour le bien commun",
        "#37474f",
        "numérique, inclusion numérique, logiciel libre, données",
    ),
    (
        "Emploi de demain",
        "#0d47a1",
        "emploi, insertion, métier, entreprise, chômage",
    ),
    (
        "Énergie",
        "#bf360c",
        "énergie, rénovation, chauffage, solaire, sobriété",
    ),
    (
        "Mobilité",
        "#4a148c",
        "transport, bus, vélo, covoiturage, déplacement",
    ),
    (
        "Égalité des chances",
        "#880e4f",
        "égalité, discrimination, handicap, accès aux droits",
    ),
    (
        "Santé d'avenir",
        "#00695c",
        "santé, médecin, soins, prévention, désert médical",
    ),
    (
        "Économie circulaire",
        "#1b5e20",
        "recyclage, réemploi, déchets, réparation, ressourcerie",
    ),
    (
        "Économie du partage",
        "#3e2723",
        "partage, prêt, mutualisation, coopérative, troc",
    ),
    (
        "Tourisme",
        "#006064",
        "tourisme, patrimoine, randonnée, culture, accueil",
    ),
];

const DESCRIPTION: &str = "## Imaginer et construire ensemble le futur du Nord Franche-Comté\n\n\
*Aux Actes Citoyens* est en premier lieu **une démarche citoyenne d'exercice de la démocratie** : \
l'écoute, le travail collectif, la prise de parole et le débat pour redonner place à la confiance \
nécessaire au vivre ensemble.\n\n\
La démarche se déroule sur deux ans, en trois phases :\n\n\
1. **Le labourage** : collecte des besoins, grâce à des ateliers sur les différents territoires \
(dans la rue, en entreprise, dans les structures sociales) et en ligne, puis cinq événements de \
synthèse des besoins en thématiques.\n\
2. **La récolte des solutions** : des événements sur les différents territoires pour inventer les \
solutions de demain, et un grand événement à l'échelle du Pôle métropolitain.\n\
3. **L'accompagnement** : le compagnonnage des solutions par un réseau d'acteurs de \
l'accompagnement à la création d'entreprises, de l'éducation populaire et du développement \
économique, avec une bourse aux initiatives et une ressourcerie.";

/// Loads the demo unless it is already there; returns whether it loaded anything.
pub async fn load(db: &Db) -> anyhow::Result<bool> {
    if processes::store::by_slug(db, PROCESS_SLUG).await?.is_some() {
        return Ok(false);
    }
    let pole_id = load_territories(db).await?;
    let process_id = load_process(db, pole_id).await?;
    load_accounts(db, process_id).await?;
    partners::load(db, process_id, ACCOUNTS[4].0, ACCOUNTS[1].0).await?;
    Ok(true)
}

async fn load_territories(db: &Db) -> anyhow::Result<i64> {
    let pole: Value = serde_json::from_str(POLE)?;
    let feature = &pole["features"][0];
    let geometry = geokit::geojson::geometry_from_value(feature["geometry"].clone())
        .map_err(anyhow::Error::msg)?;
    let bbox = geometry.bbox();
    let (pole_id, _) = territories::store::upsert(
        db,
        &NewTerritory {
            level: "pole",
            code: POLE_CODE,
            name: feature["properties"]["nom"]
                .as_str()
                .unwrap_or("Pôle métropolitain Nord Franche-Comté"),
            parent_id: None,
            population: None,
            population_year: None,
            population_source: None,
            boundary: Some((
                geokit::geojson::geometry_to_json(&geometry).to_string(),
                [bbox.min_x, bbox.min_y, bbox.max_x, bbox.max_y],
            )),
        },
    )
    .await?;

    // The EPCI file has no parent column: every EPCI belongs to the Pôle.
    let mut epci: Value = serde_json::from_str(EPCI)?;
    for feature in epci["features"].as_array_mut().context("EPCI features")? {
        feature["properties"]["pole"] = Value::String(POLE_CODE.to_owned());
    }
    let report = import_geojson(
        db,
        &epci.to_string(),
        &ImportOptions {
            level: "epci".into(),
            code_property: "siren".into(),
            name_property: "nom".into(),
            parent_property: Some("pole".into()),
            population_property: Some("population_municipale_dgcl".into()),
            population_year: Some(2025),
            population_source: Some("DGCL, population municipale 2025".into()),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    anyhow::ensure!(
        report.refused.is_empty(),
        "demo EPCI refused: {:?}",
        report.refused
    );

    let report = import_geojson(
        db,
        COMMUNES,
        &ImportOptions {
            level: "commune".into(),
            code_property: "code".into(),
            name_property: "nom".into(),
            parent_property: Some("epci_siren".into()),
            population_property: Some("population".into()),
            population_year: Some(2023),
            population_source: Some("Insee, populations légales 2023".into()),
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    anyhow::ensure!(
        report.refused.is_empty(),
        "demo communes refused: {:?}",
        report.refused
    );

    load_census(db).await?;
    Ok(pole_id)
}

/// The census by IRIS (which creates the IRIS, without boundaries) and the legal
/// populations, imported as a team would through the observatory.
async fn load_census(db: &Db) -> anyhow::Result<()> {
    let tables = [
        (
            IRIS,
            "RP 2016, population par IRIS (âges, catégories socioprofessionnelles)",
            "Insee, RP2016 exploitation principale et complémentaire",
            None,
        ),
        (
            LEGAL_POPULATIONS,
            "Populations légales 2023 des communes",
            "Insee, populations légales 2023",
            Some(2023),
        ),
    ];
    for (text, title, source, year) in tables {
        let options = observatory::service::ImportOptions {
            title: title.into(),
            source: source.into(),
            licence: "Licence Ouverte / Etalab 2.0".into(),
            year,
        };
        let tr = crate::platform::i18n::Tr::new(crate::platform::i18n::Lang::Fr);
        let report = observatory::service::import(db, text.as_bytes().to_vec(), &options, None, tr)
            .await
            .map_err(|e| anyhow::anyhow!("demo census {title}: {e:?}"))?;
        anyhow::ensure!(
            report.refused.is_empty(),
            "demo census refused: {:?}",
            report.refused
        );
    }
    Ok(())
}

async fn load_process(db: &Db, pole_id: i64) -> anyhow::Result<i64> {
    let fields = processes::store::ProcessFields {
        slug: PROCESS_SLUG.into(),
        title: "Aux Actes Citoyens".into(),
        summary:
            "Imaginer et construire ensemble le futur du Nord Franche-Comté : une concertation \
                  citoyenne de deux ans sur les 197 communes du Pôle métropolitain, du besoin à \
                  l'initiative."
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        description: DESCRIPTION.into(),
        status: Status::Published,
    };
    let process_id = processes::store::create(db, &fields, None)
        .await?
        .context("demo slug taken")?;
    processes::store::set_territories(db, process_id, &[pole_id]).await?;
    for (name, colour, keywords) in THEMES {
        processes::store::add_theme(db, process_id, name, colour, "", keywords).await?;
    }
    // Two years from a year ago: the needs collection is over, the solutions' phase under way
    // for `SOLUTIONS_DAYS` (needs stay open in it).
    let start = Day::today().plus_days(-300 - SOLUTIONS_DAYS);
    let phases = [
        (
            "Le labourage",
            "Collecte des besoins, en ateliers sur les territoires et en ligne, puis synthèse en thématiques ; une carte des opinions pour voir où l'on s'accorde.",
            0,
            299,
            vec![
                Module::Needs,
                Module::Events,
                Module::Synthesis,
                Module::OpinionMap,
            ],
        ),
        (
            "La récolte des solutions",
            "Des événements sur les territoires pour inventer les solutions de demain ; les besoins restent ouverts.",
            300,
            499,
            vec![
                Module::Needs,
                Module::Solutions,
                Module::Events,
                Module::OpinionMap,
            ],
        ),
        (
            "L'accompagnement",
            "Compagnonnage des solutions : bourse aux initiatives et ressourcerie.",
            500,
            729,
            vec![
                Module::Initiatives,
                Module::Resources,
                Module::Questionnaire,
            ],
        ),
    ];
    for (name, description, from, to, modules) in phases {
        let (starts_on, ends_on) = (start.plus_days(from).iso(), start.plus_days(to).iso());
        let modules = modules_to_text(&modules);
        let fields = PhaseFields {
            name,
            description,
            starts_on: &starts_on,
            ends_on: &ends_on,
            modules: &modules,
        };
        processes::store::add_phase(db, process_id, fields).await?;
    }
    Ok(process_id)
}

async fn load_accounts(db: &Db, process_id: i64) -> anyhow::Result<()> {
    let hash = crate::platform::auth::hash_password(PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    for (email, name, role, process_role) in ACCOUNTS {
        let user = match accounts::users::create(db, email, name, &hash, true).await? {
            Some(user) => user,
            None => accounts::users::by_email(db, email)
                .await?
                .context("demo account")?,
        };
        if let Some(role) = role {
            accounts::roles::grant(db, user.id, role, None).await?;
        }
        if let Some(process_role) = process_role {
            processes::store::add_member(db, process_id, user.id, process_role).await?;
        }
    }
    Ok(())
}

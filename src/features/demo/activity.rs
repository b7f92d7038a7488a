//! A consultation under way, for the demo: a few hundred participants (fictitious accounts),
//! a few thousand needs whose texts are real answers to the Grand Débat National 2019 filed
//! under the process's themes (`demo/needs-grand-debat.csv`, see its PROVENANCE), placed in
//! communes by population, most voiced online and some captured at past workshops (with their
//! attendance), supports and comments, a few reports waiting for the moderators, a published
//! synthesis, solutions answering its needs (`solutions`), and an opinion conversation in French whose voters fall into clear groups.
//! The people, their supports, comments and votes are illustrative; the footer says so.
//! Everything is drawn from a fixed seed: the same demo every time.

use anyhow::Context;
use textkit::rng::Rng;

use crate::features::accounts;
use crate::features::accounts::rules::AGE_BRACKETS;
use crate::features::demo::solutions::{Cast, DemoNeed};
use crate::features::demo::store::{self, DemoComment};
use crate::features::events;
use crate::features::events::rules::{Audience, Category, EventKind};
use crate::features::events::store::{HeadCount, NewEvent};
use crate::features::moderation;
use crate::features::needs;
use crate::features::needs::service::{Contribution, Origin};
use crate::features::processes;
use crate::features::syntheses;
use crate::features::syntheses::rules::Scope;
use crate::features::territories;
use crate::platform::db::Db;

/// The needs' texts: theme, Grand Débat question, answer.
const NEEDS: &str = include_str!("../../../demo/needs-grand-debat.csv");
/// The seed of every draw.
const SEED: u64 = 20_261_206;
/// Fictitious participants.
const PARTICIPANTS: usize = 420;
/// Days over which the needs were voiced, up to today (the first phase ended
/// `SOLUTIONS_DAYS` ago, see `load_process`; needs stay open in the second).
const PHASE_DAYS: i64 = 120;
const DAY_MS: i64 = 24 * 3_600_000;

/// What the living demo holds, to print at start.
#[derive(Debug, Default)]
pub struct Summary {
    /// Participants' accounts.
    pub participants: usize,
    /// Needs, of which captured at workshops.
    pub needs: (usize, usize),
    /// Workshops and events (past and coming).
    pub events: usize,
    /// Supports.
    pub supports: usize,
    /// Comments.
    pub comments: usize,
    /// Clusters of the published synthesis.
    pub clusters: usize,
    /// Solutions.
    pub solutions: usize,
    /// Companionships of the bourse aux initiatives.
    pub companionships: usize,
    /// Published resources of the ressourcerie.
    pub resources: usize,
    /// Submitted responses to the questionnaire.
    pub questionnaire: usize,
    /// Opinion statements and votes.
    pub opinion: (usize, usize),
}

const FIRST_NAMES: [&str; 48] = [
    "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Jade", "Louise", "Emma", "Alice", "Zoé",
    "Lina", "Rose", "Anna", "Julie", "Nadia", "Fatima", "Claire", "Sophie", "Nathalie", "Isabelle",
    "Martine", "Yasmine", "Élise", "Lucas", "Hugo", "Nathan", "Louis", "Jules", "Adam", "Gabriel",
    "Arthur", "Paul", "Karim", "Mehdi", "Thomas", "Nicolas", "Julien", "Pierre", "Michel",
    "Bernard", "Alain", "Patrick", "Yanis", "Théo", "Noah", "Samuel", "Antoine",
];

/// What people say under a need (illustrative).
const COMMENTS: [&str; 24] = [
    "Je suis d'accord, c'est un vrai problème dans mon quartier.",
    "Même constat dans notre commune, surtout pour les personnes sans voiture.",
    "Il faudrait commencer par un essai sur une commune pilote.",
    "Ça existe déjà à Montbéliard, il suffirait de s'en inspirer.",
    "Oui ! Et en associant les écoles, ce serait encore mieux.",
    "Je ne suis pas sûr que ce soit la priorité, mais l'idée est bonne.",
    "Nous en avons parlé à l'atelier du centre social, tout le monde était d'accord.",
    "Attention au coût pour les petites communes.",
    "C'est exactement ce qui manque aux jeunes ici.",
    "Les associations locales pourraient porter ce projet.",
    "Il faudrait surtout mieux informer sur ce qui existe déjà.",
    "Les aînés de mon village le demandent depuis des années.",
    "Bonne idée, à condition que ce soit accessible à tous.",
    "Je rejoins ce besoin : c'est le même dans le Pays d'Héricourt.",
    "Pourquoi pas un financement participatif ?",
    "Les entreprises du territoire pourraient y contribuer.",
    "Il faut aussi penser aux horaires des personnes qui travaillent.",
    "Très juste, on en parle souvent entre voisins.",
    "Je propose d'en discuter au prochain atelier.",
    "Cela rejoint ce qui a été dit pendant la marche exploratoire.",
    "Oui, mais sans oublier les communes rurales.",
    "Un point essentiel pour la transition de notre territoire.",
    "Je peux donner un coup de main si un projet se monte.",
    "Merci d'avoir posé ce besoin, je le soutiens.",
];

/// The opinion conversation: each statement and how each of three outlooks leans on it
/// (1 agree, -1 disagree, 0 divided): people who want fewer cars and more public transport;
/// people in villages who depend on their car and watch their budget; people who first ask
/// for public services and solidarity.
const STATEMENTS: [(&str, [i8; 3]); 30] = [
    (
        "Il faut plus de bus le soir et le week-end entre les communes du Pôle.",
        [1, 0, 1],
    ),
    (
        "Les centres-villes devraient être fermés aux voitures le samedi.",
        [1, -1, 0],
    ),
    (
        "Sans voiture, impossible de vivre dans nos villages : il faut d'abord entretenir les routes.",
        [-1, 1, 0],
    ),
    (
        "Les pistes cyclables entre Belfort et Montbéliard sont une priorité.",
        [1, -1, 0],
    ),
    (
        "Le prix du carburant pèse trop sur les ménages qui n'ont pas le choix.",
        [-1, 1, 1],
    ),
    (
        "Chaque commune devrait garder au moins un service public ouvert.",
        [0, 1, 1],
    ),
    (
        "Les maisons de santé doivent s'installer d'abord dans les zones rurales.",
        [0, 1, 1],
    ),
    (
        "Il faut aider les familles modestes à rénover leur logement avant tout.",
        [1, 0, 1],
    ),
    (
        "Les éoliennes n'ont pas leur place dans nos paysages.",
        [-1, 1, -1],
    ),
    (
        "Les cantines devraient servir des produits locaux et bio.",
        [1, 0, 1],
    ),
    (
        "Les impôts locaux sont déjà trop élevés pour de nouveaux projets.",
        [-1, 1, -1],
    ),
    (
        "Les jeunes devraient pouvoir se déplacer gratuitement sur le réseau de bus.",
        [1, -1, 1],
    ),
    (
        "Il faut un tiers-lieu dans chaque EPCI pour se retrouver et créer ensemble.",
        [1, 0, 0],
    ),
    (
        "Les entreprises du territoire doivent participer au financement des transports.",
        [1, -1, 1],
    ),
    (
        "Le covoiturage est une vraie solution pour les trajets domicile-travail.",
        [1, 1, 0],
    ),
    (
        "Les aides sociales devraient être plus simples à demander.",
        [0, 0, 1],
    ),
    (
        "Le numérique éloigne les personnes âgées des services publics.",
        [0, 1, 1],
    ),
    (
        "Il faut interdire les pesticides près des écoles.",
        [1, 0, 1],
    ),
    (
        "Les zones commerciales en périphérie vident les centres-villes.",
        [1, -1, 0],
    ),
    (
        "Chaque habitant devrait pouvoir trouver un médecin à moins de 20 minutes.",
        [1, 1, 1],
    ),
    (
        "Les associations font un travail indispensable et doivent être mieux soutenues.",
        [1, 1, 1],
    ),
    (
        "Les décisions doivent se prendre plus près des habitants.",
        [1, 1, 1],
    ),
    (
        "La rénovation des logements doit être obligatoire pour les propriétaires.",
        [1, -1, 0],
    ),
    (
        "Il faut plus de policiers municipaux dans les quartiers.",
        [-1, 1, 0],
    ),
    (
        "Les petites lignes de train doivent être rouvertes.",
        [1, 0, 1],
    ),
    (
        "Les projets d'énergie renouvelable doivent appartenir aux habitants.",
        [1, -1, 1],
    ),
    (
        "On parle trop d'écologie et pas assez de pouvoir d'achat.",
        [-1, 1, 0],
    ),
    (
        "Les personnes âgées isolées doivent être visitées régulièrement.",
        [0, 1, 1],
    ),
    (
        "Les commerces de proximité doivent payer moins de taxes que les grandes surfaces.",
        [0, 1, 1],
    ),
    (
        "Le Pôle métropolitain doit organiser ses transports comme une seule ville.",
        [1, -1, 0],
    ),
];

/// Workshops held so far and to come: kind, title, public, days from today.
const EVENTS: [(EventKind, &str, Audience, i64); 14] = [
    (
        EventKind::Workshop,
        "Atelier de rue au marché",
        Audience::GeneralPublic,
        -104,
    ),
    (
        EventKind::ExploratoryWalk,
        "Marche exploratoire du centre-ville",
        Audience::GeneralPublic,
        -96,
    ),
    (
        EventKind::Workshop,
        "Atelier au centre social",
        Audience::HardToReach,
        -88,
    ),
    (
        EventKind::RoundTable,
        "Table ronde avec les entreprises",
        Audience::Companies,
        -80,
    ),
    (
        EventKind::Workshop,
        "Atelier jeunesse au lycée",
        Audience::Youth,
        -71,
    ),
    (
        EventKind::Workshop,
        "Atelier à la maison de quartier",
        Audience::HardToReach,
        -63,
    ),
    (
        EventKind::ExploratoryWalk,
        "Marche exploratoire des zones d'activités",
        Audience::Companies,
        -55,
    ),
    (
        EventKind::Workshop,
        "Atelier de rue à la sortie des écoles",
        Audience::GeneralPublic,
        -46,
    ),
    (
        EventKind::RoundTable,
        "Table ronde des associations",
        Audience::GeneralPublic,
        -37,
    ),
    (
        EventKind::Workshop,
        "Atelier à la médiathèque",
        Audience::GeneralPublic,
        -28,
    ),
    (
        EventKind::Workshop,
        "Atelier des aînés à la résidence autonomie",
        Audience::HardToReach,
        -19,
    ),
    (
        EventKind::SynthesisEvent,
        "Soirée de synthèse des besoins",
        Audience::GeneralPublic,
        -9,
    ),
    (
        EventKind::Workshop,
        "Atelier jeunesse à la mission locale",
        Audience::Youth,
        12,
    ),
    (
        EventKind::SynthesisEvent,
        "Grande soirée de synthèse du Pôle",
        Audience::GeneralPublic,
        26,
    ),
];

/// A commune of the demo with what placing a need there takes.
struct Commune {
    id: i64,
    name: String,
    population: i64,
    geometry: geokit::Geometry,
}

/// Whether the living demo is there already: its process has needs.
async fn already_there(db: &Db, process_id: i64) -> anyhow::Result<bool> {
    let process = processes::store::by_id(db, process_id)
        .await?
        .context("the demo process")?;
    Ok(process.needs_revision > 0)
}

/// Loads the consultation under way into the demo process, unless it has needs already;
/// returns what it loaded.
pub async fn load(db: &Db) -> anyhow::Result<Option<Summary>> {
    let process = processes::store::by_slug(db, super::PROCESS_SLUG)
        .await?
        .context("the demo's setting is loaded first")?;
    if already_there(db, process.id).await? {
        return Ok(None);
    }
    let mut rng = Rng::new(SEED);
    let now = crate::platform::clock::now_ms();
    let team = |email: &'static str| async move {
        accounts::users::by_email(db, email)
            .await?
            .map(|u| u.id)
            .with_context(|| format!("demo account {email}"))
    };
    let facilitator = team(super::ACCOUNTS[2].0).await?;
    let manager = team(super::ACCOUNTS[1].0).await?;
    let moderator = team(super::ACCOUNTS[3].0).await?;
    let mut summary = Summary::default();

    // Participants.
    let hash = crate::platform::auth::hash_password(super::PASSWORD.to_owned())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let people: Vec<(String, String)> = (0..PARTICIPANTS)
        .map(|n| {
            let first = FIRST_NAMES[n % FIRST_NAMES.len()];
            let initial = char::from(b'A' + ((n * 7 + n / FIRST_NAMES.len()) % 26) as u8);
            (
                format!("participant-{n}@demo.concerto.localhost"),
                format!("{first} {initial}."),
            )
        })
        .collect();
    let participants = store::accounts(db, &people, &hash, now - PHASE_DAYS * DAY_MS).await?;
    summary.participants = participants.len();

    // Communes, drawn by population.
    let communes: Vec<Commune> = territories::store::shapes_at_level(db, "commune")
        .await?
        .into_iter()
        .filter_map(|shape| {
            Some(Commune {
                id: shape.id,
                name: shape.name,
                population: shape.population.unwrap_or(100).max(1),
                geometry: geokit::geojson::parse_geometry(&shape.geometry).ok()?,
            })
        })
        .collect();
    anyhow::ensure!(!communes.is_empty(), "the demo's communes are loaded first");
    let total_population: i64 = communes.iter().map(|c| c.population).sum();
    let draw_commune = |rng: &mut Rng| {
        let mut pick = (rng.unit() * total_population as f64) as i64;
        communes
            .iter()
            .find(|c| {
                pick -= c.population;
                pick < 0
            })
            .unwrap_or(&communes[0])
    };

    // Workshops and events, in the largest communes first.
    let mut by_size: Vec<&Commune> = communes.iter().collect();
    by_size.sort_by_key(|c| std::cmp::Reverse(c.population));
    let mut workshops = Vec::new();
    for (n, (kind, title, audience, days)) in EVENTS.iter().enumerate() {
        let commune = by_size[n % by_size.len().min(8)];
        let day = crate::features::processes::rules::Day::today()
            .plus_days(*days)
            .iso();
        let (starts_at, ends_at) = (format!("{day}T14:00"), format!("{day}T17:00"));
        let title = format!("{title} ({})", commune.name);
        let id = events::store::create(
            db,
            &NewEvent {
                process_id: process.id,
                kind: *kind,
                title: &title,
                description: "Venez dire ce qui manque près de chez vous : chaque besoin exprimé \
                              ici rejoint ceux déposés en ligne.",
                starts_at: &starts_at,
                ends_at: &ends_at,
                territory_id: Some(commune.id),
                place: &commune.name,
                capacity: Some(40),
                audience: *audience,
                created_by: facilitator,
            },
        )
        .await?;
        workshops.push((id, commune.id, now + days * DAY_MS, *days < 0));
    }
    summary.events = workshops.len();
    let mut registrations = Vec::new();
    for &(event, _, at, _) in &workshops {
        let mut chosen = participants.clone();
        rng.shuffle(&mut chosen);
        for user in chosen.iter().take(8 + rng.below(18)) {
            registrations.push((event, *user, at - (3 + rng.below(20) as i64) * DAY_MS));
        }
    }
    store::registrations(db, &registrations).await?;
    for &(event, _, _, past) in &workshops {
        if !past {
            continue;
        }
        let came = 14 + rng.below(28) as i64;
        let mut breakdown = Vec::new();
        let mut left = came - rng.below(4) as i64;
        for (i, bracket) in AGE_BRACKETS.iter().enumerate() {
            let count = if i + 1 == AGE_BRACKETS.len() {
                left
            } else {
                (rng.below((left.max(0) as usize / 2).max(1) + 1) as i64).min(left)
            };
            left -= count;
            breakdown.push(HeadCount {
                category: Category::Age,
                value: (*bracket).into(),
                count,
            });
        }
        let public = Audience::ALL[rng.below(Audience::ALL.len())];
        breakdown.push(HeadCount {
            category: Category::Public,
            value: public.as_str().into(),
            count: came / 2,
        });
        events::store::set_attendance(db, event, came, &breakdown).await?;
    }

    // Needs: real answers, online by participants or captured at past workshops.
    let themes = processes::store::themes(db, process.id).await?;
    let past: Vec<&(i64, i64, i64, bool)> = workshops.iter().filter(|w| w.3).collect();
    let mut reader = csv::Reader::from_reader(NEEDS.as_bytes());
    let rows: Vec<(String, String)> = reader
        .records()
        .filter_map(Result::ok)
        .map(|r| (r[0].to_owned(), r[2].to_owned()))
        .collect();
    let mut drafts = Vec::with_capacity(rows.len());
    for (theme, text) in &rows {
        let (title, body) = title_and_body(text);
        let theme_id = themes.iter().find(|t| t.name == *theme).map(|t| t.id);
        let at_workshop = rng.below(100) < 12;
        let draft = if at_workshop {
            let &&(workshop_id, commune, at, _) = &past[rng.below(past.len())];
            let at = at + (rng.below(180) as i64) * 60_000;
            let origin = Origin::Workshop {
                workshop_id,
                facilitator_id: facilitator,
            };
            Contribution {
                theme_id,
                territory_id: Some(commune),
                ..Contribution::new(&title, &body, origin, at)
            }
        } else {
            let commune = draw_commune(&mut rng);
            let placed = rng.below(10) > 0;
            let point = placed
                .then(|| point_in(&commune.geometry, &mut rng))
                .flatten();
            // More needs as the phase went on.
            let age = (rng.unit().sqrt() * (PHASE_DAYS - 2) as f64 * DAY_MS as f64) as i64;
            let origin = Origin::Online {
                author_id: Some(participants[rng.below(participants.len())]),
            };
            Contribution {
                theme_id,
                territory_id: placed.then_some(commune.id),
                point,
                ..Contribution::new(&title, &body, origin, now - DAY_MS - age)
            }
        };
        drafts.push(draft);
    }
    let need_ids = needs::service::import_many(db, process.id, &drafts).await?;
    let at_workshops = drafts
        .iter()
        .filter(|d| matches!(d.origin, Origin::Workshop { .. }))
        .count();
    summary.needs = (need_ids.len(), at_workshops);

    // Supports: a few needs gather many, most a handful.
    let mut supports = Vec::new();
    let mut weights = Vec::with_capacity(need_ids.len());
    for (need, draft) in need_ids.iter().zip(&drafts) {
        let count = (rng.unit().powi(4) * 60.0) as usize + rng.below(3);
        weights.push(count);
        let start = rng.below(participants.len());
        for k in 0..count.min(participants.len()) {
            let user = participants[(start + k * 37) % participants.len()];
            let after = (now - draft.created_at).max(60_000);
            supports.push((
                *need,
                user,
                draft.created_at + (rng.unit() * after as f64) as i64,
            ));
        }
    }
    supports.sort_unstable_by_key(|s| (s.0, s.1));
    supports.dedup_by_key(|s| (s.0, s.1));
    store::supports(db, &supports).await?;
    summary.supports = supports.len();

    // Comments, mostly under the most supported needs; one in five answers another.
    let mut popular: Vec<usize> = (0..need_ids.len()).collect();
    popular.sort_by_key(|&i| std::cmp::Reverse(weights[i]));
    let mut comments: Vec<DemoComment> = Vec::new();
    for &i in popular.iter().take(320) {
        for _ in 0..1 + rng.below(3) {
            let answers = comments
                .iter()
                .rposition(|c| c.need_id == need_ids[i] && c.answers.is_none())
                .filter(|_| rng.below(5) == 0);
            let after = (now - drafts[i].created_at).max(60_000);
            comments.push(DemoComment {
                need_id: need_ids[i],
                answers,
                author_id: participants[rng.below(participants.len())],
                body: COMMENTS[rng.below(COMMENTS.len())],
                at: drafts[i].created_at + (rng.unit() * after as f64) as i64,
            });
        }
    }
    store::comments(db, &comments).await?;
    summary.comments = comments.len();

    // A few reports wait for the moderators; one need was hidden, with its reason.
    for k in 0..4 {
        let need = need_ids[popular[popular.len() - 1 - k * 7]];
        moderation::store::report(
            db,
            process.id,
            moderation::store::Target::Need(need),
            participants[k * 11],
            "Ce besoin me semble hors sujet.",
        )
        .await?;
    }
    let hidden = need_ids[popular[popular.len() - 40]];
    moderation::store::set_visibility(
        db,
        moderation::store::Target::Need(hidden),
        true,
        Some("doublon d'un autre besoin"),
        moderator,
    )
    .await?;

    // The synthesis of the needs so far, validated and published.
    let synthesis = syntheses::store::start(db, process.id, Scope::All, Some(facilitator))
        .await?
        .context("no synthesis running yet")?;
    crate::features::syntheses::jobs::run(db, synthesis, &mut |_| {}).await?;
    syntheses::store::validate(db, synthesis, manager).await?;
    let validated = syntheses::store::by_id(db, synthesis)
        .await?
        .context("the synthesis")?;
    syntheses::store::publish(db, &validated).await?;
    summary.clusters = syntheses::store::clusters(db, synthesis).await?.len();

    // Solutions to the synthesised needs, at every stage.
    let answerable = need_ids
        .iter()
        .zip(&drafts)
        .filter(|(id, _)| **id != hidden)
        .map(|(id, draft)| DemoNeed {
            id: *id,
            title: draft.title.clone(),
            body: draft.body.clone(),
            theme_id: draft.theme_id,
            commune: draft.territory_id,
            point: draft.point,
        })
        .collect();
    let past_workshops: Vec<(i64, i64)> = past.iter().map(|w| (w.0, w.1)).collect();
    let cast = Cast {
        participants: &participants,
        facilitator,
        workshops: &past_workshops,
    };
    summary.solutions =
        super::solutions::load(db, process.id, answerable, &cast, &mut rng, now).await?;

    // The bourse aux initiatives: offers, requests, companionships under way.
    let account = |email: &'static str| async move {
        accounts::users::by_email(db, email)
            .await?
            .map(|u| u.id)
            .context("a demo account")
    };
    let (partner, manager) = (
        account(super::ACCOUNTS[4].0).await?,
        account(super::ACCOUNTS[1].0).await?,
    );
    let last_week = crate::features::processes::rules::Day(
        time::OffsetDateTime::from_unix_timestamp(now / 1000 - 5 * 86_400)?.date(),
    )
    .iso();
    summary.companionships =
        super::bourse::load(db, process.id, (partner, manager), &last_week).await?;
    summary.resources = super::resources::load(
        db,
        process.id,
        (manager, participants[0]),
        crate::features::processes::rules::Day::today(),
    )
    .await?;
    summary.questionnaire = super::questionnaire::load(db, process.id, facilitator, SEED).await?;

    // The opinion conversation.
    let authored: Vec<(&str, i64, i64)> = STATEMENTS
        .iter()
        .enumerate()
        .map(|(n, (text, _))| {
            let at = now - (70 - 2 * n as i64) * DAY_MS;
            (*text, participants[(n * 13) % participants.len()], at)
        })
        .collect();
    let statement_ids = store::statements(db, process.id, &authored).await?;
    let mut votes = Vec::new();
    for (n, &user) in participants.iter().enumerate().take(380) {
        let outlook = match n % 10 {
            0..=3 => 0,
            4..=6 => 1,
            _ => 2,
        };
        // Most vote on many statements; one in eight stops after a few.
        let how_many = if n % 8 == 7 {
            2 + rng.below(4)
        } else {
            10 + rng.below(STATEMENTS.len() - 9)
        };
        let mut order: Vec<usize> = (0..STATEMENTS.len()).collect();
        rng.shuffle(&mut order);
        for &s in order.iter().take(how_many) {
            let lean = STATEMENTS[s].1[outlook];
            let roll = rng.below(10);
            let value = match (lean, roll) {
                (_, 0) => 0,
                (0, r) => {
                    if r % 2 == 0 {
                        1
                    } else {
                        -1
                    }
                }
                (lean, 1) => -lean,
                (lean, _) => lean,
            };
            let at = authored[s].2 + (rng.unit() * (now - authored[s].2) as f64) as i64;
            votes.push((statement_ids[s], user, value, at));
        }
    }
    store::votes(db, process.id, &votes).await?;
    summary.opinion = (statement_ids.len(), votes.len());
    Ok(Some(summary))
}

/// A need's title and description from an answer: a short answer is its own title; a longer
/// one is titled by its first sentence (cut at a word within 120 characters) and kept whole
/// as the description.
fn title_and_body(text: &str) -> (String, String) {
    let max = crate::features::needs::rules::MAX_TITLE_CHARS;
    if text.chars().count() <= max {
        return (text.to_owned(), String::new());
    }
    let sentence_end = text
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '!' | '?') && *i >= 20)
        .map(|(i, c)| i + c.len_utf8());
    let first = sentence_end.map_or(text, |end| &text[..end]);
    let title = if first.chars().count() <= max {
        first.trim().to_owned()
    } else {
        let cut: String = first.chars().take(max - 1).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
    };
    (title, text.to_owned())
}

/// A point inside a geometry, drawn in its bounding box (`None` after 50 misses).
fn point_in(geometry: &geokit::Geometry, rng: &mut Rng) -> Option<[f64; 2]> {
    let bbox = geometry.bbox();
    (0..50)
        .map(|_| {
            [
                bbox.min_x + rng.unit() * (bbox.max_x - bbox.min_x),
                bbox.min_y + rng.unit() * (bbox.max_y - bbox.min_y),
            ]
        })
        .find(|p| geometry.contains(*p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_first_sentences_within_the_limit() {
        assert_eq!(
            title_and_body("Plus de bus le soir."),
            ("Plus de bus le soir.".into(), String::new())
        );
        let long = format!(
            "Des pistes cyclables sûres entre les villages. {}",
            "Et ".repeat(60)
        );
        let (title, body) = title_and_body(&long);
        assert_eq!(title, "Des pistes cyclables sûres entre les villages.");
        assert_eq!(body, long);
        let run_on = "mot ".repeat(60);
        let (title, _) = title_and_body(&run_on);
        assert!(
            title.ends_with('…') && title.chars().count() <= 120,
            "{title}"
        );
    }

    #[test]
    fn every_needs_text_has_a_known_theme_or_none() {
        let names: Vec<&str> = super::super::THEMES.iter().map(|t| t.0).collect();
        let mut reader = csv::Reader::from_reader(NEEDS.as_bytes());
        let mut count = 0;
        for record in reader.records() {
            let record = record.unwrap();
            assert!(
                record[0].is_empty() || names.contains(&&record[0]),
                "{:?}",
                &record[0]
            );
            assert!(!record[2].trim().is_empty());
            count += 1;
        }
        assert!(count >= 2_000, "a few thousand needs: {count}");
    }
}

//! The demo's second phase under way: solutions invented online and at workshops, each linked
//! to the needs closest to its text (the same index that suggests needs in the form), carried
//! by participants and local organisations, at every stage from idea to launch, some with
//! milestones and an official answer. The solutions are illustrative; the footer says so.

use textkit::rng::Rng;

use crate::features::solutions::caches::NeedIndex;
use crate::features::solutions::rules::{Answer, Scope, Source};
use crate::features::solutions::store::{self, NewSolution};
use crate::platform::db::Db;

/// A demo solution: theme, title, description, stage key, organisation.
type Written = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
);

/// The solutions, as people wrote them (illustrative).
const SOLUTIONS: [Written; 16] = [
    (
        "Mobilité",
        "Un transport à la demande le soir entre les villages",
        "Des **navettes sur réservation** (téléphone ou site) après 19 h, entre les villages et les gares de Belfort et Montbéliard.\n\n- réservation jusqu'à une heure avant\n- tarif du bus\n- chauffeurs des lignes existantes",
        "lancee",
        "Collectif des usagers du soir",
    ),
    (
        "Mobilité",
        "Covoiturage solidaire vers les zones d'emploi",
        "Une plateforme locale qui met en relation salariés et demandeurs d'emploi sans voiture avec des conducteurs qui font le même trajet, avec une garantie de retour.",
        "accompagnee",
        "Association Roue Libre",
    ),
    (
        "Mobilité",
        "Des pistes cyclables continues entre les communes",
        "Relier les tronçons existants pour aller à vélo, en sécurité, d'une commune à l'autre, avec des arceaux aux arrêts de bus.",
        "projet",
        "",
    ),
    (
        "Bien vieillir",
        "Un réseau de visiteurs pour les aînés isolés",
        "Des bénévoles formés rendent visite chaque semaine aux personnes âgées seules, en lien avec les CCAS et les services à domicile.",
        "lancee",
        "Les Voisins Solidaires",
    ),
    (
        "Bien vieillir",
        "Un habitat partagé entre générations",
        "Une maison où des aînés louent des studios et des étudiants logent à prix réduit contre de la présence et des services.",
        "recherche",
        "",
    ),
    (
        "Solidarité",
        "Une épicerie solidaire itinérante",
        "Un camion aménagé qui passe chaque semaine dans les communes sans commerce, avec des produits à prix solidaires et un temps d'accueil.",
        "accompagnee",
        "Banque alimentaire du Territoire",
    ),
    (
        "Vivre ensemble",
        "Des fêtes de quartier organisées par les habitants",
        "Un petit fonds et un kit (tables, sono, assurance) que les habitants empruntent pour organiser eux-mêmes une fête de rue.",
        "lancee",
        "",
    ),
    (
        "Lieux d'avenir",
        "Un tiers-lieu dans l'ancienne friche industrielle",
        "Ateliers partagés, espace de travail, café associatif et salle pour les associations dans une friche réhabilitée.",
        "recherche",
        "Coopérative La Fabrique",
    ),
    (
        "Éducation",
        "Du soutien scolaire gratuit dans chaque quartier",
        "Des étudiants et des retraités accompagnent les élèves deux soirs par semaine dans les locaux des centres sociaux.",
        "projet",
        "",
    ),
    (
        "Agriculture de demain",
        "Des cantines approvisionnées en circuit court",
        "Une plateforme commune aux cantines scolaires pour acheter aux maraîchers et éleveurs du territoire, avec des contrats sur l'année.",
        "accompagnee",
        "Chambre d'agriculture",
    ),
    (
        "Agriculture de demain",
        "Des jardins partagés au pied des immeubles",
        "Transformer des pelouses en potagers cultivés par les habitants, avec des ateliers de jardinage pour les enfants.",
        "idee",
        "",
    ),
    (
        "Tech pour le bien commun",
        "Des permanences d'aide au numérique",
        "Des conseillers numériques dans les mairies et les médiathèques pour aider aux démarches en ligne, sans rendez-vous.",
        "lancee",
        "Médiathèques du Pôle",
    ),
    (
        "Emploi de demain",
        "Un atelier d'insertion de réparation de vélos",
        "Des personnes éloignées de l'emploi réparent et revendent des vélos donnés, avec une formation qualifiante.",
        "projet",
        "Régie de quartier",
    ),
    (
        "Énergie",
        "Un accompagnement à la rénovation des logements anciens",
        "Un guichet unique qui aide les propriétaires modestes à isoler leur logement : diagnostic, devis, aides, suivi du chantier.",
        "accompagnee",
        "",
    ),
    (
        "Énergie",
        "Des panneaux solaires citoyens sur les toits publics",
        "Une société citoyenne finance des centrales solaires sur les écoles et les gymnases ; les habitants en sont actionnaires.",
        "idee",
        "",
    ),
    (
        "Tourisme",
        "Un réseau de sentiers de randonnée balisés",
        "Baliser et relier les sentiers entre villages et sites patrimoniaux, avec une carte commune et des haltes chez les producteurs.",
        "abandonnee",
        "",
    ),
];

/// The needs of the demo a solution may answer: `(id, title, description, commune, point)`.
pub struct DemoNeed {
    /// Id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Description.
    pub body: String,
    /// Theme, if known.
    pub theme_id: Option<i64>,
    /// Commune, if placed.
    pub commune: Option<i64>,
    /// Point, if placed on the map.
    pub point: Option<[f64; 2]>,
}

/// Who the demo's solutions involve.
pub struct Cast<'a> {
    /// Participants' accounts.
    pub participants: &'a [i64],
    /// The facilitator, who types in solutions invented at workshops.
    pub facilitator: i64,
    /// Past workshops: `(event id, commune id)`.
    pub workshops: &'a [(i64, i64)],
}

const DAY_MS: i64 = 24 * 3_600_000;

/// Loads the solutions; returns how many.
pub async fn load(
    db: &Db,
    process_id: i64,
    needs: Vec<DemoNeed>,
    cast: &Cast<'_>,
    rng: &mut Rng,
    now: i64,
) -> anyhow::Result<usize> {
    let themes = crate::features::processes::store::themes(db, process_id).await?;
    let stages = store::stages(db, process_id).await?;
    let index = NeedIndex::build(
        0,
        needs
            .iter()
            .map(|n| (n.id, n.title.clone(), n.body.clone()))
            .collect(),
    );
    let mut created = Vec::new();
    for (n, (theme, title, body, stage_key, organisation)) in SOLUTIONS.iter().enumerate() {
        let theme_id = themes.iter().find(|t| t.name == *theme).map(|t| t.id);
        // The closest needs of the solution's theme, as a person choosing among the
        // suggestions would tick them.
        let linked: Vec<i64> = index
            .nearest(&format!("{title} {body}"), 200)
            .into_iter()
            .map(|(id, _, _)| id)
            .filter(|id| {
                needs
                    .iter()
                    .any(|need| need.id == *id && need.theme_id == theme_id)
            })
            .take(3)
            .collect();
        anyhow::ensure!(!linked.is_empty(), "no need close to « {title} »");
        let first = needs.iter().find(|need| need.id == linked[0]);
        let at_workshop = n % 3 == 1 && !cast.workshops.is_empty();
        let (scope, territory_id, point) = match (n % 4, first) {
            (0 | 1, Some(need)) if need.point.is_some() => (Scope::Point, need.commune, need.point),
            (3, _) => (Scope::Territory, None, None),
            (_, Some(need)) if need.commune.is_some() => (Scope::Commune, need.commune, None),
            _ => (Scope::Territory, None, None),
        };
        let stage = stages.iter().find(|s| s.key == *stage_key);
        let author = cast.participants[(n * 29) % cast.participants.len()];
        let (source, author_id, event_id, entered_by) = if at_workshop {
            let (event, _) = cast.workshops[n % cast.workshops.len()];
            (Source::Event, None, Some(event), cast.facilitator)
        } else {
            (Source::Online, Some(author), None, author)
        };
        let mut carriers = vec![author];
        carriers.push(cast.participants[(n * 53 + 7) % cast.participants.len()]);
        created.push(NewSolution {
            process_id,
            title: (*title).to_owned(),
            body: (*body).to_owned(),
            theme_id,
            scope,
            territory_id,
            point,
            organisation: (*organisation).to_owned(),
            stage_id: stage.map(|s| s.id),
            progress: stage.and_then(|s| s.progress).unwrap_or(20),
            source,
            event_id,
            author_id,
            entered_by: Some(entered_by),
            external_id: None,
            answer: None,
            carriers,
            needs: linked,
            clusters: Vec::new(),
            terms: textkit::search_terms(&format!("{title} {body}")),
            created_at: now - (55 - 3 * n as i64) * DAY_MS - rng.below(600) as i64 * 60_000,
        });
    }
    let ids = store::create_many(db, &created).await?;
    for ((id, solution), (_, _, _, stage_key, _)) in ids.iter().zip(&created).zip(&SOLUTIONS) {
        let days_old = (now - solution.created_at) / DAY_MS;
        let milestones: &[(&str, i64)] = match *stage_key {
            "lancee" => &[
                ("Première réunion des porteurs", 3),
                ("Lancement public", 2),
            ],
            "accompagnee" => &[
                ("Première réunion des porteurs", 3),
                ("Un partenaire s'engage", 2),
            ],
            "recherche" => &[("Première réunion des porteurs", 2)],
            _ => &[],
        };
        for (k, (milestone, share)) in milestones.iter().enumerate() {
            let day = crate::features::processes::rules::Day::today()
                .plus_days(-(days_old * (*share) / 4) + k as i64)
                .iso();
            store::add_milestone(db, *id, &day, milestone, "", None, solution.carriers[0]).await?;
        }
        let answer = match *stage_key {
            "lancee" | "accompagnee" => Some((
                Answer::Retained,
                "Elle répond à des besoins exprimés dans plusieurs communes ; le Pôle l'accompagne.",
            )),
            "abandonnee" => Some((
                Answer::Rework,
                "Le projet doit trouver des porteurs dans chaque intercommunalité.",
            )),
            _ => None,
        };
        if let Some((answer, reason)) = answer {
            store::set_answer(db, *id, Some(answer), reason).await?;
        }
    }
    Ok(ids.len())
}

//! The table: who each route serves, and the fields a few forms need.

use super::EVERYONE;
use super::Who::{
    self, Admin, Facilitator, Manager, Moderator, OtherManager, Participant, Partner,
};

/// Everyone, visitors included.
const ALL: &[Who] = &EVERYONE;
/// Anyone signed in (everyone but the visitor, who comes first): a visitor is sent to sign in.
const SIGNED_IN: &[Who] = match EVERYONE.split_first() {
    Some((_, signed_in)) => signed_in,
    None => &[],
};
/// The process's facilitators and managers, and admins.
const FACILITATORS: &[Who] = &[Facilitator, Manager, Admin];
/// The process's moderators and managers, and admins.
const MODERATORS: &[Who] = &[Moderator, Manager, Admin];
/// The process's managers and admins.
const MANAGERS: &[Who] = &[Manager, Admin];
/// Anyone on a process's team (the team's home), and admins.
const TEAMS: &[Who] = &[Facilitator, Moderator, Manager, OtherManager, Admin];
/// Those who may create a process: instance managers and admins.
const CREATORS: &[Who] = &[Manager, OtherManager, Admin];
/// Those who may register an organisation: partners, managers, admins.
const REGISTRARS: &[Who] = &[Partner, Manager, OtherManager, Admin];
/// The instance's admins.
const ADMINS: &[Who] = &[Admin];
/// The fixture organisation's contact (the partner), the managers of the process it is engaged
/// in, and admins.
const ORGANISATION_EDITORS: &[Who] = &[Partner, Manager, Admin];
/// Those who speak for an organisation engaged in the process (the partner; the demo's
/// manager registered the others): an offer is always an organisation's.
const OFFERERS: &[Who] = &[Partner, Manager];
/// Those who carry the fixture solution (the participant).
const CARRIERS: &[Who] = &[Participant];
/// The fixture solution's carriers and the process's facilitators and managers, and admins.
const SOLUTION_EDITORS: &[Who] = &[Participant, Facilitator, Manager, Admin];
/// The parties to the fixture companionship (the partner for the offering organisation, the
/// participant for the solution), the process's facilitators and managers, and admins.
const COMPANIONSHIP_READERS: &[Who] = &[Participant, Partner, Facilitator, Manager, Admin];
/// The parties to the fixture companionship only: a testimony is theirs.
const COMPANIONSHIP_PARTIES: &[Who] = &[Participant, Partner];

/// Fields sent with a row's form when its handler reads the form into a fixed shape (without
/// them the form is refused before anyone is asked who they are). `{before/name}` is the
/// fixture's value.
pub const FIELDS: &[(&str, &[(&str, &str)])] = &[
    (
        "POST /admin/roles/retrait",
        &[("user_id", "0"), ("role", "partner")],
    ),
    (
        "POST /compagnonnages",
        &[("offre", "{offres/id}"), ("demande", "{demandes/id}")],
    ),
];

/// Who each route serves.
pub const SERVES: &[(&str, &[Who])] = &[
    // The site.
    ("GET /", ALL),
    ("GET /a-propos", ALL),
    ("GET /accessibilite", ALL),
    ("GET /mentions-legales", ALL),
    ("GET /donnees-personnelles", ALL),
    ("GET /health", ALL),
    ("GET /metrics", ADMINS),
    ("GET /static/{name}", ALL),
    ("POST /langue", ALL),
    // Accounts.
    ("GET /inscription", ALL),
    ("POST /inscription", ALL),
    ("GET /confirmation", ALL),
    ("POST /confirmation", ALL),
    ("GET /connexion", ALL),
    ("POST /connexion", ALL),
    ("GET /mot-de-passe-oublie", ALL),
    ("POST /mot-de-passe-oublie", ALL),
    ("GET /nouveau-mot-de-passe", ALL),
    ("POST /nouveau-mot-de-passe", ALL),
    ("GET /compte", SIGNED_IN),
    ("POST /compte/nom", SIGNED_IN),
    ("POST /compte/courriel", SIGNED_IN),
    ("GET /compte/courriel/confirmation", ALL),
    ("POST /compte/courriel/confirmation", ALL),
    ("POST /compte/mot-de-passe", SIGNED_IN),
    ("POST /compte/profil", SIGNED_IN),
    ("GET /compte/notifications", SIGNED_IN),
    ("GET /compte/donnees", SIGNED_IN),
    ("POST /compte/suppression", SIGNED_IN),
    ("POST /deconnexion", ALL),
    // Administration.
    ("GET /admin", ADMINS),
    ("GET /admin/courriels", ADMINS),
    ("GET /admin/courriels/{file}", ADMINS),
    ("GET /admin/journal", ADMINS),
    ("GET /admin/roles", ADMINS),
    ("POST /admin/roles", ADMINS),
    ("POST /admin/roles/retrait", ADMINS),
    ("GET /gestion/territoires", ADMINS),
    ("UPLOAD /gestion/territoires", ADMINS),
    ("GET /gestion/observatoire", ADMINS),
    ("UPLOAD /gestion/observatoire", ADMINS),
    ("GET /gestion/observatoire/{id}/rapport.csv", ADMINS),
    ("POST /gestion/observatoire/{id}/suppression", ADMINS),
    // Territories.
    ("GET /territoires/localiser", ALL),
    ("GET /territoires/{level}/{code}", ALL),
    ("GET /territoires/{level}/{code}/portrait", ALL),
    ("GET /territoires/{level}/{code}/portrait.csv", ALL),
    // Processes and their team's pages.
    ("GET /demarches/{slug}", ALL),
    ("GET /gestion", TEAMS),
    ("POST /gestion/demarches", CREATORS),
    ("GET /gestion/demarches/{slug}", MANAGERS),
    ("POST /gestion/demarches/{slug}", MANAGERS),
    ("POST /gestion/demarches/{slug}/copie", MANAGERS),
    ("POST /gestion/demarches/{slug}/equipe", MANAGERS),
    ("POST /gestion/demarches/{slug}/equipe/retrait", MANAGERS),
    ("GET /gestion/demarches/{slug}/etapes", MANAGERS),
    ("POST /gestion/demarches/{slug}/etapes", MANAGERS),
    ("POST /gestion/demarches/{slug}/phases", MANAGERS),
    ("GET /gestion/demarches/{slug}/phases/{id}", MANAGERS),
    ("POST /gestion/demarches/{slug}/phases/{id}", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/phases/{id}/suppression",
        MANAGERS,
    ),
    ("POST /gestion/demarches/{slug}/themes", MANAGERS),
    ("GET /gestion/demarches/{slug}/themes/{id}", MANAGERS),
    ("POST /gestion/demarches/{slug}/themes/{id}", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/themes/{id}/suppression",
        MANAGERS,
    ),
    ("POST /gestion/demarches/{slug}/territoires", MANAGERS),
    ("GET /gestion/demarches/{slug}/budget", MANAGERS),
    ("POST /gestion/demarches/{slug}/budget", MANAGERS),
    ("POST /gestion/demarches/{slug}/budget/lignes", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/budget/lignes/{id}/suppression",
        MANAGERS,
    ),
    ("GET /demarches/{slug}/budget", ALL),
    // Needs.
    ("GET /demarches/{slug}/besoins", ALL),
    ("POST /demarches/{slug}/besoins", SIGNED_IN),
    ("GET /demarches/{slug}/besoins/nouveau", SIGNED_IN),
    ("GET /demarches/{slug}/besoins/carte", ALL),
    ("GET /demarches/{slug}/besoins.csv", ALL),
    ("GET /demarches/{slug}/besoins.geojson", ALL),
    ("GET /demarches/{slug}/besoins.xlsx", ALL),
    ("GET /gestion/demarches/{slug}/besoins.csv", MANAGERS),
    ("GET /gestion/demarches/{slug}/besoins.xlsx", MANAGERS),
    ("GET /demarches/{slug}/vous-avez-dit", ALL),
    ("GET /besoins/{id}", ALL),
    ("POST /besoins/{id}/soutien", SIGNED_IN),
    ("POST /besoins/{id}/commentaires", SIGNED_IN),
    ("POST /besoins/{id}/signalement", SIGNED_IN),
    ("POST /commentaires/{id}/signalement", SIGNED_IN),
    ("GET /gestion/demarches/{slug}/import-decidim", MANAGERS),
    ("UPLOAD /gestion/demarches/{slug}/import-decidim", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/import-decidim/confirmation",
        MANAGERS,
    ),
    // Moderation.
    ("GET /demarches/{slug}/moderation", MODERATORS),
    ("POST /moderation/besoins/{id}", MODERATORS),
    ("POST /moderation/besoins/{id}/fusion", MODERATORS),
    ("POST /moderation/commentaires/{id}", MODERATORS),
    // Workshops.
    ("GET /demarches/{slug}/agenda", ALL),
    ("GET /demarches/{slug}/agenda.ics", ALL),
    ("POST /demarches/{slug}/ateliers", FACILITATORS),
    ("GET /demarches/{slug}/ateliers/nouveau", FACILITATORS),
    ("GET /ateliers/{id}", ALL),
    ("GET /ateliers/{id}/mur", ALL),
    ("POST /ateliers/{id}/inscription", SIGNED_IN),
    ("POST /ateliers/{id}/participation", FACILITATORS),
    ("GET /ateliers/{id}/saisie", FACILITATORS),
    ("POST /ateliers/{id}/saisie", FACILITATORS),
    ("UPLOAD /ateliers/{id}/import", FACILITATORS),
    ("GET /ateliers/{id}/solutions", FACILITATORS),
    ("POST /ateliers/{id}/solutions", FACILITATORS),
    ("UPLOAD /ateliers/{id}/solutions/import", FACILITATORS),
    // Syntheses.
    ("GET /demarches/{slug}/synthese", ALL),
    ("GET /demarches/{slug}/syntheses", FACILITATORS),
    ("POST /demarches/{slug}/syntheses", FACILITATORS),
    ("GET /syntheses/{id}", ALL),
    ("POST /syntheses/{id}/statut", FACILITATORS),
    ("GET /syntheses/{id}/groupes/{cluster}", ALL),
    ("POST /syntheses/{id}/groupes/{cluster}", FACILITATORS),
    // Opinions.
    ("GET /demarches/{slug}/opinions", ALL),
    ("GET /demarches/{slug}/opinions/carte", ALL),
    ("POST /demarches/{slug}/opinions/votes", SIGNED_IN),
    ("POST /demarches/{slug}/opinions/propositions", SIGNED_IN),
    ("GET /demarches/{slug}/opinions/export/votes.csv", ALL),
    ("GET /demarches/{slug}/opinions/export/comments.csv", ALL),
    (
        "GET /demarches/{slug}/opinions/export/participants-votes.csv",
        ALL,
    ),
    ("GET /demarches/{slug}/opinions/moderation", MODERATORS),
    ("POST /opinions/propositions/{id}/moderation", MODERATORS),
    ("POST /demarches/{slug}/opinions/reglage", MANAGERS),
    ("GET /demarches/{slug}/opinions/rapport", MANAGERS),
    // Solutions.
    ("GET /demarches/{slug}/solutions", ALL),
    ("POST /demarches/{slug}/solutions", SIGNED_IN),
    ("GET /demarches/{slug}/solutions/nouvelle", SIGNED_IN),
    ("GET /demarches/{slug}/solutions/planisphere", ALL),
    ("GET /demarches/{slug}/solutions.csv", ALL),
    ("GET /demarches/{slug}/solutions.geojson", ALL),
    ("GET /demarches/{slug}/solutions.xlsx", ALL),
    ("GET /gestion/demarches/{slug}/solutions.csv", MANAGERS),
    ("GET /gestion/demarches/{slug}/solutions.xlsx", MANAGERS),
    ("GET /gestion/demarches/{slug}/solutions/import", MANAGERS),
    (
        "UPLOAD /gestion/demarches/{slug}/solutions/import",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/solutions/import/confirmation",
        MANAGERS,
    ),
    ("GET /solutions/{id}", ALL),
    ("GET /solutions/{id}/modifier", SOLUTION_EDITORS),
    ("POST /solutions/{id}/modifier", SOLUTION_EDITORS),
    ("POST /solutions/{id}/image", SOLUTION_EDITORS),
    ("POST /solutions/{id}/besoins", SOLUTION_EDITORS),
    ("POST /solutions/{id}/etape", SOLUTION_EDITORS),
    ("POST /solutions/{id}/jalons", SOLUTION_EDITORS),
    ("POST /solutions/{id}/reponse", MANAGERS),
    ("POST /solutions/{id}/moderation", MODERATORS),
    ("POST /solutions/{id}/soutien", SIGNED_IN),
    ("POST /solutions/{id}/commentaires", SIGNED_IN),
    ("POST /solutions/{id}/signalement", SIGNED_IN),
    (
        "POST /solutions/{id}/commentaires/{comment}/signalement",
        SIGNED_IN,
    ),
    ("GET /medias/{id}", ALL),
    // The exchange of support (bourse aux initiatives).
    ("GET /demarches/{slug}/bourse", ALL),
    ("GET /demarches/{slug}/bourse/offres.csv", ALL),
    ("GET /demarches/{slug}/bourse/demandes.json", ALL),
    (
        "GET /demarches/{slug}/bourse/compagnonnages.csv",
        FACILITATORS,
    ),
    ("GET /demarches/{slug}/bourse/offres/nouvelle", OFFERERS),
    ("POST /demarches/{slug}/bourse/offres", OFFERERS),
    ("GET /offres/{id}", ALL),
    ("POST /offres/{id}/statut", &[Partner]),
    ("GET /solutions/{id}/demandes/nouvelle", CARRIERS),
    ("POST /solutions/{id}/demandes", CARRIERS),
    ("GET /demandes/{id}", ALL),
    ("POST /compagnonnages", COMPANIONSHIP_PARTIES),
    ("GET /compagnonnages/{id}", COMPANIONSHIP_READERS),
    ("POST /compagnonnages/{id}/etat", COMPANIONSHIP_READERS),
    ("POST /compagnonnages/{id}/journal", COMPANIONSHIP_READERS),
    (
        "POST /compagnonnages/{id}/temoignage",
        COMPANIONSHIP_PARTIES,
    ),
    ("GET /gestion/demarches/{slug}/bourse", FACILITATORS),
    // Partners.
    ("GET /demarches/{slug}/partenaires", ALL),
    ("GET /demarches/{slug}/partenaires/partenaires.csv", ALL),
    ("GET /organisations/nouvelle", REGISTRARS),
    ("POST /organisations", REGISTRARS),
    ("GET /organisations/{id}", ALL),
    ("GET /organisations/{id}/modifier", ORGANISATION_EDITORS),
    ("POST /organisations/{id}/modifier", ORGANISATION_EDITORS),
    ("POST /organisations/{id}/logo", ORGANISATION_EDITORS),
    ("POST /organisations/{id}/contacts", ORGANISATION_EDITORS),
    ("GET /gestion/demarches/{slug}/partenaires", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/partenaires/paliers",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/partenaires/engagements",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/partenaires/contreparties/{id}",
        MANAGERS,
    ),
    // Resources (ressourcerie).
    ("GET /demarches/{slug}/ressources", ALL),
    ("GET /demarches/{slug}/ressources/nouvelle", SIGNED_IN),
    ("UPLOAD /demarches/{slug}/ressources", SIGNED_IN),
    ("GET /demarches/{slug}/ressources/ressources.csv", ALL),
    ("GET /demarches/{slug}/ressources/toutes.csv", FACILITATORS),
    ("GET /ressources/{id}", ALL),
    ("GET /ressources/{id}/modifier", SIGNED_IN),
    ("UPLOAD /ressources/{id}/modifier", SIGNED_IN),
    ("POST /ressources/{id}/statut", FACILITATORS),
    ("GET /gestion/demarches/{slug}/ressources", FACILITATORS),
    (
        "POST /gestion/demarches/{slug}/ressources/modifications/{id}",
        FACILITATORS,
    ),
    (
        "GET /gestion/demarches/{slug}/ressources/import",
        FACILITATORS,
    ),
    (
        "UPLOAD /gestion/demarches/{slug}/ressources/import",
        FACILITATORS,
    ),
    (
        "POST /gestion/demarches/{slug}/ressources/import/confirmation",
        FACILITATORS,
    ),
    // Questionnaires.
    ("GET /demarches/{slug}/questionnaires", ALL),
    ("POST /demarches/{slug}/questionnaires", FACILITATORS),
    ("GET /questionnaires/{id}", ALL),
    ("GET /questionnaires/{id}/sections/{rank}", ALL),
    ("POST /questionnaires/{id}/sections/{rank}", ALL),
    ("GET /questionnaires/{id}/resultats", ALL),
    ("GET /questionnaires/{id}/resultats.xlsx", ALL),
    ("GET /gestion/questionnaires/{id}", FACILITATORS),
    ("POST /gestion/questionnaires/{id}", FACILITATORS),
    ("GET /gestion/questionnaires/{id}/apercu", FACILITATORS),
    ("POST /gestion/questionnaires/{id}/copie", FACILITATORS),
    ("POST /gestion/questionnaires/{id}/sections", FACILITATORS),
    ("POST /gestion/questionnaires/{id}/questions", FACILITATORS),
    (
        "POST /gestion/questionnaires/{id}/questions/{question}",
        FACILITATORS,
    ),
    (
        "POST /gestion/questionnaires/{id}/questions/{question}/suppression",
        FACILITATORS,
    ),
    ("GET /gestion/questionnaires/{id}/saisie", FACILITATORS),
    ("POST /gestion/questionnaires/{id}/saisie", FACILITATORS),
    ("GET /gestion/questionnaires/{id}/import", FACILITATORS),
    ("UPLOAD /gestion/questionnaires/{id}/import", FACILITATORS),
    (
        "POST /gestion/questionnaires/{id}/import/confirmation",
        FACILITATORS,
    ),
    ("GET /gestion/questionnaires/{id}/ponderation", FACILITATORS),
    (
        "POST /gestion/questionnaires/{id}/ponderation",
        FACILITATORS,
    ),
    (
        "POST /gestion/questionnaires/{id}/ponderation/bornes",
        FACILITATORS,
    ),
    (
        "GET /gestion/questionnaires/{id}/representativite",
        FACILITATORS,
    ),
    (
        "GET /gestion/questionnaires/{id}/export/reponses.csv",
        FACILITATORS,
    ),
    (
        "GET /gestion/questionnaires/{id}/export/dictionnaire.xlsx",
        FACILITATORS,
    ),
    // Indicators and evaluation.
    ("GET /demarches/{slug}/indicateurs", ALL),
    ("GET /demarches/{slug}/indicateurs.xlsx", ALL),
    ("GET /gestion/demarches/{slug}/indicateurs", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/indicateurs/cibles",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/indicateurs/nouveau",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/indicateurs/{id}/valeurs",
        MANAGERS,
    ),
    (
        "UPLOAD /gestion/demarches/{slug}/indicateurs/{id}/import",
        MANAGERS,
    ),
    (
        "POST /gestion/demarches/{slug}/indicateurs/{id}/suppression",
        MANAGERS,
    ),
    ("GET /demarches/{slug}/evaluation/finale", ALL),
    ("GET /gestion/demarches/{slug}/evaluation/finale", MANAGERS),
    (
        "POST /gestion/demarches/{slug}/evaluation/mi-parcours",
        MANAGERS,
    ),
];

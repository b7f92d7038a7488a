//! Questionnaires over HTTP: the team builds one (every kind of question, profile questions,
//! conditions that must point backwards), people answer one section per page with conditions
//! deciding what they see, leave and come back where they were, and cannot answer once it
//! closes; paper entry; results with shares and margins of error; edits that would break
//! answers refused with their reason; weighting to typed margins agrees with weightipy on
//! the raking fixture; the demo's weighted results differ from its raw ones; what each role may
//! not do.

use std::collections::HashMap;

use crate::common::{Browser, Page, TestApp};
use axum::http::StatusCode;
use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::features::questionnaires::places::Places;
use concerto::features::questionnaires::rules::{AnswerRow, Question, Section, Source};
use concerto::features::questionnaires::service;
use concerto::features::questionnaires::store::{self, Respondent};

pub(crate) const PROCESS: &str = "aux-actes-citoyens";
pub(crate) const FACILITATOR: &str = "animation@demo.concerto.localhost";
const MANAGER: &str = "gestion@demo.concerto.localhost";
pub(crate) const PARTICIPANT: &str = "habitant@demo.concerto.localhost";

/// The questionnaire id at the end of a redirect to its builder.
fn questionnaire_id(page: &Page) -> i64 {
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
    page.location()
        .trim_start_matches("/gestion/questionnaires/")
        .parse()
        .unwrap_or_else(|_| panic!("{} is not a questionnaire", page.location()))
}

/// Creates a questionnaire through the form; returns its id.
pub(crate) async fn create(team: &mut Browser, title: &str) -> i64 {
    let page = team
        .post(
            &format!("/demarches/{PROCESS}/questionnaires"),
            &[("titre", title)],
        )
        .await;
    questionnaire_id(&page)
}

/// A respondent whose answers came in an imported file.
pub(crate) fn imported() -> Respondent {
    Respondent {
        account_id: None,
        resume_hash: None,
        source: Source::Import,
        event_id: None,
        entered_by: None,
    }
}

/// A facilitator of the demo process signed in, with a new questionnaire: the browser, its
/// id and its first section's id.
pub(crate) async fn started(app: &TestApp, title: &str) -> (Browser, i64, String) {
    let mut team = app.demo_account(FACILITATOR).await;
    let id = create(&mut team, title).await;
    let (sections, _) = questions(app, id).await;
    (team, id, sections[0].id.to_string())
}

/// Adds a question through the builder's form and checks it was accepted.
async fn add_question(team: &mut Browser, id: i64, fields: &[(&str, &str)]) {
    let page = team
        .post(&format!("/gestion/questionnaires/{id}/questions"), fields)
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
}

/// Adds a question of a kind (`type`) with a wording (`libelle`) to a section, with more
/// fields.
pub(crate) async fn ask(
    team: &mut Browser,
    id: i64,
    section: &str,
    kind: &str,
    label: &str,
    more: &[(&str, &str)],
) {
    let mut fields = vec![("section", section), ("type", kind), ("libelle", label)];
    fields.extend_from_slice(more);
    add_question(team, id, &fields).await;
}

/// Publishes a questionnaire open from yesterday, results public.
pub(crate) async fn publish(team: &mut Browser, id: i64, title: &str, closes: Option<&str>) {
    let yesterday = Day::today().plus_days(-1).iso();
    let mut fields = vec![
        ("titre", title),
        ("ouverture", yesterday.as_str()),
        ("publie", "1"),
        ("resultats_publics", "1"),
    ];
    if let Some(closes) = closes {
        fields.push(("cloture", closes));
    }
    let page = team
        .post(&format!("/gestion/questionnaires/{id}"), &fields)
        .await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
}

/// Every question of a questionnaire, by wording.
pub(crate) async fn questions(app: &TestApp, id: i64) -> (Vec<Section>, HashMap<String, Question>) {
    let sections = store::structure(app.db(), id).await.unwrap();
    let by_label = sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .map(|q| (q.label.clone(), q.clone()))
        .collect();
    (sections, by_label)
}

/// A choice's id by its label.
fn choice(question: &Question, label: &str) -> String {
    question
        .choices
        .iter()
        .find(|c| c.label == label)
        .unwrap_or_else(|| panic!("no choice {label}"))
        .id
        .to_string()
}

async fn submitted(app: &TestApp, id: i64) -> usize {
    store::submitted(app.db(), id).await.unwrap().len()
}

#[tokio::test]
async fn the_team_builds_people_answer_section_by_section_and_come_back_where_they_were() {
    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Mobilités").await;

    // Bad questions are refused with the reason next to the field.
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/questions"),
            &[
                ("section", &first),
                ("type", "single"),
                ("libelle", "Un seul choix ?"),
                ("choix", "Oui"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("Écrivez au moins deux choix, un par ligne."));
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/questions"),
            &[
                ("section", &first),
                ("type", "scale"),
                ("libelle", "Note"),
                ("min", "5"),
                ("max", "1"),
            ],
        )
        .await;
    assert!(page.shows("Le maximum doit dépasser le minimum."));

    ask(
        &mut team,
        id,
        &first,
        "profil-age",
        "Votre âge",
        &[("obligatoire", "1")],
    )
    .await;
    ask(
        &mut team,
        id,
        &first,
        "single",
        "Votre mode",
        &[
            ("choix", "Voiture\nBus\nVélo"),
            ("autre", "1"),
            ("obligatoire", "1"),
        ],
    )
    .await;
    ask(
        &mut team,
        id,
        &first,
        "scale",
        "Satisfaction",
        &[
            ("min", "1"),
            ("max", "5"),
            ("bas", "Pas du tout"),
            ("haut", "Tout à fait"),
        ],
    )
    .await;
    // The same profile question twice is refused.
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/questions"),
            &[
                ("section", &first),
                ("type", "profil-age"),
                ("libelle", "Âge encore"),
            ],
        )
        .await;
    assert!(page.shows("Cette question de profil est déjà posée dans le questionnaire."));
    let (_, by_label) = questions(&app, id).await;
    let mode = by_label["Votre mode"].clone();
    assert_eq!(mode.choices.len(), 4, "three choices and « Autre »");
    assert!(mode.choices[3].is_other);

    // A section for bus users only, with a grid.
    let bus = choice(&mode, "Bus");
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/sections"),
            &[("section_titre", "Le bus"), ("condition", &bus)],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (sections, _) = questions(&app, id).await;
    let second = sections[1].id.to_string();
    ask(
        &mut team,
        id,
        &second,
        "matrix",
        "Notez le bus",
        &[("lignes", "Fréquence\nPonctualité"), ("obligatoire", "1")],
    )
    .await;
    ask(
        &mut team,
        id,
        &second,
        "multiple",
        "Quels jours ?",
        &[("choix", "Semaine\nSamedi\nDimanche"), ("max_choix", "2")],
    )
    .await;
    // A condition pointing to a later question is refused.
    let (_, by_label) = questions(&app, id).await;
    let days = by_label["Quels jours ?"].clone();
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/questions"),
            &[
                ("section", &first),
                ("type", "short_text"),
                ("libelle", "Pourquoi ?"),
                ("condition", &choice(&days, "Samedi")),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("La condition doit porter sur un choix d'une question placée avant."));

    // Not published: the public does not see it.
    let mut visitor = app.browser();
    assert_eq!(
        visitor.get(&format!("/questionnaires/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    publish(&mut team, id, "Mobilités", None).await;

    // An anonymous person answers; a refused page keeps what was typed.
    let age = by_label["Votre âge"].clone();
    let young = choice(&age, "15 à 29 ans");
    let start = visitor.get(&format!("/questionnaires/{id}")).await;
    assert!(start.shows("Commencer"));
    let page = visitor
        .get(&format!("/questionnaires/{id}/sections/1"))
        .await;
    assert!(
        page.shows("Section 1 sur 1"),
        "the bus section is hidden until Bus is chosen"
    );
    let section1 = format!("/questionnaires/{id}/sections/1");
    let mode_field = format!("q{}", mode.id);
    let age_field = format!("q{}", age.id);
    let scale_field = format!("q{}", by_label["Satisfaction"].id);
    let page = visitor
        .post(&section1, &[(&mode_field, &bus), (&scale_field, "4")])
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("Répondez à cette question pour continuer."));
    assert!(
        page.body.contains(&format!("value=\"{bus}\" checked")),
        "the choice made stays checked"
    );
    let page = visitor
        .post(
            &section1,
            &[
                (&age_field, &young),
                (&mode_field, &bus),
                (&scale_field, "6"),
            ],
        )
        .await;
    assert!(page.shows("Le nombre doit être entre 1 et 5."));
    let other = choice(&mode, "Autre");
    let page = visitor
        .post(
            &section1,
            &[
                (&age_field, &young),
                (&mode_field, &other),
                (&scale_field, "4"),
            ],
        )
        .await;
    assert!(page.shows("Précisez votre réponse « autre »."));
    assert_eq!(
        submitted(&app, id).await,
        0,
        "nothing was saved from refused pages"
    );
    let page = visitor
        .post(
            &section1,
            &[
                (&age_field, &young),
                (&mode_field, &bus),
                (&scale_field, "4"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(page.location(), format!("/questionnaires/{id}/sections/2"));
    assert!(
        visitor
            .cookies
            .contains_key(&format!("concerto_questionnaire_{id}"))
    );

    // They leave and come back: resumed where they were, with their answers.
    let back = visitor.get(&format!("/questionnaires/{id}")).await;
    assert!(back.shows("Reprendre où vous en étiez"));
    assert!(
        back.body
            .contains(&format!("/questionnaires/{id}/sections/2"))
    );
    let again = visitor.get(&section1).await;
    assert!(again.body.contains(&format!("value=\"{bus}\" checked")));
    assert!(again.shows("Section 1 sur 2"));
    // Skipping ahead is not possible for someone else (no progress: back to the first page).
    let mut stranger = app.browser();
    let skip = stranger
        .get(&format!("/questionnaires/{id}/sections/2"))
        .await;
    assert_eq!(skip.location(), section1);

    let grid = by_label["Notez le bus"].clone();
    let section2 = format!("/questionnaires/{id}/sections/2");
    let row = |n: usize| format!("q{}_{}", grid.id, grid.rows[n].id);
    let days_field = format!("q{}", days.id);
    let page = visitor.post(&section2, &[(&row(0), "3")]).await;
    assert!(
        page.shows("Répondez à cette question pour continuer."),
        "every row of a required grid"
    );
    let page = visitor
        .post(
            &section2,
            &[
                (&row(0), "3"),
                (&row(1), "2"),
                (&days_field, &choice(&days, "Semaine")),
                (&days_field, &choice(&days, "Samedi")),
                (&days_field, &choice(&days, "Dimanche")),
            ],
        )
        .await;
    assert!(page.shows("2 choix au plus."));
    let page = visitor
        .post(
            &section2,
            &[
                (&row(0), "3"),
                (&row(1), "2"),
                (&days_field, &choice(&days, "Samedi")),
            ],
        )
        .await;
    assert_eq!(page.location(), format!("/questionnaires/{id}"));
    assert_eq!(submitted(&app, id).await, 1);
    let done = visitor.get(&format!("/questionnaires/{id}")).await;
    assert!(done.shows("Merci, votre réponse est enregistrée."));
    assert_eq!(
        visitor.get(&section1).await.location(),
        format!("/questionnaires/{id}"),
        "a submitted response is not answered again"
    );

    // A car driver never sees the bus section: submitted after the first page.
    let page = stranger
        .post(
            &section1,
            &[
                (&age_field, &young),
                (&mode_field, &choice(&mode, "Voiture")),
            ],
        )
        .await;
    assert_eq!(page.location(), format!("/questionnaires/{id}"));
    assert_eq!(submitted(&app, id).await, 2);

    // Results: shares and their margins, the grid's means, public as the team said.
    let results = app
        .browser()
        .get(&format!("/questionnaires/{id}/resultats"))
        .await;
    assert_eq!(results.status, StatusCode::OK);
    assert!(results.shows("2 réponses"));
    assert!(results.shows("50,0\u{a0}%"));
    assert!(results.shows("<svg"), "a chart drawn by the server");
    assert!(results.shows("Effectif trop faible pour être lu seul"));
    let stored = store::submitted(app.db(), id).await.unwrap();
    let car = stored
        .iter()
        .find(|s| {
            s.answers
                .iter()
                .any(|a| a.item.to_string() == choice(&mode, "Voiture"))
        })
        .unwrap();
    assert!(
        car.answers.iter().all(|a| a.question_id != grid.id),
        "no grid answer from a car driver"
    );

    // Edits that would break answers are refused with their reason; others go through.
    let edit = format!("/gestion/questionnaires/{id}/questions/{}", mode.id);
    let page = team
        .post(
            &edit,
            &[
                ("libelle", "Votre mode"),
                ("choix", "Voiture\nVélo"),
                ("obligatoire", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("« Bus » a été choisi 1 fois : il ne peut plus être retiré"));
    let page = team
        .post(
            &edit,
            &[
                ("libelle", "Votre mode principal"),
                ("choix", "Voiture\nBus\nVélo\nTram"),
                ("obligatoire", "1"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let (_, by_label) = questions(&app, id).await;
    let renamed = &by_label["Votre mode principal"];
    assert_eq!(renamed.choices.len(), 5);
    assert_eq!(choice(renamed, "Bus"), bus, "kept choices keep their id");
    let delete = team
        .post(
            &format!(
                "/gestion/questionnaires/{id}/questions/{}/suppression",
                mode.id
            ),
            &[],
        )
        .await;
    assert!(delete.shows("Cette question a déjà des réponses"));
    assert!(
        questions(&app, id)
            .await
            .1
            .contains_key("Votre mode principal")
    );

    // Closed: no more answers, nothing saved.
    let yesterday = Day::today().plus_days(-1).iso();
    publish(&mut team, id, "Mobilités", Some(&yesterday)).await;
    let mut late = app.browser();
    assert_eq!(
        late.get(&section1).await.location(),
        format!("/questionnaires/{id}")
    );
    let page = late
        .post(&section1, &[(&age_field, &young), (&mode_field, &bus)])
        .await;
    assert_eq!(page.location(), format!("/questionnaires/{id}"));
    assert_eq!(submitted(&app, id).await, 2);
    assert!(
        late.get(&format!("/questionnaires/{id}"))
            .await
            .shows("Clos")
    );
}

#[tokio::test]
async fn signed_in_answers_are_one_per_account_and_resume_on_another_device() {
    let app = TestApp::with_demo().await;
    let mut team = app.demo_account(MANAGER).await;
    let id = create(&mut team, "Avis").await;
    let (sections, _) = questions(&app, id).await;
    let first = sections[0].id.to_string();
    ask(
        &mut team,
        id,
        &first,
        "short_text",
        "Votre avis",
        &[("obligatoire", "1")],
    )
    .await;
    team.post(
        &format!("/gestion/questionnaires/{id}/sections"),
        &[("section_titre", "Suite")],
    )
    .await;
    let (sections, by_label) = questions(&app, id).await;
    ask(
        &mut team,
        id,
        &sections[1].id.to_string(),
        "number",
        "Votre âge exact",
        &[("min", "15"), ("max", "120")],
    )
    .await;
    let yesterday = Day::today().plus_days(-1).iso();
    team.post(
        &format!("/gestion/questionnaires/{id}"),
        &[
            ("titre", "Avis"),
            ("ouverture", &yesterday),
            ("publie", "1"),
            ("compte", "1"),
        ],
    )
    .await;

    let mut anonymous = app.browser();
    let page = anonymous
        .get(&format!("/questionnaires/{id}/sections/1"))
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER, "an account is needed");
    assert!(
        page.location().starts_with("/connexion"),
        "{}",
        page.location()
    );

    let opinion = format!("q{}", by_label["Votre avis"].id);
    let mut phone = app.demo_account(PARTICIPANT).await;
    let page = phone
        .post(
            &format!("/questionnaires/{id}/sections/1"),
            &[(&opinion, "Plus de bus <le soir>")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    // Another device, the same account: it resumes at the second section, answer kept.
    let mut laptop = app.demo_account(PARTICIPANT).await;
    let page = laptop.get(&format!("/questionnaires/{id}")).await;
    assert!(
        page.body
            .contains(&format!("/questionnaires/{id}/sections/2"))
    );
    let first_page = laptop
        .get(&format!("/questionnaires/{id}/sections/1"))
        .await;
    assert!(first_page.shows("Plus de bus <le soir>"), "kept");
    assert!(!first_page.body.contains("<le soir>"), "and escaped");
    let age = format!("q{}", questions(&app, id).await.1["Votre âge exact"].id);
    let page = laptop
        .post(&format!("/questionnaires/{id}/sections/2"), &[(&age, "12")])
        .await;
    assert!(page.shows("Le nombre doit être entre 15 et 120."));
    let page = laptop
        .post(
            &format!("/questionnaires/{id}/sections/2"),
            &[(&age, "34,5")],
        )
        .await;
    assert_eq!(page.location(), format!("/questionnaires/{id}"));
    // One response per account, however many devices.
    let again = phone.get(&format!("/questionnaires/{id}/sections/1")).await;
    assert_eq!(again.location(), format!("/questionnaires/{id}"));
    assert_eq!(submitted(&app, id).await, 1);
    // Results are not public: the team only.
    assert_eq!(
        phone
            .get(&format!("/questionnaires/{id}/resultats"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        team.get(&format!("/questionnaires/{id}/resultats"))
            .await
            .status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_team_enters_paper_questionnaires_and_lesser_roles_are_refused() {
    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Papier").await;
    ask(
        &mut team,
        id,
        &first,
        "single",
        "Venez-vous à vélo ?",
        &[("choix", "Oui\nNon"), ("obligatoire", "1")],
    )
    .await;
    let (_, by_label) = questions(&app, id).await;
    let bike = by_label["Venez-vous à vélo ?"].clone();
    let yes = choice(&bike, "Oui");
    let more = [("condition", yes.as_str()), ("obligatoire", "1")];
    ask(
        &mut team,
        id,
        &first,
        "long_text",
        "Où garez-vous votre vélo ?",
        &more,
    )
    .await;
    let (_, by_label) = questions(&app, id).await;
    let parking = format!("q{}", by_label["Où garez-vous votre vélo ?"].id);
    let field = format!("q{}", bike.id);
    let paper = format!("/gestion/questionnaires/{id}/saisie");
    let form = team.get(&paper).await;
    assert!(
        form.shows("Répondez si vous avez choisi « Oui » à « Venez-vous à vélo ? »."),
        "the condition is said on the page"
    );
    // The follow-up is required only when its condition holds.
    let page = team.post(&paper, &[(&field, &choice(&bike, "Oui"))]).await;
    assert!(page.shows("Répondez à cette question pour continuer."));
    let page = team
        .post(
            &paper,
            &[(&field, &choice(&bike, "Non")), (&parking, "ignoré")],
        )
        .await;
    assert_eq!(page.location(), paper);
    let facilitator = concerto::features::accounts::users::by_email(app.db(), FACILITATOR)
        .await
        .unwrap()
        .unwrap()
        .id;
    let workshop = crate::common::workshop(app.db(), app_process(&app).await, facilitator)
        .await
        .to_string();
    let page = team
        .post(
            &paper,
            &[
                ("atelier", &workshop),
                (&field, &choice(&bike, "Oui")),
                (&parking, "Devant la mairie"),
            ],
        )
        .await;
    assert_eq!(page.location(), paper);
    let next = team.get(&paper).await;
    assert!(next.shows("Questionnaire enregistré. Vous pouvez saisir le suivant."));
    let stored = store::submitted(app.db(), id).await.unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|s| s.source == Source::Paper));
    assert_eq!(
        stored[0].answers.len(),
        1,
        "the hidden follow-up's text was not kept"
    );
    assert_eq!(stored[1].answers.len(), 2);
    // Preview: the whole questionnaire, no button to save.
    let preview = team
        .get(&format!("/gestion/questionnaires/{id}/apercu"))
        .await;
    assert!(preview.shows("Venez-vous à vélo ?"));
    assert!(!preview.shows("Enregistrer ce questionnaire"));

    // Lesser roles: a participant and a visitor may neither build nor enter nor weight (a
    // draft is not even found; published, it is refused).
    let mut participant = app.demo_account(PARTICIPANT).await;
    let draft = participant
        .get(&format!("/gestion/questionnaires/{id}"))
        .await;
    assert_eq!(draft.status, StatusCode::NOT_FOUND);
    publish(&mut team, id, "Papier", None).await;
    for path in ["", "/saisie", "/apercu", "/ponderation"] {
        let page = participant
            .get(&format!("/gestion/questionnaires/{id}{path}"))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{path}");
    }
    let page = participant
        .post(&paper, &[(&field, &choice(&bike, "Non"))])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = participant
        .post(
            &format!("/demarches/{PROCESS}/questionnaires"),
            &[("titre", "Le mien")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = app
        .browser()
        .get(&format!("/gestion/questionnaires/{id}"))
        .await;
    assert!(
        page.location().starts_with("/connexion"),
        "a visitor signs in first"
    );
    assert_eq!(submitted(&app, id).await, 2);

    // Copied to another process the manager runs: structure and conditions, no answers.
    let mut manager = app.demo_account(MANAGER).await;
    let clone = manager
        .post(
            &format!("/gestion/demarches/{PROCESS}/copie"),
            &[
                ("copy_title", "Une autre démarche"),
                ("copy_slug", "autre-demarche"),
            ],
        )
        .await;
    assert_eq!(
        clone.status,
        StatusCode::SEE_OTHER,
        "{}",
        clone.main_content()
    );
    let page = manager
        .post(
            &format!("/gestion/questionnaires/{id}/copie"),
            &[("demarche", "autre-demarche")],
        )
        .await;
    let copy = questionnaire_id(&page);
    let (_, copied) = questions(&app, copy).await;
    let follow_up = &copied["Où garez-vous votre vélo ?"];
    assert_eq!(
        follow_up.shown_if_choice.map(|c| c.to_string()),
        Some(choice(&copied["Venez-vous à vélo ?"], "Oui"))
    );
    assert_ne!(follow_up.id, by_label["Où garez-vous votre vélo ?"].id);
    assert_eq!(submitted(&app, copy).await, 0);
    // A participant cannot copy it anywhere.
    let page = participant
        .post(
            &format!("/gestion/questionnaires/{id}/copie"),
            &[("demarche", "autre-demarche")],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

async fn app_process(app: &TestApp) -> i64 {
    processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The raking fixture's respondents and margins (`crates/raking/tests/fixtures`).
fn fixture(name: &str) -> Vec<Vec<String>> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/crates/raking/tests/fixtures/");
    std::fs::read_to_string(format!("{path}{name}"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn weighting_to_typed_margins_agrees_with_weightipy_and_says_what_it_cannot_reach() {
    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Redressement").await;
    ask(&mut team, id, &first, "profil-age", "Âge", &[]).await;
    ask(&mut team, id, &first, "profil-sex", "Sexe", &[]).await;
    ask(&mut team, id, &first, "profil-commune", "Commune", &[]).await;
    ask(
        &mut team,
        id,
        &first,
        "single",
        "Pour le tram ?",
        &[("choix", "Oui\nNon")],
    )
    .await;
    let (sections, q) = questions(&app, id).await;
    // The fixture's four zones stand for four communes of the demo.
    let zones = HashMap::from([
        ("Montbéliard", "25388"),
        ("Belfort", "90010"),
        ("Héricourt", "70285"),
        ("Sud Territoire", "90033"),
    ]);
    let sex_code = |s: &str| if s == "femme" { "F" } else { "H" };
    let people = fixture("respondents.csv");
    let row = |question: &Question, code: &str| AnswerRow {
        question_id: question.id,
        item: question.choices.iter().find(|c| c.code == code).unwrap().id,
        number: None,
        text: None,
    };
    let responses: Vec<(Respondent, Vec<AnswerRow>)> = people
        .iter()
        .enumerate()
        .map(|(n, p)| {
            let respondent = imported();
            let yes_no = if n % 3 == 0 { "1" } else { "2" };
            let rows = vec![
                row(&q["Âge"], &p[1]),
                row(&q["Sexe"], sex_code(&p[2])),
                AnswerRow {
                    question_id: q["Commune"].id,
                    item: 0,
                    number: None,
                    text: Some(zones[p[3].as_str()].to_owned()),
                },
                row(&q["Pour le tram ?"], yes_no),
            ];
            (respondent, rows)
        })
        .collect();
    store::submit_many(app.db(), id, &responses, sections.len() as i64)
        .await
        .unwrap();

    // Margins typed by the team; a margin that does not sum to 100 is refused.
    let weighting = format!("/gestion/questionnaires/{id}/ponderation");
    let margins = fixture("margins.csv");
    let typed = |variable: &str,
                 question: &Question,
                 code: &dyn Fn(&str) -> String|
     -> Vec<(String, String)> {
        let mut fields = vec![("question".to_owned(), question.id.to_string())];
        for m in margins.iter().filter(|m| m[0] == variable) {
            fields.push((
                format!("part_{}_{}", question.id, code(&m[1])),
                m[2].replace('.', ","),
            ));
        }
        fields
    };
    let as_fields = |fields: &[(String, String)]| {
        fields
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect::<Vec<_>>()
    };
    let mut age = typed("age", &q["Âge"], &|c| c.to_owned());
    age[1].1 = "30".into();
    let pairs = as_fields(&age);
    let refs: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page = team.post(&weighting, &refs).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("Les parts totalisent 107,0 % : il faut 100 %."));
    for fields in [
        typed("age", &q["Âge"], &|c| c.to_owned()),
        typed("sexe", &q["Sexe"], &|c| sex_code(c).to_owned()),
        typed("zone", &q["Commune"], &|c| zones[c].to_owned()),
    ] {
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let page = team.post(&weighting, &refs).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{}",
            page.main_content()
        );
    }

    // The weights equal weightipy's to 1e-6, in the fixture's order.
    let structure = store::structure(app.db(), id).await.unwrap();
    let stored = store::submitted(app.db(), id).await.unwrap();
    let margins_stored = store::margins(app.db(), id).await.unwrap();
    let (weights, outcome) = service::weigh(
        &structure,
        &stored,
        &margins_stored,
        &Places::default(),
        None,
    );
    assert!(
        matches!(outcome, service::Weighting::Raked { .. }),
        "{outcome:?}"
    );
    let expected = fixture("weightipy_weights.csv");
    assert_eq!(weights.len(), expected.len());
    for (w, e) in weights.iter().zip(&expected) {
        let e: f64 = e[1].parse().unwrap();
        assert!((w - e).abs() < 1e-6, "{w} against weightipy's {e}");
    }
    // The report says it converged, with the targets reached.
    let report = team.get(&weighting).await;
    assert!(report.shows("Convergé en"));
    assert!(report.shows("23,0\u{a0}%"));
    assert!(report.shows("Effet de plan (Kish)"));
    let results = team.get(&format!("/questionnaires/{id}/resultats")).await;
    assert!(results.shows("Part redressée"));
    assert!(results.shows("Résultats redressés sur la population du territoire."));

    // Bounds outside the mean are refused; a category no one is in is named.
    let page = team
        .post(
            &format!("{weighting}/bornes"),
            &[("min", "2"), ("max", "3")],
        )
        .await;
    assert!(page.shows("Deux nombres : un minimum entre 0 et 1"));
    let page = team
        .post(
            &format!("{weighting}/bornes"),
            &[("min", "0,5"), ("max", "2")],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let report = team.get(&weighting).await;
    assert!(report.shows("Poids bornés"));
    let commune = q["Commune"].id;
    let page = team
        .post(
            &weighting,
            &[
                ("question", &commune.to_string()),
                (&format!("part_{commune}_25388"), "50"),
                (&format!("part_{commune}_25031"), "50"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let report = team.get(&weighting).await;
    assert!(report.shows("Aucun répondant dans « Audincourt » (« Commune »)"));
    let results = team.get(&format!("/questionnaires/{id}/resultats")).await;
    assert!(
        results.shows("Aucun répondant dans « Audincourt »"),
        "results say they stay raw"
    );
    assert!(!results.shows("Part redressée"));
}

#[tokio::test]
async fn the_demo_questionnaire_shows_weighted_results_that_differ_from_raw_ones() {
    let app = TestApp::with_living_demo().await;
    let process = app_process(&app).await;
    let (questionnaire, count) = store::of_process(app.db(), process)
        .await
        .unwrap()
        .remove(0);
    assert_eq!(count, 3_000);
    let id = questionnaire.id;
    let mut visitor = app.browser();
    let weighted = visitor
        .get(&format!("/questionnaires/{id}/resultats"))
        .await;
    assert_eq!(weighted.status, StatusCode::OK);
    assert!(weighted.shows("Résultats redressés sur la population du territoire."));
    let raw = visitor
        .get(&format!("/questionnaires/{id}/resultats?ponderation=0"))
        .await;
    // The young answered far less than their share: raw, 15–29 year olds are a few percent;
    // weighted, they weigh what the census says.
    let share_of_young = |page: &Page| -> f64 {
        let text = page.main_content();
        let at = text.find("15 à 29 ans</th>").expect("the age table");
        let row = &text[at..at + text[at..].find("</tr>").unwrap()];
        let cells: Vec<&str> = row.split("<td class=\"number\">").skip(1).collect();
        let last = cells.last().unwrap();
        last[..last.find('\u{a0}').unwrap()]
            .replace(',', ".")
            .parse()
            .unwrap()
    };
    let (raw_share, weighted_share) = (share_of_young(&raw), share_of_young(&weighted));
    assert!(raw_share < 10.0, "raw {raw_share}");
    assert!(weighted_share > 15.0, "weighted {weighted_share}");
    // Filters: one EPCI, one profile.
    let settings = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let epci = concerto::features::territories::store::at_level(app.db(), "epci")
        .await
        .unwrap()[0]
        .id;
    let filtered = visitor
        .get(&format!("/questionnaires/{id}/resultats?lieu={epci}"))
        .await;
    assert!(filtered.shows("retenues par les filtres"));
    assert_eq!(settings.slug, PROCESS);

    // Representativeness: the young are named among the publics least heard, the map and
    // the tables say answers per 1,000 inhabitants; the team only.
    let path = format!("/gestion/questionnaires/{id}/representativite");
    let mut team = app.demo_account(FACILITATOR).await;
    let page = team.get(&path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Les publics les moins entendus"));
    assert!(page.shows("les 15 à 29 ans de "), "{}", page.main_content());
    assert!(page.shows("Réponses pour 1 000 habitants"));
    assert!(
        page.body.contains("<svg"),
        "a choropleth drawn by the server"
    );
    assert!(
        page.shows("Votre âge : 15 à 29 ans"),
        "the age categories against the population"
    );
    let mut participant = app.demo_account(PARTICIPANT).await;
    assert_eq!(participant.get(&path).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn answers_export_with_their_codebook_and_import_back_unchanged() {
    use concerto::platform::tables::Table;
    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Aller-retour").await;
    ask(
        &mut team,
        id,
        &first,
        "single",
        "Mode",
        &[
            ("choix", "Voiture\nBus"),
            ("autre", "1"),
            ("obligatoire", "1"),
        ],
    )
    .await;
    ask(
        &mut team,
        id,
        &first,
        "multiple",
        "Jours",
        &[("choix", "Semaine\nWeek-end")],
    )
    .await;
    ask(
        &mut team,
        id,
        &first,
        "matrix",
        "Notes",
        &[("lignes", "Prix\nConfort"), ("min", "0"), ("max", "10")],
    )
    .await;
    ask(&mut team, id, &first, "profil-commune", "Commune", &[]).await;
    ask(&mut team, id, &first, "number", "Minutes", &[]).await;
    let (_, q) = questions(&app, id).await;
    let paper = format!("/gestion/questionnaires/{id}/saisie");
    let field = |label: &str| format!("q{}", q[label].id);
    let row = |label: &str, n: usize| format!("q{}_{}", q[label].id, q[label].rows[n].id);
    let other = format!("q{}_autre", q["Mode"].id);
    let entries: [Vec<(String, String)>; 2] = [
        vec![
            (field("Mode"), choice(&q["Mode"], "Autre")),
            (other.clone(), "Trottinette; « électrique »".into()),
            (field("Jours"), choice(&q["Jours"], "Semaine")),
            (field("Jours"), choice(&q["Jours"], "Week-end")),
            (row("Notes", 0), "7".into()),
            (field("Commune"), "90010".into()),
            (field("Minutes"), "12,5".into()),
        ],
        vec![
            (field("Mode"), choice(&q["Mode"], "Bus")),
            (row("Notes", 1), "3".into()),
        ],
    ];
    for entry in &entries {
        let fields: Vec<(&str, &str)> = entry
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(team.post(&paper, &fields).await.location(), paper);
    }
    let before = store::submitted(app.db(), id).await.unwrap();

    // The answers: codes, labels, weights, one column per choice and grid row.
    let csv = team
        .get(&format!("/gestion/questionnaires/{id}/export/reponses.csv"))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let table = Table::read(csv.body.as_bytes()).unwrap();
    assert_eq!(
        table.headers,
        [
            "reponse",
            "source",
            "soumise_le",
            "poids",
            "q1",
            "q1_libelle",
            "q1_autre",
            "q2_1",
            "q2_2",
            "q3_1",
            "q3_2",
            "q4",
            "q4_libelle",
            "q5"
        ]
    );
    let first_row = &table.rows[0].1;
    assert_eq!(
        &first_row[4..],
        [
            "3",
            "Autre",
            "Trottinette; « électrique »",
            "1",
            "1",
            "7",
            "",
            "90010",
            "Belfort",
            "12.5"
        ]
    );
    assert_eq!(first_row[1], "paper");
    assert_eq!(first_row[3], "1");
    let second = &table.rows[1].1;
    assert_eq!(
        &second[4..8],
        ["2", "Bus", "", ""],
        "an unanswered multiple choice stays empty"
    );
    let codebook = team
        .get(&format!(
            "/gestion/questionnaires/{id}/export/dictionnaire.csv"
        ))
        .await;
    assert!(codebook.shows("Q1;Mode;Choix unique;;"));
    assert!(codebook.shows("Q1;Mode;;2;Bus"));
    let xlsx = team
        .get(&format!(
            "/gestion/questionnaires/{id}/export/reponses.xlsx"
        ))
        .await;
    assert_eq!(&xlsx.bytes[..2], b"PK");
    let json = team
        .get(&format!(
            "/gestion/questionnaires/{id}/export/reponses.json"
        ))
        .await;
    let parsed: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(parsed[0]["Q1_autre"], "Trottinette; « électrique »");
    let results = app
        .browser()
        .get(&format!("/questionnaires/{id}/resultats.xlsx"))
        .await;
    assert_eq!(
        results.status,
        StatusCode::NOT_FOUND,
        "results are not public"
    );
    let results = team
        .get(&format!("/questionnaires/{id}/resultats.xlsx"))
        .await;
    assert_eq!(&results.bytes[..2], b"PK");

    // The export imports back: the same answers, as new responses; a bad row is refused by
    // name and the good ones kept.
    let mut file = csv.body.clone();
    file.push_str("x;import;;1;9;;;;;;;;;\n");
    file.push_str("y;import;;1;2;;;1;0;11;;;;\n");
    let page = team
        .post_multipart(
            &format!("/gestion/questionnaires/{id}/import"),
            &[],
            ("file", "reponses.csv", &file),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.main_content());
    assert!(page.shows("Q1 : « 9 » n'est pas un code de la question."));
    assert!(page.shows("Q3 (« Notes ») : Le nombre doit être entre 0 et 10."));
    assert_eq!(submitted(&app, id).await, 2, "a dry run stores nothing");
    let page = team
        .post(
            &format!("/gestion/questionnaires/{id}/import/confirmation"),
            &[("content", &file)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let after = store::submitted(app.db(), id).await.unwrap();
    assert_eq!(after.len(), 4, "two good rows kept, two refused");
    let sorted = |rows: &[AnswerRow]| {
        let mut rows: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.question_id,
                    r.item,
                    r.number.map(|n| n.to_string()),
                    r.text.clone(),
                )
            })
            .collect();
        rows.sort();
        rows
    };
    for (original, imported) in before.iter().zip(&after[2..]) {
        assert_eq!(imported.source, Source::Import);
        assert_eq!(sorted(&original.answers), sorted(&imported.answers));
    }

    // A column no question has refuses the file, naming it.
    let page = team
        .post_multipart(
            &format!("/gestion/questionnaires/{id}/import"),
            &[],
            ("file", "x.csv", "Q1;Q42\n1;2\n"),
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("Colonnes inconnues : q42"));
    // Participants may not export nor import.
    let mut participant = app.demo_account(PARTICIPANT).await;
    publish(&mut team, id, "Aller-retour", None).await;
    let page = participant
        .get(&format!("/gestion/questionnaires/{id}/export/reponses.csv"))
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = participant
        .post(
            &format!("/gestion/questionnaires/{id}/import/confirmation"),
            &[("content", &file)],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(submitted(&app, id).await, 4);
}

#[tokio::test]
async fn the_same_section_saved_twice_at_once_keeps_one_answer_per_question() {
    use concerto::features::questionnaires::rules::Kind;
    use concerto::features::questionnaires::store::{QuestionDraft, Saving, Settings};
    let app = TestApp::with_demo().await;
    let db = app.db();
    let process = app_process(&app).await;
    let settings = Settings {
        title: "Double clic".into(),
        ..Settings::default()
    };
    let id = store::create(db, process, &settings, "Vous", None)
        .await
        .unwrap();
    let section = store::structure(db, id).await.unwrap()[0].id;
    let draft = QuestionDraft {
        kind: Kind::Number,
        profile: None,
        label: "Minutes".into(),
        help: String::new(),
        required: true,
        min_value: None,
        max_value: None,
        max_choices: None,
        low_label: String::new(),
        high_label: String::new(),
        shown_if_choice: None,
        choices: Vec::new(),
        rows: Vec::new(),
    };
    let question = store::add_question(db, id, section, &draft).await.unwrap();
    let respondent = Respondent {
        account_id: None,
        resume_hash: None,
        source: Source::Online,
        event_id: None,
        entered_by: None,
    };
    let row = |n: f64| AnswerRow {
        question_id: question,
        item: 0,
        number: Some(n),
        text: None,
    };
    let first = [row(10.0)];
    let start = Saving {
        response_id: None,
        respondent: &respondent,
        replaced: &[question],
        rows: &first,
        next_section: 0,
        submit: false,
    };
    let response = store::save(db, id, &start).await.unwrap();
    for round in 0..20 {
        let (a, b) = (row(round as f64), row(round as f64 + 0.5));
        let (one, two) = ([a], [b]);
        let left = Saving {
            response_id: Some(response),
            respondent: &respondent,
            replaced: std::slice::from_ref(&question),
            rows: &one,
            next_section: 0,
            submit: false,
        };
        let right = Saving {
            response_id: Some(response),
            respondent: &respondent,
            replaced: std::slice::from_ref(&question),
            rows: &two,
            next_section: 0,
            submit: false,
        };
        let (l, r) = tokio::join!(store::save(db, id, &left), store::save(db, id, &right));
        l.unwrap();
        r.unwrap();
        let answers = store::answers_of(db, response).await.unwrap();
        assert_eq!(
            answers.len(),
            1,
            "round {round}: one answer, the last saved"
        );
    }
}

//! The ressourcerie and the budget over HTTP: the team publishes resources (a link, a file
//! judged by its bytes), anyone finds them by search and filters, a carrier sees those that
//! fit their solution (funding past its deadline left out, by itself as days pass); anyone
//! signed in suggests a resource or an edit, which waits for the team; open data and a CSV
//! import with a dry run; a public budget with shares of its total and partners' engagements
//! summed in; what each role may not do.

use crate::common::{Browser, Page, TestApp};
use crate::solutions::media::a_solution;
use axum::http::StatusCode;
use concerto::features::processes;
use concerto::features::processes::rules::Day;
use concerto::features::resources::rules::Publication;
use concerto::features::resources::{service, store};

const PROCESS: &str = "aux-actes-citoyens";
const MANAGER: &str = "gestion@demo.concerto.localhost";
const FACILITATOR: &str = "animation@demo.concerto.localhost";

/// The id at the end of a redirect to `/ressources/{id}`.
fn resource_id(page: &Page) -> i64 {
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
    page.location()
        .trim_start_matches("/ressources/")
        .parse()
        .unwrap_or_else(|_| panic!("{} is not a resource", page.location()))
}

/// A resource's form fields: a kind, a title, a summary and the extra fields given.
fn resource_fields<'a>(
    kind: &'a str,
    title: &'a str,
    extra: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("type", kind),
        ("titre", title),
        ("resume", "Pour les porteurs de projets du territoire."),
        ("statut", "published"),
    ];
    fields.extend_from_slice(extra);
    fields
}

/// Adds a resource through the form (no file); returns its id.
async fn add(browser: &mut Browser, kind: &str, title: &str, extra: &[(&str, &str)]) -> i64 {
    let page = browser
        .post_file(
            &format!("/demarches/{PROCESS}/ressources"),
            &resource_fields(kind, title, extra),
            ("fichier", "", b""),
        )
        .await;
    resource_id(&page)
}

async fn process_id(app: &TestApp) -> i64 {
    processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test]
async fn the_team_publishes_anyone_finds_and_a_carrier_sees_what_fits_their_solution() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account(MANAGER).await;
    let today = Day::today();
    let ahead = today.plus_days(30).iso();
    let past = today.plus_days(-1).iso();

    // A funding opportunity for ideas, with a PDF kept by the server.
    let pdf = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
    let page = manager
        .post_file(
            &format!("/demarches/{PROCESS}/ressources"),
            &resource_fields(
                "funding",
                "Bourse aux vélos partagés",
                &[
                    ("etapes", "idea"),
                    ("financeur", "Région Bourgogne-Franche-Comté"),
                    ("montant_min", "1 000"),
                    ("montant_max", "5 000 €"),
                    ("echeance", &ahead),
                    ("recurrence", "recurring"),
                    ("licence", "Licence Ouverte 2.0"),
                ],
            ),
            ("fichier", "reglement.pdf", pdf),
        )
        .await;
    let funding = resource_id(&page);
    let expired = add(
        &mut manager,
        "funding",
        "Appel à projets clos des ateliers vélo",
        &[("etapes", "idea"), ("echeance", &past)],
    )
    .await;
    let epci = concerto::features::territories::store::by_level_code(app.db(), "epci", "200069052")
        .await
        .unwrap()
        .unwrap();
    let theme = processes::store::themes(app.db(), process_id(&app).await)
        .await
        .unwrap()[9]
        .id;
    let elsewhere = add(
        &mut manager,
        "guide",
        "Guide de la mobilité rurale",
        &[
            ("themes", &theme.to_string()),
            ("perimetre", &epci.id.to_string()),
        ],
    )
    .await;

    // Anyone: the page, its file, the list with search and filters.
    let mut visitor = app.browser();
    let shown = visitor.get(&format!("/ressources/{funding}")).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.shows("Région Bourgogne-Franche-Comté"));
    assert!(
        shown.shows("de 1\u{202f}000\u{a0}€ à 5\u{202f}000\u{a0}€"),
        "{}",
        shown.main_content()
    );
    let media = store::by_id(app.db(), funding)
        .await
        .unwrap()
        .unwrap()
        .media_id
        .unwrap();
    let file = visitor.get(&format!("/medias/{media}")).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/pdf");
    let list = visitor
        .get(&format!("/demarches/{PROCESS}/ressources"))
        .await;
    assert!(list.shows("Bourse aux vélos partagés"));
    assert!(list.shows("Guide de la mobilité rurale"));
    assert!(!list.shows("Appel à projets clos"), "past its deadline");
    let with_past = visitor
        .get(&format!("/demarches/{PROCESS}/ressources?echues=1"))
        .await;
    assert!(with_past.shows("Appel à projets clos"));
    assert!(with_past.shows("échéance passée"));
    let searched = visitor
        .get(&format!("/demarches/{PROCESS}/ressources?q=v%C3%A9lo"))
        .await;
    assert!(
        searched.shows("Bourse aux vélos partagés"),
        "vélo finds vélos"
    );
    assert!(!searched.shows("Guide de la mobilité rurale"));
    let guides = visitor
        .get(&format!("/demarches/{PROCESS}/ressources?type=guide"))
        .await;
    assert!(guides.shows("Guide de la mobilité rurale"));
    assert!(!guides.shows("Bourse aux vélos partagés"));
    let in_belfort = visitor
        .get(&format!("/demarches/{PROCESS}/ressources?lieu={}", epci.id))
        .await;
    assert!(
        in_belfort.shows("Guide de la mobilité rurale"),
        "its perimeter"
    );
    assert!(
        in_belfort.shows("Bourse aux vélos partagés"),
        "the whole territory"
    );

    // A solution at its first stage, without theme: the open funding fits; the expired one,
    // the themed one elsewhere do not.
    let mut carrier = app.signed_in("porteuse@exemple.fr", "Porteuse").await;
    let solution = a_solution(&app, &mut carrier).await;
    let solution_page = visitor.get(&format!("/solutions/{solution}")).await;
    assert!(solution_page.shows("Ressources utiles"));
    assert!(solution_page.shows("Bourse aux vélos partagés"));
    assert!(!solution_page.shows("Appel à projets clos"));
    assert!(!solution_page.shows("Guide de la mobilité rurale"));

    // Days pass: the funding leaves the suggestions by itself once its deadline is behind.
    let stored = concerto::features::solutions::store::by_id(app.db(), solution)
        .await
        .unwrap()
        .unwrap();
    let process = processes::store::by_slug(app.db(), PROCESS)
        .await
        .unwrap()
        .unwrap();
    let settings = app
        .state
        .processes
        .settings(app.db(), &process)
        .await
        .unwrap();
    let (_, catalogue) = service::catalogue(app.db(), &app.state.resources, process.id)
        .await
        .unwrap();
    let suggested_on = |day: Day| -> Vec<i64> {
        let context = service::context_of(
            &settings,
            stored.theme_id,
            stored.progress,
            stored.territory_id,
            day,
        );
        service::suggestions(&catalogue, &context)
            .iter()
            .map(|e| e.resource.id)
            .collect()
    };
    assert!(suggested_on(today).contains(&funding));
    assert!(
        suggested_on(today.plus_days(30)).contains(&funding),
        "its last day"
    );
    assert!(!suggested_on(today.plus_days(31)).contains(&funding));
    assert!(!suggested_on(today).contains(&expired));
    assert!(!suggested_on(today).contains(&elsewhere));

    // A forged file, a reversed range, an unknown link: refused, nothing stored.
    let before = store::all(app.db(), process.id).await.unwrap().len();
    let forged = manager
        .post_file(
            &format!("/demarches/{PROCESS}/ressources"),
            &resource_fields("guide", "Un faux PDF", &[]),
            (
                "fichier",
                "guide.pdf",
                b"<html><script>alert(1)</script></html>",
            ),
        )
        .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(forged.shows("ni une image JPEG, PNG ou WebP lisible, ni un document PDF"));
    let reversed = manager
        .post_file(
            &format!("/demarches/{PROCESS}/ressources"),
            &resource_fields(
                "funding",
                "Montants à l'envers",
                &[
                    ("montant_min", "9000"),
                    ("montant_max", "100"),
                    ("lien", "pas une adresse"),
                ],
            ),
            ("fichier", "", b""),
        )
        .await;
    assert_eq!(reversed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reversed.shows("Le minimum dépasse le maximum."));
    assert!(reversed.shows("Saisissez une adresse web complète"));
    assert!(
        reversed.shows("value=\"Montants à l'envers\""),
        "what was typed is kept"
    );
    assert_eq!(
        store::all(app.db(), process.id).await.unwrap().len(),
        before
    );

    // Open data: the published ones for everyone, every status for the team only.
    let json = visitor
        .get(&format!("/demarches/{PROCESS}/ressources/ressources.json"))
        .await;
    let rows: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let bourse = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["titre"] == "Bourse aux vélos partagés")
        .unwrap();
    assert_eq!(bourse["montant_max"], 5000);
    assert_eq!(bourse["echeance"], ahead.as_str());
    assert!(
        bourse["fichier"]
            .as_str()
            .unwrap()
            .ends_with(&format!("/medias/{media}"))
    );
    let guide = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["titre"] == "Guide de la mobilité rurale")
        .unwrap();
    assert_eq!(guide["perimetre"], "200069052");
    assert_eq!(
        visitor
            .get(&format!("/demarches/{PROCESS}/ressources/toutes.csv"))
            .await
            .status,
        StatusCode::SEE_OTHER,
        "sign in first"
    );
    assert_eq!(
        carrier
            .get(&format!("/demarches/{PROCESS}/ressources/toutes.csv"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let all = manager
        .get(&format!("/demarches/{PROCESS}/ressources/toutes.csv"))
        .await;
    assert_eq!(all.status, StatusCode::OK);
    assert!(all.body.contains("Appel à projets clos des ateliers vélo"));
}

#[tokio::test]
async fn suggestions_and_edits_wait_for_the_team_which_alone_moves_the_workflow() {
    let app = TestApp::with_demo().await;
    let mut rose = app.signed_in("rose@exemple.fr", "Rose").await;
    let mut visitor = app.browser();

    // Rose suggests a resource: it waits for review, seen by her and the team only.
    let mut fields = resource_fields("place", "La salle des fêtes", &[("publics", "citizens")]);
    fields.retain(|(k, _)| *k != "statut");
    fields.push(("statut", "published"));
    let page = rose
        .post_file(
            &format!("/demarches/{PROCESS}/ressources"),
            &fields,
            ("fichier", "plan.pdf", b"%PDF-1.4\n%%EOF\n"),
        )
        .await;
    let id = resource_id(&page);
    let media = store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap()
        .media_id
        .unwrap();
    assert_eq!(
        visitor.get(&format!("/medias/{media}")).await.status,
        StatusCode::NOT_FOUND,
        "its file is hidden until it is published"
    );
    let stored = store::by_id(app.db(), id).await.unwrap().unwrap();
    assert_eq!(stored.status, Publication::Review, "she cannot publish");
    assert_eq!(
        visitor.get(&format!("/ressources/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        rose.get(&format!("/ressources/{id}")).await.status,
        StatusCode::OK
    );
    assert!(
        !visitor
            .get(&format!("/demarches/{PROCESS}/ressources"))
            .await
            .shows("La salle des fêtes")
    );
    for path in [
        format!("/gestion/demarches/{PROCESS}/ressources"),
        format!("/gestion/demarches/{PROCESS}/ressources/import"),
    ] {
        assert_eq!(
            rose.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let moved = rose
        .post(
            &format!("/ressources/{id}/statut"),
            &[("statut", "published")],
        )
        .await;
    assert_eq!(moved.status, StatusCode::FORBIDDEN);

    // A facilitator reviews it and publishes it; an impossible move is refused.
    let mut facilitator = app.demo_account(FACILITATOR).await;
    let queue = facilitator
        .get(&format!("/gestion/demarches/{PROCESS}/ressources"))
        .await;
    assert_eq!(queue.status, StatusCode::OK);
    assert!(queue.shows("La salle des fêtes"));
    let archived_from_review = facilitator
        .post(
            &format!("/ressources/{id}/statut"),
            &[("statut", "archived")],
        )
        .await;
    assert_eq!(archived_from_review.status, StatusCode::BAD_REQUEST);
    let published = facilitator
        .post(
            &format!("/ressources/{id}/statut"),
            &[("statut", "published")],
        )
        .await;
    assert_eq!(published.status, StatusCode::SEE_OTHER);
    assert_eq!(
        visitor.get(&format!("/ressources/{id}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        visitor.get(&format!("/medias/{media}")).await.status,
        StatusCode::OK
    );

    // Rose suggests an edit: the resource does not change until the team accepts it.
    let mut edit = resource_fields(
        "place",
        "La salle des fêtes de Bavans",
        &[("publics", "citizens")],
    );
    edit.push(("note", "Le nom complet"));
    let suggested = rose
        .post_file(
            &format!("/ressources/{id}/modifier"),
            &edit,
            ("fichier", "", b""),
        )
        .await;
    assert_eq!(suggested.status, StatusCode::SEE_OTHER);
    assert_eq!(
        store::by_id(app.db(), id).await.unwrap().unwrap().title,
        "La salle des fêtes"
    );
    let queue = facilitator
        .get(&format!("/gestion/demarches/{PROCESS}/ressources"))
        .await;
    assert!(
        queue.shows("La salle des fêtes de Bavans"),
        "the change shown"
    );
    assert!(queue.shows("Le nom complet"));
    let process = process_id(&app).await;
    let pending = store::pending_edits(app.db(), process).await.unwrap();
    assert_eq!(pending.len(), 1);
    let decide = format!(
        "/gestion/demarches/{PROCESS}/ressources/modifications/{}",
        pending[0].id
    );
    assert_eq!(
        rose.post(&decide, &[("decision", "accepter")]).await.status,
        StatusCode::FORBIDDEN
    );
    let accepted = facilitator.post(&decide, &[("decision", "accepter")]).await;
    assert_eq!(accepted.status, StatusCode::SEE_OTHER);
    assert_eq!(
        store::by_id(app.db(), id).await.unwrap().unwrap().title,
        "La salle des fêtes de Bavans"
    );
    let again = facilitator.post(&decide, &[("decision", "refuser")]).await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);
    assert!(
        store::pending_edits(app.db(), process)
            .await
            .unwrap()
            .is_empty()
    );
    let page = visitor.get(&format!("/ressources/{id}")).await;
    assert!(page.shows("La salle des fêtes de Bavans"));

    // A refused edit leaves it as it is.
    let other = resource_fields("place", "Autre nom", &[]);
    rose.post_file(
        &format!("/ressources/{id}/modifier"),
        &other,
        ("fichier", "", b""),
    )
    .await;
    let pending = store::pending_edits(app.db(), process).await.unwrap();
    let refused = facilitator
        .post(
            &format!(
                "/gestion/demarches/{PROCESS}/ressources/modifications/{}",
                pending[0].id
            ),
            &[("decision", "refuser")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::SEE_OTHER);
    assert_eq!(
        store::by_id(app.db(), id).await.unwrap().unwrap().title,
        "La salle des fêtes de Bavans"
    );

    // Archived: gone from the public page, the team still reads it.
    facilitator
        .post(
            &format!("/ressources/{id}/statut"),
            &[("statut", "archived")],
        )
        .await;
    assert_eq!(
        visitor.get(&format!("/ressources/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        facilitator.get(&format!("/ressources/{id}")).await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_csv_import_shows_each_row_first_then_keeps_the_good_ones_and_names_the_others() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account(MANAGER).await;
    let id = add(&mut manager, "tool", "Un tableur partagé", &[]).await;
    let export = manager
        .get(&format!("/demarches/{PROCESS}/ressources/ressources.csv"))
        .await;
    let header = export
        .body
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_owned();
    assert!(header.starts_with("id;type;titre;resume;lien"), "{header}");
    let file = format!(
        "{header}\n\
         {id};tool;Un tableur partagé et libre;Pour les porteurs de projets du territoire.;;;;;;;;;;;;;;;;published;\n\
         ;Guide;Guide du bénévolat;Recruter et garder ses bénévoles.;https://exemple.fr/benevoles;;Solidarité;Idée | Projet;associations;200065647;Exemple;;;;;;;;;;\n\
         ;guide;Un guide au thème inconnu;Texte.;;;Astronomie;;;;;;;;;;;;;;\n\
         ;funding;Montants inversés;Texte.;;;;;;;;;Région;9000;100;;;;;;;\n\
         ;guide;;Sans titre.;;;;;;;;;;;;;;;;;\n"
    );
    let process = process_id(&app).await;
    let dry = manager
        .post_multipart(
            &format!("/gestion/demarches/{PROCESS}/ressources/import"),
            &[],
            ("file", "ressources.csv", &file),
        )
        .await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.main_content());
    assert!(
        dry.shows("1 à créer, 1 à mettre à jour, 0 inchangées, 3 refusées."),
        "{}",
        dry.main_content()
    );
    assert!(dry.shows("Astronomie"), "the unknown theme named");
    assert!(dry.shows("Le minimum dépasse le maximum."));
    assert_eq!(
        store::all(app.db(), process).await.unwrap().len(),
        1,
        "nothing stored yet"
    );
    let done = manager
        .post(
            &format!("/gestion/demarches/{PROCESS}/ressources/import/confirmation"),
            &[("content", &file)],
        )
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.main_content());
    let all = store::all(app.db(), process).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        store::by_id(app.db(), id).await.unwrap().unwrap().title,
        "Un tableur partagé et libre"
    );
    let guide = all
        .iter()
        .find(|r| r.title == "Guide du bénévolat")
        .unwrap();
    assert_eq!(guide.status, Publication::Draft, "no status: a draft");
    let fields = guide.fields();
    assert_eq!(fields.stages.len(), 2, "labels read as stages");
    assert_eq!(fields.perimeter.len(), 1);
    assert_eq!(fields.themes.len(), 1);

    // The team only; a facilitator is part of it, a participant is not.
    let mut rose = app.signed_in("rose@exemple.fr", "Rose").await;
    let refused = rose
        .post_multipart(
            &format!("/gestion/demarches/{PROCESS}/ressources/import"),
            &[],
            ("file", "ressources.csv", &file),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_budget_shows_shares_of_its_total_with_partners_summed_in_once_public() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account(MANAGER).await;
    let mut visitor = app.browser();
    let manage = format!("/gestion/demarches/{PROCESS}/budget");
    let public = format!("/demarches/{PROCESS}/budget");
    assert_eq!(
        visitor.get(&public).await.status,
        StatusCode::NOT_FOUND,
        "not public yet"
    );

    // A share needs a declared total; a value must be an amount or a share.
    let share_first = manager
        .post(
            &format!("{manage}/lignes"),
            &[
                ("cote", "receipts"),
                ("libelle", "EPCI"),
                ("valeur", "60 %"),
            ],
        )
        .await;
    assert_eq!(share_first.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(share_first.shows("Déclarez d'abord le budget total"));
    manager
        .post(&manage, &[("total", "10 000"), ("publie", "")])
        .await;
    let nonsense = manager
        .post(
            &format!("{manage}/lignes"),
            &[
                ("cote", "receipts"),
                ("libelle", "EPCI"),
                ("valeur", "beaucoup"),
            ],
        )
        .await;
    assert_eq!(nonsense.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nonsense.shows("Saisissez un montant (12 000 €) ou une part"));
    for (side, label, value) in [
        ("receipts", "EPCI", "60 %"),
        ("receipts", "Région", "3 000 €"),
        ("spending", "Animation", "100 %"),
    ] {
        let added = manager
            .post(
                &format!("{manage}/lignes"),
                &[("cote", side), ("libelle", label), ("valeur", value)],
            )
            .await;
        assert_eq!(
            added.status,
            StatusCode::SEE_OTHER,
            "{}",
            added.main_content()
        );
    }
    let preview = manager.get(&public).await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.shows("pas encore public"));

    // Public: a chart and a table per side, the rest undetailed, partners summed in.
    manager
        .post(&manage, &[("total", "10 000"), ("publie", "1")])
        .await;
    let process = process_id(&app).await;
    let partners =
        concerto::features::partners::service::financial_contributions(app.db(), process)
            .await
            .unwrap();
    let page = visitor.get(&public).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<svg"), "a chart drawn by the server");
    assert!(page.shows("6\u{202f}000\u{a0}€"), "60 % of 10 000 €");
    assert!(page.shows("3\u{202f}000\u{a0}€"));
    assert!(page.shows("Non détaillé"), "the 10 % not detailed");
    assert!(page.shows("1\u{202f}000\u{a0}€"));
    assert!(partners > 0, "the demo's partners engaged money");
    assert!(page.shows("Engagements des partenaires"));
    assert!(
        page.shows(&concerto::features::partners::rules::format_euros(
            partners,
            concerto::platform::i18n::Lang::Fr
        ))
    );
    assert!(page.shows("Dépenses · 10\u{202f}000\u{a0}€"));
    let home = visitor.get(&format!("/demarches/{PROCESS}")).await;
    assert!(home.body.contains(&format!("href=\"{public}\"")));

    // Only its managers: a facilitator or a participant is refused.
    let mut facilitator = app.demo_account(FACILITATOR).await;
    assert_eq!(facilitator.get(&manage).await.status, StatusCode::FORBIDDEN);
    let mut rose = app.signed_in("rose@exemple.fr", "Rose").await;
    let tried = rose
        .post(
            &format!("{manage}/lignes"),
            &[("cote", "receipts"), ("libelle", "X"), ("valeur", "5 €")],
        )
        .await;
    assert_eq!(tried.status, StatusCode::FORBIDDEN);
}

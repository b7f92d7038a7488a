//! Solutions as open data and back: the CSV, XLSX and GeoJSON parse back with their linked
//! needs and stages; the CSV re-imports unchanged; an edited file updates, creates and
//! refuses row by row after a dry run that changes nothing; a Decidim Accountability export
//! becomes solutions linked to the needs imported from its proposals.

use super::*;

const MANAGE: &str = "/gestion/demarches/aux-actes-citoyens";

/// The rows of a CSV the site wrote: header, then rows, by column name.
fn parse_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let text = text.strip_prefix('\u{feff}').expect("a byte-order mark");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

fn column(header: &[String], name: &str) -> usize {
    header.iter().position(|h| h == name).unwrap()
}

/// Two solutions: one placed on a point and moved to « Projet », one for the whole territory.
async fn two_solutions(app: &TestApp) -> (Vec<i64>, i64, i64) {
    let ids = seed_needs(app.db()).await;
    let mut carrier = app.signed_in("porteur@exemple.fr", "Porteur").await;
    let placed = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Une navette le soir"),
                ("body", "-Une navette ; le soir, « vite »."),
                ("besoin", &ids[0].to_string()),
                ("besoin", &ids[1].to_string()),
                ("portee", "point"),
                ("lat", "47.6397"),
                ("lon", "6.8638"),
            ],
        )
        .await,
    );
    let projet = stage(app.db(), "projet").await.id.to_string();
    carrier
        .post(
            &format!("/solutions/{placed}/etape"),
            &[("etape", &projet), ("avancement", "")],
        )
        .await;
    let everywhere = solution_id(
        &propose(
            &mut carrier,
            &[
                ("title", "Des jardins partagés"),
                ("body", "Partout."),
                ("besoin", &ids[8].to_string()),
            ],
        )
        .await,
    );
    (ids, placed, everywhere)
}

#[tokio::test]
async fn open_data_parses_back_and_reimports_unchanged() {
    let app = TestApp::with_demo().await;
    let (ids, placed, everywhere) = two_solutions(&app).await;
    let mut visitor = app.browser();
    let csv = visitor.get(&format!("{PROCESS}/solutions.csv")).await;
    assert_eq!(csv.status, StatusCode::OK);
    let (header, rows) = parse_csv(&csv.body);
    assert_eq!(rows.len(), 2);
    let row = rows
        .iter()
        .find(|r| r[column(&header, "id")] == placed.to_string())
        .unwrap();
    assert_eq!(row[column(&header, "etape")], "projet");
    assert_eq!(row[column(&header, "avancement")], "20");
    assert_eq!(row[column(&header, "portee")], "point");
    assert_eq!(row[column(&header, "code_territoire")], "90010");
    let mut linked = [ids[0], ids[1]];
    linked.sort_unstable();
    assert_eq!(
        row[column(&header, "besoins")],
        format!("{}, {}", linked[0], linked[1])
    );
    assert_eq!(
        row[column(&header, "description")],
        "'-Une navette ; le soir, « vite ».",
        "a formula-looking text is neutralised for spreadsheets"
    );
    assert!(!csv.body.contains("porteur@exemple.fr") && !csv.body.contains("Porteur"));

    let geojson = visitor.get(&format!("{PROCESS}/solutions.geojson")).await;
    let collection: serde_json::Value = serde_json::from_str(&geojson.body).unwrap();
    let features = collection["features"].as_array().unwrap();
    assert_eq!(features.len(), 1, "only the placed solution has a point");
    assert_eq!(features[0]["geometry"]["coordinates"][0], 6.8638);
    assert_eq!(features[0]["properties"]["etape"], "projet");
    let xlsx = visitor.get(&format!("{PROCESS}/solutions.xlsx")).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.bytes.starts_with(b"PK"), "a workbook");

    // Managers only for the fuller table and the import.
    assert_eq!(
        visitor.get(&format!("{MANAGE}/solutions.csv")).await.status,
        StatusCode::SEE_OTHER
    );
    let mut carrier = app.signed_in("autre@exemple.fr", "Autre").await;
    assert_eq!(
        carrier
            .get(&format!("{MANAGE}/solutions/import"))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut manager = app.demo_account(MANAGER).await;
    let full = manager.get(&format!("{MANAGE}/solutions.csv")).await;
    let (full_header, full_rows) = parse_csv(&full.body);
    assert!(full_header.contains(&"auteur".to_owned()));
    assert!(
        full_rows
            .iter()
            .any(|r| r[column(&full_header, "auteur")] == "Porteur")
    );

    // The export re-imports unchanged.
    let dry = manager
        .post_multipart(
            &format!("{MANAGE}/solutions/import"),
            &[("format", "concerto")],
            ("file", "solutions.csv", &csv.body),
        )
        .await;
    assert_eq!(dry.status, StatusCode::OK, "{}", dry.body);
    assert!(dry.shows("0 à créer, 0 à mettre à jour, 2 inchangées, 0 refusées."));
    let done = manager
        .post(
            &format!("{MANAGE}/solutions/import/confirmation"),
            &[("format", "concerto"), ("content", &csv.body)],
        )
        .await;
    assert!(done.shows("Rapport d'import"));
    let again = visitor.get(&format!("{PROCESS}/solutions.csv")).await;
    assert_eq!(again.body, csv.body, "nothing changed");

    // An edited file: one row moves on, one new row, one with a need that does not exist.
    let lancee = stage(app.db(), "lancee").await.id;
    let mut edited = csv.body.replace(";projet;Projet;20;", ";lancee;Lancée;;");
    edited.push_str(&format!(
        "\r\n;Un verger partagé;Des arbres fruitiers;;;;;;;;idee;;;;;{};;;\r\n;Une idée perdue;Texte;;;;;;;;;;;;;999999;;;\r\n",
        ids[9]
    ));
    let dry = manager
        .post_multipart(
            &format!("{MANAGE}/solutions/import"),
            &[("format", "concerto")],
            ("file", "solutions.csv", &edited),
        )
        .await;
    assert!(
        dry.shows("1 à créer, 1 à mettre à jour, 1 inchangées, 1 refusées."),
        "{}",
        dry.main_content()
    );
    assert!(
        dry.shows("Ligne")
            && dry.shows("Ces besoins n'existent pas dans cette démarche : n° 999999.")
    );
    assert_eq!(
        solutions_count(app.db()).await,
        2,
        "a dry run stores nothing"
    );
    let done = manager
        .post(
            &format!("{MANAGE}/solutions/import/confirmation"),
            &[("format", "concerto"), ("content", &edited)],
        )
        .await;
    assert!(done.shows("1 à créer, 1 à mettre à jour, 1 inchangées, 1 refusées."));
    let moved = solutions::store::by_id(app.db(), placed)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((moved.stage_id, moved.progress), (Some(lancee), 100));
    assert_eq!(solutions_count(app.db()).await, 3);
    let kept = solutions::store::by_id(app.db(), everywhere)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(kept.title, "Des jardins partagés");
    let orchard = solutions::service::answering_need(app.db(), ids[9])
        .await
        .unwrap();
    assert_eq!(orchard[0].title, "Un verger partagé");
}

/// A Decidim Accountability results export, in the shape its CSV exporter writes
/// (`decidim-accountability` ResultSerializer, nested keys joined by `/`, lists by `, `).
fn decidim_results() -> String {
    let header = "id;category/id;category/name/fr;scope/id;scope/name/fr;parent/id;title/fr;description/fr;start_date;end_date;status/id;status/key;status/name/fr;progress;created_at;url;component/id;proposal_urls";
    let rows = [
        "12;39;Transition écologique;;;;Des compteurs d'eau partagés;<p>Un compteur par <strong>immeuble</strong>.</p>;2019-03-01;2019-12-31;3;in_progress;En cours;42.5;2019-02-20 10:00:00 +0100;http://participation.lillemetropole.fr/processes/granddebatmel/f/112/results/12;112;http://participation.lillemetropole.fr/processes/granddebatmel/f/111/proposals/457, http://participation.lillemetropole.fr/processes/granddebatmel/f/111/proposals/418",
        "13;;;;;;Un résultat sans proposition connue;<p>Texte</p>;;;3;in_progress;En cours;10;2019-02-21 10:00:00 +0100;http://x/results/13;112;http://participation.lillemetropole.fr/processes/granddebatmel/f/111/proposals/1",
        "14;;;;;;Un statut inconnu;<p>Texte</p>;;;4;not_started;Non commencé;0;2019-02-22 10:00:00 +0100;http://x/results/14;112;http://participation.lillemetropole.fr/processes/granddebatmel/f/111/proposals/457",
    ];
    format!("{header}\n{}\n", rows.join("\n"))
}

#[tokio::test]
async fn decidim_results_become_solutions_linked_to_the_needs_of_their_proposals() {
    let app = TestApp::with_demo().await;
    let mut manager = app.demo_account(MANAGER).await;
    // The proposals first, as needs that keep their Decidim ids.
    let proposals = std::fs::read_to_string(format!(
        "{}/../shared/data/contributions/decidim-lille-2019/proposals.csv",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let mapping = manager
        .post_multipart(
            &format!("{MANAGE}/import-decidim"),
            &[],
            ("file", "proposals.csv", &proposals),
        )
        .await;
    assert_eq!(mapping.status, StatusCode::OK);
    manager
        .post(
            &format!("{MANAGE}/import-decidim/confirmation"),
            &[("content", &proposals)],
        )
        .await;
    let process = process_id(app.db()).await;
    let needs = solutions::store::needs_by_external_ids(
        app.db(),
        process,
        &["457".to_owned(), "418".to_owned()],
    )
    .await
    .unwrap();
    assert_eq!(needs.len(), 2, "proposals keep their Decidim ids");

    // Decidim's status key must be one of the process's stages.
    manager
        .post(
            "/gestion/demarches/aux-actes-citoyens/etapes",
            &[
                ("cle", "in_progress"),
                ("libelle", "En cours"),
                ("avancement", "50"),
            ],
        )
        .await;
    let results = decidim_results();
    let dry = manager
        .post_multipart(
            &format!("{MANAGE}/solutions/import"),
            &[("format", "decidim")],
            ("file", "results.csv", &results),
        )
        .await;
    assert!(
        dry.shows("1 à créer, 0 à mettre à jour, 0 inchangées, 2 refusées."),
        "{}",
        dry.main_content()
    );
    assert!(dry.shows("aucun besoin importé ne correspond aux propositions liées (1)"));
    assert!(dry.shows("étape inconnue « not_started »"));
    manager
        .post(
            &format!("{MANAGE}/solutions/import/confirmation"),
            &[("format", "decidim"), ("content", &results)],
        )
        .await;
    let id = solutions::store::by_external_id(app.db(), process, "decidim-12")
        .await
        .unwrap()
        .expect("the result is a solution");
    let solution = solutions::store::by_id(app.db(), id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(solution.title, "Des compteurs d'eau partagés");
    assert_eq!(solution.body, "Un compteur par immeuble.");
    assert_eq!(solution.progress, 43, "Decidim's 42.5 % rounded");
    assert_eq!(
        solution.stage_id,
        Some(stage(app.db(), "in_progress").await.id)
    );
    assert_eq!(
        solution.created_at, 1_550_653_200_000,
        "the result keeps its date"
    );
    let mut linked: Vec<i64> = solutions::store::needs_of(app.db(), id)
        .await
        .unwrap()
        .iter()
        .map(|n| n.id)
        .collect();
    linked.sort_unstable();
    let mut expected: Vec<i64> = needs.iter().map(|(_, id)| *id).collect();
    expected.sort_unstable();
    assert_eq!(linked, expected);
    // Imported twice, the same result updates nothing.
    let again = manager
        .post_multipart(
            &format!("{MANAGE}/solutions/import"),
            &[("format", "decidim")],
            ("file", "results.csv", &results),
        )
        .await;
    assert!(again.shows("0 à créer, 0 à mettre à jour, 1 inchangées, 2 refusées."));
}

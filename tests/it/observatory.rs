//! The observatory over HTTP: the shared INSEE IRIS table imported through the form with its
//! figures checked against the source rows (a commune's portrait sums its IRIS, shares and the
//! reference's shares computed from the file), broken tables refused row by row with the good
//! rows kept, legal populations needing their year, what the consultation gathered per 1,000
//! inhabitants, exports parsed back, a dataset removed, and what lesser roles may not do.

use std::collections::{BTreeSet, HashMap};

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::territories;
use concerto::features::territories::store::NewTerritory;
use concerto::platform::permissions::Role;

/// Reads a file of the shared data.
fn shared(path: &str) -> String {
    let full = format!("{}/../shared/data/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("shared data {full} is missing ({e})"))
}

/// The shared IRIS table's rows as maps of column to cell.
fn iris_rows() -> Vec<HashMap<String, String>> {
    let text = shared("population/iris-habitat-population-rp2016-25-70-90.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect()
}

/// The EPCI of every commune of 25, 70 and 90 (COG 2026).
fn epci_of_communes() -> HashMap<String, (String, String)> {
    let text = shared("population/communes-25-70-90-cog2026.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[2] == "commune-actuelle")
        .map(|r| (r[0].to_owned(), (r[8].to_owned(), r[9].to_owned())))
        .collect()
}

/// Creates the communes of the IRIS table (but `left_out`) under their EPCI.
async fn communes_of_the_table(app: &TestApp, left_out: &str) {
    let epci = epci_of_communes();
    let rows = iris_rows();
    let communes: BTreeSet<(String, String)> = rows
        .iter()
        .map(|r| (r["COM"].clone(), r["LIBCOM"].clone()))
        .filter(|(code, _)| code != left_out)
        .collect();
    for (code, name) in communes {
        let (siren, epci_name) = &epci[&code];
        let (epci_id, _) =
            territories::store::upsert(app.db(), &unit("epci", siren, epci_name, None))
                .await
                .unwrap();
        territories::store::upsert(app.db(), &unit("commune", &code, &name, Some(epci_id)))
            .await
            .unwrap();
    }
}

fn unit<'a>(level: &'a str, code: &'a str, name: &'a str, parent: Option<i64>) -> NewTerritory<'a> {
    NewTerritory {
        level,
        code,
        name,
        parent_id: parent,
        population: None,
        population_year: None,
        population_source: None,
        boundary: None,
    }
}

const FIELDS: [(&str, &str); 3] = [
    ("title", "RP 2016 par IRIS"),
    ("source", "Insee, RP2016"),
    ("licence", "Licence Ouverte / Etalab 2.0"),
];

/// Parses a `;` CSV export (with its byte-order mark) into rows of cells.
fn parse(text: &str) -> Vec<Vec<String>> {
    let text = text.trim_start_matches('\u{feff}');
    csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// The row of a portrait export for a table and a label: (count, share, reference share).
fn exported(rows: &[Vec<String>], table: &str, label: &str) -> (f64, Option<f64>, Option<f64>) {
    let row = rows
        .iter()
        .find(|r| r[0].starts_with(table) && r[2] == label)
        .unwrap_or_else(|| panic!("no row {table} / {label} in {rows:?}"));
    let number = |cell: &str| (!cell.is_empty()).then(|| cell.parse::<f64>().unwrap());
    (row[3].parse().unwrap(), number(&row[4]), number(&row[5]))
}

async fn admin(app: &TestApp) -> Browser {
    app.signed_in_with_role("observatoire@exemple.fr", Role::Admin)
        .await
}

#[tokio::test]
async fn the_shared_iris_table_gives_each_commune_the_sum_of_its_iris() {
    let app = TestApp::new().await;
    // Audincourt is left out: its rows are refused, named, and the others kept.
    communes_of_the_table(&app, "25031").await;
    let mut admin = admin(&app).await;
    let table = shared("population/iris-habitat-population-rp2016-25-70-90.csv");
    let page = admin
        .post_multipart(
            "/gestion/observatoire",
            &FIELDS,
            ("file", "iris.csv", &table),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.main_content());
    let rows = iris_rows();
    let audincourt = rows.iter().filter(|r| r["COM"] == "25031").count();
    assert!(audincourt > 0);
    assert!(
        page.shows(&format!(
            "{} lignes gardées (IRIS), {} IRIS créés, 14 colonnes",
            rows.len() - audincourt,
            rows.len() - audincourt
        )),
        "{}",
        page.main_content()
    );
    assert!(page.shows("Colonnes ignorées : P16_POP_sum_age_groups, in_pole_nord_franche_comte."));
    assert!(page.shows("commune 25031 inconnue de la plateforme"));
    // Montbéliard, against its EPCI (the communes of the same EPCI in the table).
    let commune = "25388";
    let epci = &epci_of_communes()[commune].0;
    let epci_id = territories::store::by_level_code(app.db(), "epci", epci)
        .await
        .unwrap()
        .unwrap()
        .id;
    let epci_communes: Vec<String> = epci_of_communes()
        .into_iter()
        .filter(|(_, (siren, _))| siren == epci)
        .map(|(code, _)| code)
        .collect();
    let sum = |of: &dyn Fn(&HashMap<String, String>) -> bool, column: &str| -> f64 {
        rows.iter()
            .filter(|r| of(r))
            .map(|r| r[column].parse::<f64>().unwrap())
            .sum()
    };
    let here = |r: &HashMap<String, String>| r["COM"] == commune;
    let there =
        |r: &HashMap<String, String>| epci_communes.contains(&r["COM"]) && r["COM"] != "25031";
    let bands = [
        "P16_POP0014",
        "P16_POP1529",
        "P16_POP3044",
        "P16_POP4559",
        "P16_POP6074",
        "P16_POP75P",
    ];
    let total: f64 = bands.iter().map(|b| sum(&here, b)).sum();
    let their_total: f64 = bands.iter().map(|b| sum(&there, b)).sum();
    let csv = admin
        .get(&format!(
            "/territoires/commune/{commune}/portrait.csv?reference={epci_id}"
        ))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let exported_rows = parse(&csv.body);
    let (young, share, reference) = exported(&exported_rows, "Structure par âge", "0 à 14 ans");
    let band = "P16_POP0014";
    assert!(
        (young - sum(&here, band)).abs() < 0.006,
        "{young} vs the IRIS sum"
    );
    assert!((share.unwrap() - 100.0 * sum(&here, band) / total).abs() < 0.006);
    assert!((reference.unwrap() - 100.0 * sum(&there, band) / their_total).abs() < 0.006);
    let (old, _, _) = exported(&exported_rows, "Structure par âge", "75 ans et plus");
    assert!((old - sum(&here, "P16_POP75P")).abs() < 0.006);
    let (cadres, share, _) = exported(
        &exported_rows,
        "Catégories socioprofessionnelles",
        "Cadres, professions intellectuelles supérieures",
    );
    let cs: f64 = (1..=8)
        .map(|i| sum(&here, &format!("C16_POP15P_CS{i}")))
        .sum();
    assert!((cadres - sum(&here, "C16_POP15P_CS3")).abs() < 0.006);
    assert!((share.unwrap() - 100.0 * cadres / cs).abs() < 0.01);
    // The page itself: the portrait, its sources and the IRIS under the commune.
    let page = admin
        .get(&format!("/territoires/commune/{commune}/portrait"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.shows("Portrait : Montbéliard"));
    assert!(page.shows("RP 2016 par IRIS — Insee, RP2016 — Licence Ouverte / Etalab 2.0"));
    assert!(page.shows("Montbéliard – IRIS 0101"));
    assert!(page.body.contains("<svg"), "charts drawn by the server");
    assert!(page.transferred < 100 * 1024, "{} bytes", page.transferred);
    // An IRIS's own portrait shows its own row of the table.
    let first = rows.iter().find(|r| here(r)).unwrap();
    let iris = admin
        .get(&format!("/territoires/iris/{}/portrait.csv", first["IRIS"]))
        .await;
    let (count, _, _) = exported(&parse(&iris.body), "Structure par âge", "0 à 14 ans");
    assert!((count - first["P16_POP0014"].parse::<f64>().unwrap()).abs() < 0.006);
}

#[tokio::test]
async fn a_broken_table_names_each_refused_row_and_keeps_the_good_ones() {
    let app = TestApp::new().await;
    communes_of_the_table(&app, "").await;
    let mut admin = admin(&app).await;
    let broken = "IRIS;COM;TYP_IRIS;P16_POP0014;P16_POP1529;P16_POP3044;P16_POP4559;P16_POP6074;P16_POP75P\n\
        253880101;25388;H;100;1;1;1;1;20\n\
        253880102;25389;H;100;1;1;1;1;20\n\
        25388010;25388;H;100;1;1;1;1;20\n\
        253880103;25388;Q;100;1;1;1;1;20\n\
        253880104;25388;H;beaucoup;1;1;1;1;20\n\
        253880101;25388;H;100;1;1;1;1;20\n\
        253880105;25388;H;12,5;1;1;1;1;\n";
    let page = admin
        .post_multipart("/gestion/observatoire", &FIELDS, ("file", "x.csv", broken))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.main_content());
    assert!(
        page.shows("2 lignes gardées (IRIS)"),
        "{}",
        page.main_content()
    );
    for reason in [
        "l'IRIS 253880102 n'appartient pas à la commune 25389 (colonne COM)",
        "« 25388010 » n'est pas un code IRIS",
        "type d'IRIS « Q » inconnu",
        "P16_POP0014 : « beaucoup » n'est pas un nombre positif",
        "253880101 figure déjà ligne 2",
    ] {
        assert!(page.shows(reason), "{reason}");
    }
    // The report names every line.
    let dataset = page
        .body
        .split("/gestion/observatoire/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_owned();
    let report = admin
        .get(&format!("/gestion/observatoire/{dataset}/rapport.csv"))
        .await;
    let report = parse(&report.body);
    let lines: Vec<(&str, &str)> = report[1..]
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("2", "gardée"),
            ("3", "refusée"),
            ("4", "refusée"),
            ("5", "refusée"),
            ("6", "refusée"),
            ("7", "refusée"),
            ("8", "gardée")
        ]
    );
    // Only the good rows' figures are held: 100 + 12.5 children under 15.
    let csv = admin.get("/territoires/commune/25388/portrait.csv").await;
    let (count, _, _) = exported(&parse(&csv.body), "Structure par âge", "0 à 14 ans");
    assert!((count - 112.5).abs() < 1e-9, "{count}");

    // Whole files refused, next to their field, nothing stored.
    let no_unit = admin
        .post_multipart(
            "/gestion/observatoire",
            &FIELDS,
            ("file", "x.csv", "nom;P16_POP\nA;1\n"),
        )
        .await;
    assert_eq!(no_unit.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_unit.body.contains("id=\"file-error\""));
    assert!(no_unit.shows("ni colonne IRIS"));
    let legal = "COM;PMUN\n25388;25000\n";
    let no_year = admin
        .post_multipart("/gestion/observatoire", &FIELDS, ("file", "p.csv", legal))
        .await;
    assert_eq!(no_year.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_year.body.contains("id=\"year-error\""));
    let nothing = admin
        .post_multipart(
            "/gestion/observatoire",
            &FIELDS,
            ("file", "x.csv", "IRIS;P16_POP\n99999;1\n"),
        )
        .await;
    assert_eq!(nothing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(nothing.shows("Aucune ligne n'a pu être gardée"));
    let mut untitled = FIELDS.to_vec();
    untitled[0].1 = "";
    let no_title = admin
        .post_multipart("/gestion/observatoire", &untitled, ("file", "p.csv", legal))
        .await;
    assert!(no_title.body.contains("id=\"title-error\""));
    assert_eq!(
        concerto::features::observatory::store::datasets(app.db())
            .await
            .unwrap()
            .len(),
        1,
        "only the first table was stored"
    );
}

#[tokio::test]
async fn legal_populations_give_the_change_and_the_consultation_per_thousand() {
    let app = TestApp::with_living_demo().await;
    let mut visitor = app.browser();
    // The demo imported the RP2016 by IRIS and the legal populations 2023.
    let page = visitor.get("/territoires/commune/90010/portrait").await;
    assert_eq!(page.status, StatusCode::OK);
    let belfort = territories::store::by_level_code(app.db(), "commune", "90010")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(belfort.population_year, Some(2023));
    let population = belfort.population.unwrap() as f64;
    let csv = visitor.get("/territoires/commune/90010/portrait.csv").await;
    let rows = parse(&csv.body);
    let (legal, _, _) = exported(&rows, "Population", "2023 (population légale)");
    assert_eq!(legal, population);
    let (census, _, _) = exported(&rows, "Population", "2016 (recensement)");
    let change = 100.0 * (legal / census - 1.0);
    let written = format!("{:.2}", change).replace('.', ",");
    assert!(
        page.shows(&format!("soit {written}\u{a0}%")),
        "change {written}"
    );
    // Needs per 1,000 inhabitants, counted apart from the portrait.
    let (needs,): (i64,) = app
        .db()
        .read_one(
            "SELECT COUNT(*) FROM needs WHERE territory_id = $1 AND status = 'published'",
            &[concerto::platform::db::direct::Value::Int(belfort.id)],
        )
        .await
        .unwrap();
    assert!(needs > 0, "the living demo has needs in Belfort");
    let (count, per_thousand, reference) =
        exported(&rows, "La concertation ici", "Besoins publiés");
    assert_eq!(count, needs as f64);
    assert!((per_thousand.unwrap() - 1000.0 * needs as f64 / population).abs() < 0.006);
    assert!(reference.is_some(), "beside the EPCI's");
    let (answers,): (i64,) = app
        .db()
        .read_one(
            "SELECT COUNT(DISTINCT a.response_id) FROM questionnaire_answers a
             JOIN questions q ON q.id = a.question_id AND q.kind = 'commune'
             JOIN questionnaire_responses r ON r.id = a.response_id
             WHERE a.text = '90010' AND r.submitted_at IS NOT NULL",
            &[],
        )
        .await
        .unwrap();
    assert!(
        answers > 0,
        "the demo's questionnaire has answers from Belfort"
    );
    let (counted, per_thousand, _) = exported(
        &rows,
        "La concertation ici",
        "Réponses aux questionnaires (commune de résidence)",
    );
    assert_eq!(counted, answers as f64);
    assert!((per_thousand.unwrap() - 1000.0 * answers as f64 / population).abs() < 0.006);
    // The pôle's portrait maps an indicator over its communes and names the least heard.
    let pole = visitor
        .get("/territoires/pole/pmnfc/portrait?indicateur=age-75p")
        .await;
    assert_eq!(pole.status, StatusCode::OK);
    assert!(pole.body.contains("id=\"carte-indicateur\""));
    assert!(pole.shows("Les moins entendus"));
    assert!(pole.shows("Communes couvertes par le recensement"));
    assert!(pole.transferred < 100 * 1024, "{} bytes", pole.transferred);
    let english = visitor
        .get("/territoires/pole/pmnfc/portrait?lang=en")
        .await;
    assert_eq!(english.status, StatusCode::OK);
}

#[tokio::test]
async fn a_removed_dataset_takes_its_figures_and_lesser_roles_are_refused() {
    let app = TestApp::with_demo().await;
    let mut participant = app.signed_in("habitant@exemple.fr", "Habitant").await;
    let mut manager = app
        .signed_in_with_role("gestion@exemple.fr", Role::Manager)
        .await;
    let datasets = concerto::features::observatory::store::datasets(app.db())
        .await
        .unwrap();
    assert_eq!(datasets.len(), 2, "the demo's census and legal populations");
    let census = datasets.iter().find(|d| d.level == "iris").unwrap().id;
    for browser in [&mut participant, &mut manager] {
        assert_eq!(
            browser.get("/gestion/observatoire").await.status,
            StatusCode::FORBIDDEN
        );
        let refused = browser
            .post_multipart(
                "/gestion/observatoire",
                &FIELDS,
                ("file", "x.csv", "COM;P16_POP\n90010;1\n"),
            )
            .await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let report = browser
            .get(&format!("/gestion/observatoire/{census}/rapport.csv"))
            .await;
        assert_eq!(report.status, StatusCode::FORBIDDEN);
        let delete = browser
            .post(&format!("/gestion/observatoire/{census}/suppression"), &[])
            .await;
        assert_eq!(delete.status, StatusCode::FORBIDDEN);
    }
    let mut visitor = app.browser();
    assert_eq!(
        visitor.get("/gestion/observatoire").await.status,
        StatusCode::SEE_OTHER
    );
    let before = visitor.get("/territoires/commune/90010/portrait").await;
    assert!(before.shows("Structure par âge (2016)"));

    let mut admin = admin(&app).await;
    let list = admin.get("/gestion/observatoire").await;
    assert!(list.shows("RP 2016, population par IRIS"));
    assert!(
        list.shows("14 colonnes de chiffres"),
        "six age bands, eight categories"
    );
    let removed = admin
        .post(&format!("/gestion/observatoire/{census}/suppression"), &[])
        .await;
    assert_eq!(removed.status, StatusCode::SEE_OTHER);
    let after = visitor.get("/territoires/commune/90010/portrait").await;
    assert!(
        !after.shows("Structure par âge"),
        "its figures went with it"
    );
    assert!(
        after.shows("2023 (population légale)"),
        "the other dataset's stay"
    );
}

#[tokio::test]
async fn priority_neighbourhoods_and_who_took_part_are_counted_apart_from_the_portrait() {
    use concerto::features::territories::import::{ImportOptions, import_geojson};
    use concerto::platform::db::direct::Value;
    let app = TestApp::with_living_demo().await;
    let db = app.db();
    // A priority neighbourhood: the middle quarter of Belfort's bounding box.
    let (id, min_lon, min_lat): (i64, f64, f64) = db
        .read_one(
            "SELECT id, min_lon, min_lat FROM territories WHERE level = 'commune' AND code = '90010'",
            &[],
        )
        .await
        .unwrap();
    let (max_lon, max_lat): (f64, f64) = db
        .read_one(
            "SELECT max_lon, max_lat FROM territories WHERE id = $1",
            &[Value::Int(id)],
        )
        .await
        .unwrap();
    let (w, h) = ((max_lon - min_lon) / 4.0, (max_lat - min_lat) / 4.0);
    let (x0, y0, x1, y1) = (min_lon + w, min_lat + h, max_lon - w, max_lat - h);
    let qpv = format!(
        r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"code":"QN09001M","nom":"Les Résidences","insee_com":"90010","population":7300}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}]}}"#
    );
    let options = ImportOptions {
        level: "qpv".into(),
        code_property: "code".into(),
        name_property: "nom".into(),
        parent_property: Some("insee_com".into()),
        population_property: Some("population".into()),
        population_year: Some(2018),
        population_source: None,
    };
    let report = import_geojson(db, &qpv, &options).await.unwrap();
    assert_eq!((report.created, report.refused.len()), (1, 0));

    let points: Vec<(f64, f64)> = db
        .read_all(
            "SELECT lon, lat FROM needs WHERE territory_id = $1 AND status = 'published'
               AND lon IS NOT NULL AND lat IS NOT NULL",
            &[Value::Int(id)],
        )
        .await
        .unwrap();
    let inside = points
        .iter()
        .filter(|(lon, lat)| *lon > x0 && *lon < x1 && *lat > y0 && *lat < y1)
        .count();
    assert!(inside > 0 && inside < points.len(), "needs on both sides");
    let mut visitor = app.browser();
    let csv = visitor.get("/territoires/commune/90010/portrait.csv").await;
    let rows = parse(&csv.body);
    let (counted_in, _, _) = exported(
        &rows,
        "Quartiers prioritaires",
        "Besoins placés dans un QPV",
    );
    let (counted_out, _, _) = exported(
        &rows,
        "Quartiers prioritaires",
        "Besoins placés hors des QPV",
    );
    assert_eq!(
        (counted_in, counted_out),
        (inside as f64, (points.len() - inside) as f64)
    );
    let (people, share, _) = exported(&rows, "Quartiers prioritaires", "Habitants des QPV");
    let belfort = territories::store::by_level_code(db, "commune", "90010")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(people, 7300.0);
    assert!((share.unwrap() - 100.0 * 7300.0 / belfort.population.unwrap() as f64).abs() < 0.006);
    // The neighbourhood is drawn over Belfort, not in its place: the pôle's map keeps its 197 communes.
    let pole = visitor.get("/territoires/pole/pmnfc/portrait").await;
    assert!(pole.body.matches("href=\"/territoires/commune/").count() >= 197);
    assert!(!pole.body.contains("href=\"/territoires/qpv/QN09001M\""));
    let iris = visitor.get("/territoires/commune/90010/portrait.csv").await;
    let (young, _, _) = exported(&parse(&iris.body), "Structure par âge", "0 à 14 ans");
    assert!(
        young > 0.0,
        "the neighbourhood does not make Belfort's census partial"
    );

    // Who took part by age, over the pôle: workshop sheets and profiles, counted apart.
    let (sheets,): (i64,) = db
        .read_one(
            "SELECT CAST(COALESCE(SUM(a.count), 0) AS BIGINT) FROM attendance_counts a
             JOIN events e ON e.id = a.event_id
             WHERE a.category = 'age' AND a.value = $1 AND e.territory_id IS NOT NULL",
            &[Value::Text("moins-18".into())],
        )
        .await
        .unwrap();
    let (profiles,): (i64,) = db
        .read_one(
            "SELECT COUNT(*) FROM profiles WHERE age_bracket = $1 AND commune_id IS NOT NULL",
            &[Value::Text("moins-18".into())],
        )
        .await
        .unwrap();
    let pole_csv = visitor.get("/territoires/pole/pmnfc/portrait.csv").await;
    let (young_people, _, population) = exported(
        &parse(&pole_csv.body),
        "Qui a participé",
        "Moins de 18 ans (population : 0 à 14 ans)",
    );
    assert_eq!(young_people, (sheets + profiles) as f64);
    assert!(population.is_some(), "beside the census band");
    let pole_page = visitor.get("/territoires/pole/pmnfc/portrait").await;
    assert!(pole_page.shows("Tranche d'âge la moins représentée :"));
}

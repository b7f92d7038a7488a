//! Where respondents live, over HTTP: an IRIS question lists the territory's IRIS grouped by
//! commune, under a map of the communes to pick from, and refuses a code that is not one of
//! them; the weighting page fills ages and occupations from the census the observatory holds
//! (everyone, or people aged 15 or over), the IRIS from their census populations, and the
//! commune of residence by commune or by EPCI from the communes' legal populations; raking by
//! EPCI reaches the EPCI's targets; lesser roles are refused.

use std::collections::HashMap;

use crate::common::{Browser, Page, TestApp};
use crate::questionnaires::{PARTICIPANT, PROCESS, ask, imported, publish, questions, started};
use axum::http::StatusCode;
use concerto::features::observatory::figures::AGE_BANDS;
use concerto::features::questionnaires::rules::AnswerRow;
use concerto::features::questionnaires::store::{self, Respondent};
use concerto::features::territories::store::at_level;

/// The demo's census by IRIS, as committed: each IRIS's commune and figures by column.
fn demo_census() -> Vec<(String, String, HashMap<String, f64>)> {
    let text = include_str!("../../demo/iris-population-rp2016.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            let figures = header
                .iter()
                .zip(&cells)
                .filter_map(|(h, c)| Some((h.to_string(), c.parse::<f64>().ok()?)))
                .collect();
            (cells[0].to_owned(), cells[1].to_owned(), figures)
        })
        .collect()
}

/// Each column's share of their sum over every IRIS, in percent.
fn census_shares(census: &[(String, String, HashMap<String, f64>)], columns: &[&str]) -> Vec<f64> {
    let sums: Vec<f64> = columns
        .iter()
        .map(|c| census.iter().map(|(_, _, f)| f[*c]).sum())
        .collect();
    let total: f64 = sums.iter().sum();
    sums.iter().map(|s| s * 100.0 / total).collect()
}

/// Posts owned fields.
async fn post(browser: &mut Browser, path: &str, fields: &[(String, String)]) -> Page {
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    browser.post(path, &pairs).await
}

/// The fields that fill a margin from stored populations (`level` empty for a profile
/// question that is not a place).
fn fill(question: i64, level: &str, how: &str) -> Vec<(String, String)> {
    let mut fields = vec![
        ("question".to_owned(), question.to_string()),
        ("remplir".to_owned(), how.to_owned()),
    ];
    if !level.is_empty() {
        fields.push(("niveau".to_owned(), level.to_owned()));
    }
    fields
}

/// Posts owned fields, which the site must accept (a redirection).
async fn accepted(team: &mut Browser, path: &str, fields: &[(String, String)]) {
    let page = post(team, path, fields).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
}

/// Fills a margin from stored populations through the weighting page.
async fn filled(team: &mut Browser, questionnaire: i64, question: i64, level: &str, how: &str) {
    let path = format!("/gestion/questionnaires/{questionnaire}/ponderation");
    accepted(team, &path, &fill(question, level, how)).await;
}

/// The census's six age bands, as the demo's table (2016) names them.
fn bands() -> Vec<String> {
    AGE_BANDS.iter().map(|b| format!("P16_{b}")).collect()
}

/// A margin as stored, by category code.
async fn stored_margin(app: &TestApp, questionnaire: i64, question: i64) -> HashMap<String, f64> {
    store::margins(app.db(), questionnaire)
        .await
        .unwrap()
        .into_iter()
        .filter(|(q, _, _)| *q == question)
        .map(|(_, code, share)| (code, share))
        .collect()
}

#[tokio::test]
async fn residence_by_iris_and_margins_filled_from_the_census_and_by_epci() {
    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Quartiers").await;
    for (kind, label) in [
        ("profil-age", "Âge"),
        ("profil-occupation", "Profession"),
        ("profil-iris", "Quartier"),
        ("profil-commune", "Commune"),
    ] {
        ask(&mut team, id, &first, kind, label, &[]).await;
    }
    publish(&mut team, id, "Quartiers", None).await;
    let (sections, q) = questions(&app, id).await;
    let (age, occupation, iris, commune) = (
        &q["Âge"],
        &q["Profession"],
        q["Quartier"].id,
        q["Commune"].id,
    );

    // The IRIS are listed by commune, under a map of the communes to pick from.
    let mut visitor = app.browser();
    let section = format!("/questionnaires/{id}/sections/1");
    let page = visitor.get(&section).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(r#"<optgroup label="Audincourt" data-commune="25031">"#),
        "{}",
        page.main_content()
    );
    assert!(
        page.body
            .contains(r#"<option value="250310101">Audincourt – IRIS 0101</option>"#)
    );
    assert!(page.body.contains(&format!(r#"data-pick="q{iris}""#)));
    let codes_at = page.body.find("data-codes=\"").expect("the map's codes") + 12;
    let codes = &page.body[codes_at..codes_at + page.body[codes_at..].find('"').unwrap()];
    // Each shape's code is the commune it draws (the script turns a click on the n-th shape
    // into the n-th code).
    let names: HashMap<String, String> = at_level(app.db(), "commune")
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.code, c.name))
        .collect();
    let svg = &page.body[page.body.find("<svg").unwrap()..page.body.find("</svg>").unwrap()];
    let titles: Vec<&str> = svg
        .split("<path d=")
        .skip(1)
        .map(|path| {
            let at = path.find("<title>").unwrap() + 7;
            &path[at..at + path[at..].find("</title>").unwrap()]
        })
        .collect();
    let codes: Vec<&str> = codes.split(' ').collect();
    assert_eq!(titles.len(), codes.len());
    assert_eq!(codes.len(), names.len());
    for (code, title) in codes.iter().zip(&titles) {
        let title = title.replace("&#39;", "'").replace("&amp;", "&");
        assert_eq!(names[*code], title, "shape {code}");
    }
    assert!(
        page.body.contains("map.js"),
        "the page loads the map script"
    );

    // An IRIS that is not the territory's is refused, and nothing is saved.
    let young = age.choices.iter().find(|c| c.code == "15-29").unwrap().id;
    let employee = occupation
        .choices
        .iter()
        .find(|c| c.code == "CS5")
        .unwrap()
        .id;
    let answer = |iris_code: &'static str| {
        vec![
            (format!("q{}", age.id), young.to_string()),
            (format!("q{}", occupation.id), employee.to_string()),
            (format!("q{iris}"), iris_code.to_owned()),
            (format!("q{commune}"), "25031".to_owned()),
        ]
    };
    let page = post(&mut visitor, &section, &answer("751010101")).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.shows("Ce choix ne fait pas partie de la question."),
        "{}",
        page.main_content()
    );
    assert_eq!(store::submitted(app.db(), id).await.unwrap().len(), 0);
    let page = post(&mut visitor, &section, &answer("250310101")).await;
    assert_eq!(
        page.status,
        StatusCode::SEE_OTHER,
        "{}",
        page.main_content()
    );
    let saved = store::submitted(app.db(), id).await.unwrap();
    assert_eq!(saved.len(), 1);
    assert!(
        saved[0]
            .answers
            .iter()
            .any(|a| a.question_id == iris && a.text.as_deref() == Some("250310101"))
    );
    // Results count it under its IRIS; the answers' export gives its code and name.
    let results = visitor
        .get(&format!("/questionnaires/{id}/resultats"))
        .await;
    assert!(
        results
            .body
            .contains("<th scope=\"row\">Audincourt – IRIS 0101</th>"),
        "{}",
        results.main_content()
    );
    let export = team
        .get(&format!("/gestion/questionnaires/{id}/export/reponses.csv"))
        .await;
    assert!(
        export.body.contains("250310101") && export.body.contains("Audincourt – IRIS 0101"),
        "{}",
        export.body
    );

    // Ages filled from the census: people aged 15 or over, then everyone.
    let census = demo_census();
    let weighting = format!("/gestion/questionnaires/{id}/ponderation");
    let form = team.get(&weighting).await;
    assert!(form.shows("Remplir d'après le recensement 2016 (15 ans ou plus)"));
    assert!(form.shows("Commune · par EPCI"));
    filled(&mut team, id, age.id, "", "population-15").await;
    let bands = bands();
    let bands: Vec<&str> = bands.iter().map(String::as_str).collect();
    let expected = census_shares(&census, &bands[1..]);
    let margin = stored_margin(&app, id, age.id).await;
    assert_eq!(margin.len(), 5, "no target for the under-15s: {margin:?}");
    for (code, share) in ["15-29", "30-44", "45-59", "60-74", "75+"]
        .iter()
        .zip(&expected)
    {
        assert!(
            (margin[*code] - share).abs() < 1e-9,
            "{code}: {} against {share}",
            margin[*code]
        );
    }
    filled(&mut team, id, age.id, "", "population").await;
    let margin = stored_margin(&app, id, age.id).await;
    let everyone = census_shares(&census, &bands);
    assert_eq!(margin.len(), 6);
    assert!((margin["0-14"] - everyone[0]).abs() < 1e-9);

    // Occupations from the census's CS of people aged 15 or over.
    let page = post(
        &mut team,
        &weighting,
        &fill(occupation.id, "", "population"),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let columns: Vec<String> = (1..=8).map(|n| format!("C16_POP15P_CS{n}")).collect();
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let expected = census_shares(&census, &columns);
    let margin = stored_margin(&app, id, occupation.id).await;
    for (n, share) in expected.iter().enumerate() {
        let code = format!("CS{}", n + 1);
        assert!((margin[&code] - share).abs() < 1e-9, "{code}");
    }

    // IRIS from their census populations (the six age bands summed).
    filled(&mut team, id, iris, "iris", "population").await;
    let margin = stored_margin(&app, id, iris).await;
    assert_eq!(margin.len(), census.len());
    let population = |f: &HashMap<String, f64>| bands.iter().map(|b| f[*b]).sum::<f64>();
    let total: f64 = census.iter().map(|(_, _, f)| population(f)).sum();
    for (code, _, figures) in &census {
        assert!(
            (margin[code] - population(figures) * 100.0 / total).abs() < 1e-9,
            "{code}"
        );
    }
    // A level the question does not have is refused.
    let page = post(&mut team, &weighting, &fill(commune, "iris", "population")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    // So is a way of filling the page never offers.
    let page = post(&mut team, &weighting, &fill(age.id, "", "recensement-1999")).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);

    // The commune of residence by EPCI, from the communes' legal populations.
    let epcis = at_level(app.db(), "epci").await.unwrap();
    let communes = at_level(app.db(), "commune").await.unwrap();
    filled(&mut team, id, commune, "epci", "population").await;
    let margin = stored_margin(&app, id, commune).await;
    assert_eq!(margin.len(), epcis.len());
    let legal: i64 = communes.iter().filter_map(|c| c.population).sum();
    for epci in &epcis {
        let members: i64 = communes
            .iter()
            .filter(|c| c.parent_id == Some(epci.id))
            .filter_map(|c| c.population)
            .sum();
        let share = members as f64 * 100.0 / legal as f64;
        assert!((margin[&epci.code] - share).abs() < 1e-9, "{}", epci.name);
    }
    // By commune instead: the EPCI margin is replaced.
    let page = post(
        &mut team,
        &weighting,
        &fill(commune, "commune", "population"),
    )
    .await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let margin = stored_margin(&app, id, commune).await;
    assert_eq!(margin.len(), communes.len());
    assert!(margin.contains_key("25031"));

    // Raking by EPCI reaches the EPCI's targets: 30 respondents in one EPCI, 10 in another,
    // weighted to 60 % and 40 %.
    for question in [age.id, occupation.id, iris, commune] {
        post(
            &mut team,
            &weighting,
            &[("question".to_owned(), question.to_string())],
        )
        .await;
    }
    assert!(store::margins(app.db(), id).await.unwrap().is_empty());
    let member_of = |epci: i64| {
        communes
            .iter()
            .find(|c| c.parent_id == Some(epci))
            .map(|c| c.code.clone())
            .unwrap()
    };
    // Two EPCI other than the one the respondent above lives in.
    let answered = communes
        .iter()
        .find(|c| c.code == "25031")
        .unwrap()
        .parent_id;
    let others: Vec<_> = epcis.iter().filter(|e| Some(e.id) != answered).collect();
    let (big, small) = (others[0], others[1]);
    let people: Vec<(Respondent, Vec<AnswerRow>)> = (0..40)
        .map(|n| {
            let place = if n < 30 {
                member_of(big.id)
            } else {
                member_of(small.id)
            };
            let row = AnswerRow {
                question_id: commune,
                item: 0,
                number: None,
                text: Some(place),
            };
            (imported(), vec![row])
        })
        .collect();
    store::submit_many(app.db(), id, &people, sections.len() as i64)
        .await
        .unwrap();
    let typed = [
        ("question".to_owned(), commune.to_string()),
        ("niveau".to_owned(), "epci".to_owned()),
        (format!("part_{commune}_{}", big.code), "60".to_owned()),
        (format!("part_{commune}_{}", small.code), "40".to_owned()),
    ];
    accepted(&mut team, &weighting, &typed).await;
    let report = team.get(&weighting).await;
    assert!(report.shows("Commune (EPCI)"), "{}", report.main_content());
    let row = |name: &str, target: &str, raw: &str| {
        format!(
            r#"<th scope="row">{name}</th><td class="number">{target}</td><td class="number">{raw}</td><td class="number">{target}</td>"#
        )
    };
    assert!(
        report
            .body
            .contains(&row(&big.name, "60,0\u{a0}%", "75,0\u{a0}%")),
        "{}",
        report.main_content()
    );
    assert!(
        report
            .body
            .contains(&row(&small.name, "40,0\u{a0}%", "25,0\u{a0}%"))
    );

    // A participant may neither see nor fill the margins.
    let mut participant = app.demo_account(PARTICIPANT).await;
    assert_eq!(
        participant.get(&weighting).await.status,
        StatusCode::FORBIDDEN
    );
    let page = participant
        .post(
            &weighting,
            &[
                ("question", &commune.to_string()),
                ("niveau", "epci"),
                ("remplir", "population"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

/// The codes of each pick map of a page, by the field it picks for.
fn pick_maps(body: &str) -> HashMap<String, Vec<String>> {
    body.split("data-pick=\"")
        .skip(1)
        .map(|rest| {
            let field = &rest[..rest.find('"').unwrap()];
            let at = rest.find("data-codes=\"").unwrap() + 12;
            let codes = &rest[at..at + rest[at..].find('"').unwrap()];
            (
                field.to_owned(),
                codes.split(' ').map(str::to_owned).collect(),
            )
        })
        .collect()
}

#[tokio::test]
async fn where_the_territory_holds_iris_boundaries_an_iris_is_picked_on_its_own() {
    use concerto::features::territories::import::{ImportOptions, import_geojson};
    use concerto::features::territories::store::{by_level_code, children};

    let app = TestApp::with_demo().await;
    let (mut team, id, first) = started(&app, "Quartiers").await;
    ask(&mut team, id, &first, "profil-iris", "Quartier", &[]).await;
    ask(&mut team, id, &first, "profil-commune", "Commune", &[]).await;
    publish(&mut team, id, "Quartiers", None).await;
    let (_, q) = questions(&app, id).await;
    let (iris_field, commune_field) = (
        format!("q{}", q["Quartier"].id),
        format!("q{}", q["Commune"].id),
    );

    // Audincourt's IRIS are given boundaries (stripes across the commune), as importing the
    // IGN's IRIS contours would.
    let audincourt = by_level_code(app.db(), "commune", "25031")
        .await
        .unwrap()
        .unwrap();
    let iris: Vec<_> = children(app.db(), audincourt.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.level == "iris")
        .collect();
    assert!(iris.len() >= 2, "the demo holds Audincourt's IRIS");
    let features: Vec<serde_json::Value> = iris
        .iter()
        .enumerate()
        .map(|(i, unit)| {
            let west = 6.82 + 0.01 * i as f64;
            let ring = [
                [west, 47.47],
                [west + 0.01, 47.47],
                [west + 0.01, 47.49],
                [west, 47.49],
                [west, 47.47],
            ];
            serde_json::json!({
                "type": "Feature",
                "properties": {"code": unit.code, "nom": unit.name, "commune": "25031"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            })
        })
        .collect();
    let collection = serde_json::json!({"type": "FeatureCollection", "features": features});
    let options = ImportOptions {
        level: "iris".into(),
        code_property: "code".into(),
        name_property: "nom".into(),
        parent_property: Some("commune".into()),
        population_property: None,
        population_year: None,
        population_source: None,
    };
    let report = import_geojson(app.db(), &collection.to_string(), &options)
        .await
        .unwrap();
    assert_eq!(
        (report.created, report.updated, report.refused.len()),
        (0, iris.len(), 0)
    );

    // The IRIS question's map draws them in place of their commune; the commune question's
    // map, and every other map, still draws communes.
    let page = app
        .browser()
        .get(&format!("/questionnaires/{id}/sections/1"))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let maps = pick_maps(&page.body);
    let (by_iris, by_commune) = (&maps[&iris_field], &maps[&commune_field]);
    for unit in &iris {
        assert!(by_iris.contains(&unit.code), "IRIS {} drawn", unit.code);
        assert!(!by_commune.contains(&unit.code));
    }
    assert!(!by_iris.contains(&"25031".to_owned()), "drawn as its IRIS");
    assert!(by_commune.contains(&"25031".to_owned()));
    assert!(by_iris.contains(&"90010".to_owned()), "Belfort drawn whole");
    assert_eq!(by_iris.len(), by_commune.len() - 1 + iris.len());
    assert!(page.shows("Carte des IRIS et des communes"));
    let process = app.browser().get(&format!("/demarches/{PROCESS}")).await;
    assert_eq!(process.status, StatusCode::OK);
    assert!(
        process.body.contains("<title>Audincourt"),
        "the commune drawn whole"
    );
    assert!(!process.body.contains(&format!("<title>{}", iris[0].name)));
}

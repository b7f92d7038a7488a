//! Every file import and the questionnaire's answer form, fed random and mutated inputs through
//! the router (the rows are read by the handlers themselves): each answer is a page, a
//! redirect, or the form again with what is wrong said next to the field; never a 5xx nor a
//! request refused for its shape. The inputs come from proptest's deterministic generator,
//! so a failure names its input and comes back on the next run.

use axum::http::StatusCode;
use proptest::prelude::Rng;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;

use crate::access::{Fixture, Who};
use crate::common::{Browser, Page};
use crate::parsers::inputs;

/// Inputs tried per import.
const CASES: usize = 64;

/// Whether an answer to a file or a form is one a person can act on.
fn understood(page: &Page) -> Result<(), String> {
    match page.status {
        StatusCode::OK | StatusCode::SEE_OTHER => Ok(()),
        StatusCode::UNPROCESSABLE_ENTITY
            if page.body.contains("class=\"field-error\"")
                || page.body.contains("class=\"error-summary\"") =>
        {
            Ok(())
        }
        status => Err(format!("answered {status}: {}", page.main_content())),
    }
}

/// An import: its address, the form's other fields, the file's field and a good file.
struct Import {
    path: String,
    fields: Vec<(&'static str, &'static str)>,
    field: &'static str,
    sample: String,
}

/// A text the fixture's browser downloads, cut to its header and first `rows` rows.
async fn downloaded(browser: &mut Browser, path: &str, rows: usize) -> String {
    let page = browser.get(path).await;
    assert_eq!(page.status, StatusCode::OK, "{path}");
    let lines: Vec<&str> = page.body.lines().take(rows + 1).collect();
    format!("{}\n", lines.join("\n"))
}

#[tokio::test]
async fn every_import_answers_any_file() {
    let fixture = Fixture::new().await;
    let mut admin = fixture.browser(Who::Admin).await;
    let slug = fixture.path("/demarches/{slug}");
    let slug = slug.trim_start_matches("/demarches/");
    let proposals = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/data/contributions/decidim-lille-2019/proposals.csv"
    ))
    .unwrap();
    let proposals: String = proposals
        .lines()
        .take(6)
        .map(|l| format!("{l}\n"))
        .collect();
    let imports = [
        Import {
            path: fixture.path("/ateliers/{id}/import"),
            fields: vec![],
            field: "file",
            sample: "\u{feff}titre;description;thematique;commune\nPlus de bancs;Pour les aînés;Bien vieillir;90010\nUn bus;;Mobilite;Montbéliard\n".into(),
        },
        Import {
            path: fixture.path("/ateliers/{id}/solutions/import"),
            fields: vec![],
            field: "file",
            sample: "titre;description;besoins;groupes\nDes vélos partagés;Au centre;;\nUn café-réparation;;;\n".into(),
        },
        Import {
            path: format!("/gestion/demarches/{slug}/import-decidim"),
            fields: vec![],
            field: "file",
            sample: proposals,
        },
        Import {
            path: format!("/gestion/demarches/{slug}/solutions/import"),
            fields: vec![],
            field: "file",
            sample: downloaded(&mut admin, &format!("/gestion/demarches/{slug}/solutions.csv"), 4).await,
        },
        Import {
            path: format!("/gestion/demarches/{slug}/ressources/import"),
            fields: vec![],
            field: "file",
            sample: downloaded(&mut admin, &format!("/demarches/{slug}/ressources/ressources.csv"), 4)
                .await,
        },
        Import {
            path: fixture.path("/gestion/questionnaires/{id}/import"),
            fields: vec![],
            field: "file",
            sample: downloaded(
                &mut admin,
                &fixture.path("/gestion/questionnaires/{id}/export/reponses.csv"),
                4,
            )
            .await,
        },
        Import {
            path: fixture.path("/gestion/demarches/{slug}/indicateurs/{id}/import"),
            fields: vec![],
            field: "fichier",
            sample: "date;valeur\n2026-11-01;15\n2026-12-01;140\n2026-12-15;18,5\n".into(),
        },
        Import {
            path: "/gestion/observatoire".into(),
            fields: vec![("title", "RP"), ("source", "Insee"), ("licence", "Licence Ouverte")],
            field: "file",
            sample: "IRIS;COM;TYP_IRIS;P16_POP;P16_POP0014\n253880101;25388;H;2000;300\n900100000;90010;Z;800;100\n".into(),
        },
        Import {
            path: "/gestion/territoires".into(),
            fields: vec![("level", "quartier"), ("code_property", "code"), ("name_property", "nom")],
            field: "file",
            sample: r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"Q1","nom":"Centre"},"geometry":{"type":"Polygon","coordinates":[[[6.78,47.5],[6.81,47.5],[6.81,47.52],[6.78,47.5]]]}}]}"#.into(),
        },
    ];
    let mut runner = TestRunner::deterministic();
    let mut problems = Vec::new();
    for Import {
        path,
        fields,
        field,
        sample,
    } in imports
    {
        // The sample itself is read: the mutations start from a good file.
        let clean = admin
            .post_file(&path, &fields, (field, "fichier.csv", sample.as_bytes()))
            .await;
        assert_eq!(
            clean.status,
            StatusCode::OK,
            "{path}: {}",
            clean.main_content()
        );
        let strategy = inputs(sample);
        for _ in 0..CASES {
            let bytes = strategy.new_tree(&mut runner).unwrap().current();
            let page = admin
                .post_file(&path, &fields, (field, "fichier.csv", &bytes))
                .await;
            if let Err(problem) = understood(&page) {
                problems.push(format!(
                    "{path} with {:?}: {problem}",
                    String::from_utf8_lossy(&bytes)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[tokio::test]
async fn the_questionnaire_answers_any_form() {
    let fixture = Fixture::new().await;
    let mut participant = fixture.browser(Who::Participant).await;
    let mut runner = TestRunner::deterministic();
    let mut problems = Vec::new();
    for rank in 1..=3 {
        let path = fixture
            .path("/questionnaires/{id}/sections/{rank}")
            .replace("/sections/1", &format!("/sections/{rank}"));
        let form = participant.get(&path).await;
        // The first section is always open; a later one once the earlier are answered.
        assert!(rank > 1 || form.status == StatusCode::OK, "{path} answers");
        if form.status != StatusCode::OK {
            continue;
        }
        // Each field's name and the values the form offers for it (choices, boxes).
        let mut offered: Vec<(String, Vec<String>)> = Vec::new();
        let start = form
            .body
            .find(&format!("action=\"{path}\""))
            .unwrap_or_else(|| panic!("{path} holds its form"));
        let answers = &form.body[start..];
        let answers = &answers[..answers.find("</form>").unwrap_or(answers.len())];
        for tag in answers.split('<').filter(|t| {
            t.starts_with("input") || t.starts_with("select") || t.starts_with("textarea")
        }) {
            let attribute = |name: &str| {
                tag.split(&format!(" {name}=\""))
                    .nth(1)
                    .and_then(|rest| rest.split('"').next())
                    .map(str::to_owned)
            };
            let Some(name) = attribute("name").filter(|n| n != "_csrf") else {
                continue;
            };
            let at = match offered.iter().position(|(n, _)| *n == name) {
                Some(at) => at,
                None => {
                    offered.push((name, Vec::new()));
                    offered.len() - 1
                }
            };
            offered[at]
                .1
                .extend(attribute("value").filter(|v| !v.is_empty()));
        }
        assert!(!offered.is_empty(), "{path} has fields");
        let strategy = inputs("12;Montbéliard;25388;1;oui;2026-03-14");
        for case in 0..CASES {
            // The first case takes the values the form offers (a commune's code where it
            // offers none); each next one puts anything in more of the fields.
            let fields: Vec<(String, String)> = offered
                .iter()
                .map(|(name, values)| {
                    let pick = runner.rng().next_u32() as usize % CASES;
                    let value = match values.len() {
                        _ if pick < case => {
                            let bytes = strategy.new_tree(&mut runner).unwrap().current();
                            String::from_utf8_lossy(&bytes).into_owned()
                        }
                        0 => "25388".to_owned(),
                        n => values[pick % n].clone(),
                    };
                    (name.clone(), value)
                })
                .collect();
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            let page = participant.post(&path, &fields).await;
            if let Err(problem) = understood(&page) {
                problems.push(format!("{path} with {fields:?}: {problem}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

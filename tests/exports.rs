//! Open-data exports parsed back: CSV (UTF-8 with BOM, accents intact, no personal data),
//! GeoJSON (RFC 7946), and the managers' fuller CSV, refused to others.

mod common;

use axum::http::StatusCode;
use common::TestApp;

/// Splits a `;` CSV into rows of fields, honouring quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark first");
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn needs_export_as_csv_and_geojson_without_personal_data() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa Confidentielle").await;
    lea.post(
        "/demarches/aux-actes-citoyens/besoins",
        &[
            ("title", "Écoles; \"ouvertes\""),
            ("body", "Ligne 1\nLigne 2"),
            ("lat", "47.6379"),
            ("lon", "6.8628"),
        ],
    )
    .await;
    lea.post(
        "/demarches/aux-actes-citoyens/besoins",
        &[("title", "Sans lieu")],
    )
    .await;
    let mut visitor = app.browser();

    let csv = visitor
        .get("/demarches/aux-actes-citoyens/besoins.csv")
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let rows = parse_csv(&csv.body);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][..4], ["id", "titre", "description", "thematique"]);
    assert_eq!(rows[1][1], "Écoles; \"ouvertes\"");
    assert_eq!(rows[1][2], "Ligne 1\nLigne 2");
    assert_eq!(rows[1][4], "90010");
    assert!(!csv.body.contains("Léa Confidentielle") && !csv.body.contains("lea@exemple.fr"));

    let geojson = visitor
        .get("/demarches/aux-actes-citoyens/besoins.geojson")
        .await;
    let value: serde_json::Value = serde_json::from_str(&geojson.body).unwrap();
    assert_eq!(value["type"], "FeatureCollection");
    let features = value["features"].as_array().unwrap();
    assert_eq!(features.len(), 1, "only placed needs");
    assert_eq!(
        features[0]["geometry"]["coordinates"][0].as_f64(),
        Some(6.8628)
    );
    assert_eq!(features[0]["properties"]["commune"], "Belfort");
    assert!(!geojson.body.contains("Confidentielle"));

    assert_eq!(
        lea.get("/gestion/demarches/aux-actes-citoyens/besoins.csv")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let full = manager
        .get("/gestion/demarches/aux-actes-citoyens/besoins.csv")
        .await;
    let rows = parse_csv(&full.body);
    assert_eq!(rows[0].last().unwrap(), "motif_moderation");
    assert_eq!(
        rows[1][rows[0].iter().position(|h| h == "statut").unwrap()],
        "published"
    );
}

//! Open-data exports parsed back: CSV (UTF-8 with BOM, accents intact, no personal data),
//! GeoJSON (RFC 7946), and the managers' fuller CSV, refused to others.

use crate::common::TestApp;
use axum::http::StatusCode;

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
    assert_eq!(rows[0].last().unwrap(), "fusionne_dans");
    assert_eq!(
        rows[1][rows[0].iter().position(|h| h == "statut").unwrap()],
        "published"
    );
}

/// Every XML part of a workbook by name, read once with an independent ZIP reader and each
/// checked to be well-formed.
pub(crate) fn xlsx_parts(bytes: &[u8]) -> std::collections::BTreeMap<String, String> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP archive");
    let mut parts = std::collections::BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut xml = String::new();
        file.read_to_string(&mut xml).unwrap();
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        parts.insert(name, xml);
    }
    parts
}

/// The cells of the first sheet of a workbook's parts, read with an independent XML reader:
/// each as `(is_number, text)`, shared strings resolved.
pub(crate) fn read_xlsx(
    parts: &std::collections::BTreeMap<String, String>,
) -> Vec<Vec<(bool, String)>> {
    for name in [
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/workbook.xml",
        "xl/styles.xml",
    ] {
        assert!(parts.contains_key(name), "{name} is missing");
    }
    let text_of = |node: roxmltree::Node| -> String {
        node.descendants()
            .filter(|n| n.has_tag_name("t"))
            .filter_map(|n| n.text())
            .collect()
    };
    let shared: Vec<String> = match parts.get("xl/sharedStrings.xml") {
        Some(xml) => roxmltree::Document::parse(xml)
            .unwrap()
            .descendants()
            .filter(|n| n.has_tag_name("si"))
            .map(text_of)
            .collect(),
        None => Vec::new(),
    };
    let sheet = parts
        .get("xl/worksheets/sheet1.xml")
        .expect("the first sheet");
    let document = roxmltree::Document::parse(sheet).expect("well-formed XML");
    document
        .descendants()
        .filter(|n| n.has_tag_name("row"))
        .map(|row| {
            // Empty cells are left out: place each cell by the column letters of its reference.
            let mut cells = Vec::new();
            for cell in row.children().filter(|c| c.has_tag_name("c")) {
                let reference = cell.attribute("r").expect("a cell reference");
                let column = reference
                    .chars()
                    .take_while(char::is_ascii_uppercase)
                    .fold(0, |n, c| n * 26 + (c as usize - 'A' as usize + 1))
                    - 1;
                let value = || {
                    cell.children()
                        .find(|n| n.has_tag_name("v"))
                        .and_then(|v| v.text())
                        .unwrap_or_default()
                        .to_owned()
                };
                let (number, text) = match cell.attribute("t") {
                    None | Some("n") => (true, value()),
                    Some("s") => (false, shared[value().parse::<usize>().unwrap()].clone()),
                    Some("inlineStr") => (false, text_of(cell)),
                    Some(other) => (false, format!("<{other}> {}", value())),
                };
                cells.resize(cells.len().max(column + 1), (false, String::new()));
                cells[column] = (number, text);
            }
            cells
        })
        .collect()
}

#[tokio::test]
async fn needs_export_as_xlsx_and_deleted_authors_become_anonymous() {
    let app = TestApp::with_demo().await;
    let mut lea = app.signed_in("lea@exemple.fr", "Léa Confidentielle").await;
    let mut marc = app.signed_in("marc@exemple.fr", "Marc Parti").await;
    lea.post(
        "/demarches/aux-actes-citoyens/besoins",
        &[
            ("title", "=HYPERLINK(\"x\") Écoles & crèches"),
            ("lat", "47.6379"),
            ("lon", "6.8628"),
        ],
    )
    .await;
    marc.post(
        "/demarches/aux-actes-citoyens/besoins",
        &[("title", "Un besoin de Marc")],
    )
    .await;
    let deleted = marc
        .post(
            "/compte/suppression",
            &[
                ("delete_password", "un mot de passe solide"),
                ("delete_confirm", "oui"),
            ],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);

    let mut visitor = app.browser();
    let public = visitor
        .get("/demarches/aux-actes-citoyens/besoins.xlsx")
        .await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.headers["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    let parts = xlsx_parts(&public.bytes);
    let rows = read_xlsx(&parts);
    assert_eq!(rows.len(), 3);
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    assert!(
        sheet.contains(r#"ySplit="1""#) && sheet.contains(r#"state="frozen""#),
        "the header row stays in view"
    );
    let last_column = (b'A' + rows[0].len() as u8 - 1) as char;
    assert!(
        sheet.contains(&format!(r#"<autoFilter ref="A1:{last_column}3"/>"#)),
        "the header filters the whole table"
    );
    assert!(!sheet.contains("<f>"), "no formula anywhere");
    let header: Vec<&str> = rows[0].iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(header[..3], ["id", "titre", "description"]);
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let lea_row = rows
        .iter()
        .find(|r| r[column("titre")].1.contains("Écoles"))
        .expect("Léa's need");
    assert_eq!(
        lea_row[column("titre")],
        (false, "=HYPERLINK(\"x\") Écoles & crèches".to_owned()),
        "text stays text, never a formula"
    );
    assert_eq!(lea_row[column("commune")].1, "Belfort");
    assert_eq!(lea_row[column("longitude")], (true, "6.8628".to_owned()));
    assert_eq!(lea_row[column("soutiens")], (true, "0".to_owned()));
    assert!(!String::from_utf8_lossy(&public.bytes).contains("Confidentielle"));
    assert!(
        rows.iter()
            .flatten()
            .all(|(_, text)| !text.contains("Léa") && !text.contains("Marc Parti"))
    );

    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let full = manager
        .get("/gestion/demarches/aux-actes-citoyens/besoins.xlsx")
        .await;
    assert_eq!(full.status, StatusCode::OK);
    let rows = read_xlsx(&xlsx_parts(&full.bytes));
    let header: Vec<&str> = rows[0].iter().map(|(_, t)| t.as_str()).collect();
    let (title, author) = (
        header.iter().position(|h| *h == "titre").unwrap(),
        header.iter().position(|h| *h == "auteur").unwrap(),
    );
    let author_of = |needle: &str| {
        rows.iter()
            .find(|r| r[title].1.contains(needle))
            .map(|r| r[author].1.clone())
            .unwrap()
    };
    assert_eq!(author_of("Écoles"), "Léa Confidentielle");
    assert_eq!(author_of("Un besoin de Marc"), "participant anonyme");
    let csv = manager
        .get("/gestion/demarches/aux-actes-citoyens/besoins.csv")
        .await;
    assert!(csv.body.contains("participant anonyme"));
    assert_eq!(
        lea.get("/gestion/demarches/aux-actes-citoyens/besoins.xlsx")
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

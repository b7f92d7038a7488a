//! Workshops over HTTP: a facilitator creates one, records attendance and captures needs in a
//! row, each attributed to the workshop; bad input is refused; others may not.

use crate::common::{Browser, TestApp};
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::events;
use concerto::features::needs;
use concerto::features::needs::rules::Source;
use concerto::features::processes;

async fn facilitator(app: &TestApp) -> Browser {
    app.demo_account("animation@demo.concerto.localhost").await
}

const WORKSHOP: [(&str, &str); 7] = [
    ("kind", "atelier"),
    ("title", "Atelier aux Résidences"),
    ("starts_at", "2026-12-05T14:00"),
    ("ends_at", "2026-12-05T17:00"),
    ("commune", "90010"),
    ("capacity", "30"),
    ("audience", "publics_eloignes"),
];

#[tokio::test]
async fn a_facilitator_creates_a_workshop_records_attendance_and_captures_twenty_needs() {
    let app = TestApp::with_demo().await;
    let mut anis = facilitator(&app).await;
    let created = anis
        .post("/demarches/aux-actes-citoyens/ateliers", &WORKSHOP)
        .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let id: i64 = created
        .location()
        .trim_start_matches("/ateliers/")
        .parse()
        .unwrap();
    let agenda = app
        .browser()
        .get("/demarches/aux-actes-citoyens/agenda")
        .await;
    assert!(
        agenda.body.contains("Atelier aux Résidences")
            && agenda.body.contains("5 décembre 2026, 14 h 00")
    );

    assert_eq!(
        anis.post(
            &format!("/ateliers/{id}/participation"),
            &[("attendance", "-3")]
        )
        .await
        .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // A breakdown that counts more people than came is refused, next to its fieldset, and
    // what was typed stays in the form.
    let too_many = anis
        .post(
            &format!("/ateliers/{id}/participation"),
            &[
                ("attendance", "23"),
                ("age.18-29", "20"),
                ("age.60-74", "4"),
                ("public.jeunesse", "douze"),
            ],
        )
        .await;
    assert_eq!(too_many.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(too_many.shows("Cette répartition compte 24 personnes, plus que les 23 présentes."));
    assert!(too_many.shows("Saisissez un nombre entier positif."));
    assert_eq!(too_many.input_value("age.60-74").as_deref(), Some("4"));
    assert!(
        events::store::breakdown(app.db(), id)
            .await
            .unwrap()
            .is_empty()
    );

    let saved = anis
        .post(
            &format!("/ateliers/{id}/participation"),
            &[
                ("attendance", "23"),
                ("age.18-29", "15"),
                ("age.60-74", "4"),
                ("age.75-plus", ""),
                ("public.jeunesse", "12"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert_eq!(
        events::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .attendance,
        Some(23)
    );
    let mut breakdown = events::store::breakdown(app.db(), id).await.unwrap();
    breakdown.sort_by(|a, b| (&a.category, &a.value).cmp(&(&b.category, &b.value)));
    let lines: Vec<(&str, &str, i64)> = breakdown
        .iter()
        .map(|l| (l.category.as_str(), l.value.as_str(), l.count))
        .collect();
    assert_eq!(
        lines,
        [
            ("age", "18-29", 15),
            ("age", "60-74", 4),
            ("public", "jeunesse", 12)
        ]
    );
    // Anyone sees who came, as counts only.
    let public = app.browser().get(&format!("/ateliers/{id}")).await;
    assert!(public.shows("Qui est venu"));
    assert!(public.shows("18 à 29 ans : <strong>15</strong>"));
    assert!(public.shows("Jeunesse : <strong>12</strong>"));

    let form = anis.get(&format!("/ateliers/{id}/saisie")).await;
    assert!(
        form.body.contains("<option value=\"90010\" selected>"),
        "the workshop's commune comes first"
    );
    assert!(form.body.contains("autofocus"));
    for n in 0..20 {
        let page = anis
            .post(
                &format!("/ateliers/{id}/saisie"),
                &[("title", &format!("Post-it {n}")), ("commune", "90010")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
        assert_eq!(
            page.location(),
            format!("/ateliers/{id}/saisie?commune=90010")
        );
    }
    let empty = anis
        .post(
            &format!("/ateliers/{id}/saisie"),
            &[("title", ""), ("commune", "90010")],
        )
        .await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        events::store::captured(app.db(), id).await.unwrap().len(),
        20
    );
    let listed = app
        .browser()
        .get("/demarches/aux-actes-citoyens/besoins?source=workshop")
        .await;
    assert!(listed.shows("20 besoins"));
    let need = needs::store::by_id(
        app.db(),
        events::store::captured(app.db(), id).await.unwrap()[0].0,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!((need.source, need.author_id), (Source::Workshop, None));
}

#[tokio::test]
async fn bad_events_are_refused_and_only_facilitators_create_or_capture() {
    let app = TestApp::with_demo().await;
    let mut anis = facilitator(&app).await;
    let mut reversed = WORKSHOP.to_vec();
    reversed[3] = ("ends_at", "2026-12-05T13:00");
    reversed[4] = ("commune", "70550");
    let page = anis
        .post("/demarches/aux-actes-citoyens/ateliers", &reversed)
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.shows("L'événement doit se terminer après son début."));
    assert!(page.shows("Ce lieu est hors du territoire de la démarche."));

    let mut participant = app.signed_in("p@exemple.fr", "P").await;
    assert_eq!(
        participant
            .post("/demarches/aux-actes-citoyens/ateliers", &WORKSHOP)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let id: i64 = anis
        .post("/demarches/aux-actes-citoyens/ateliers", &WORKSHOP)
        .await
        .location()
        .trim_start_matches("/ateliers/")
        .parse()
        .unwrap();
    assert_eq!(
        participant
            .post(&format!("/ateliers/{id}/saisie"), &[("title", "Intrus")])
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        participant
            .post(
                &format!("/ateliers/{id}/participation"),
                &[("attendance", "5")]
            )
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    assert!(
        events::store::captured(app.db(), id)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        events::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .attendance,
        None
    );
}

#[tokio::test]
async fn registration_stops_at_capacity_and_can_be_cancelled() {
    let app = TestApp::with_demo().await;
    let mut anis = facilitator(&app).await;
    let mut small = WORKSHOP.to_vec();
    small[5] = ("capacity", "2");
    let id: i64 = anis
        .post("/demarches/aux-actes-citoyens/ateliers", &small)
        .await
        .location()
        .trim_start_matches("/ateliers/")
        .parse()
        .unwrap();
    let mut people = Vec::new();
    for n in 0..3 {
        people.push(
            app.signed_in(&format!("p{n}@exemple.fr"), &format!("P{n}"))
                .await,
        );
    }
    for browser in people.iter_mut().take(2) {
        let page = browser
            .post(
                &format!("/ateliers/{id}/inscription"),
                &[("action", "inscrire")],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER);
    }
    // Registering twice counts once.
    people[0]
        .post(
            &format!("/ateliers/{id}/inscription"),
            &[("action", "inscrire")],
        )
        .await;
    let full = people[2]
        .post(
            &format!("/ateliers/{id}/inscription"),
            &[("action", "inscrire")],
        )
        .await;
    assert_eq!(full.status, StatusCode::CONFLICT);
    assert!(full.shows("Cet événement est complet"));
    assert_eq!(
        events::store::by_id(app.db(), id)
            .await
            .unwrap()
            .unwrap()
            .registered,
        2
    );
    assert!(
        !events::store::is_registered(
            app.db(),
            id,
            accounts::users::by_email(app.db(), "p2@exemple.fr")
                .await
                .unwrap()
                .unwrap()
                .id
        )
        .await
        .unwrap()
    );

    people[1]
        .post(
            &format!("/ateliers/{id}/inscription"),
            &[("action", "desinscrire")],
        )
        .await;
    let now = people[2]
        .post(
            &format!("/ateliers/{id}/inscription"),
            &[("action", "inscrire")],
        )
        .await;
    assert_eq!(
        now.status,
        StatusCode::SEE_OTHER,
        "a cancelled place is free again"
    );
    assert!(
        people[2]
            .get(&format!("/ateliers/{id}"))
            .await
            .body
            .contains("Complet")
    );
}

#[tokio::test]
async fn the_agenda_is_an_icalendar_feed() {
    let app = TestApp::with_demo().await;
    let mut anis = facilitator(&app).await;
    anis.post("/demarches/aux-actes-citoyens/ateliers", &WORKSHOP)
        .await;
    let mut second = WORKSHOP.to_vec();
    second[1] = ("title", "Table ronde ; jeunesse, emploi");
    second[0] = ("kind", "table_ronde");
    anis.post("/demarches/aux-actes-citoyens/ateliers", &second)
        .await;
    let feed = app
        .browser()
        .get("/demarches/aux-actes-citoyens/agenda.ics")
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(
        feed.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let text = feed.body;
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.lines().all(|l| l.len() <= 76));
    let unfolded = text.replace("\r\n ", "");
    assert_eq!(unfolded.matches("BEGIN:VEVENT").count(), 2);
    assert!(unfolded.contains("DTSTART;TZID=Europe/Paris:20261205T140000"));
    assert!(unfolded.contains("SUMMARY:Table ronde \\; jeunesse\\, emploi"));
    assert!(unfolded.contains("LOCATION:Belfort"));
    assert!(unfolded.contains("BEGIN:VTIMEZONE") && unfolded.contains("TZID:Europe/Paris"));

    // A lone carriage return typed in the process's title cannot start a line of the feed.
    let mut manager = app.demo_account("gestion@demo.concerto.localhost").await;
    let saved = manager
        .post(
            "/gestion/demarches/aux-actes-citoyens",
            &[
                ("title", "Aux Actes\rX-INJECTED:oui"),
                ("slug", "aux-actes-citoyens"),
                ("summary", "Résumé\r\nsur deux lignes"),
                ("description", "Texte"),
                ("status", "published"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let process = processes::store::by_slug(app.db(), "aux-actes-citoyens")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(process.title, "Aux Actes X-INJECTED:oui");
    assert_eq!(process.summary, "Résumé sur deux lignes");
    let feed = app
        .browser()
        .get("/demarches/aux-actes-citoyens/agenda.ics")
        .await
        .body;
    assert!(
        feed.split("\r\n")
            .all(|line| !line.contains('\r') && !line.starts_with("X-INJECTED"))
    );
}

#[tokio::test]
async fn a_csv_of_captured_needs_keeps_good_rows_and_names_bad_ones() {
    let app = TestApp::with_demo().await;
    let mut anis = facilitator(&app).await;
    let id: i64 = anis
        .post("/demarches/aux-actes-citoyens/ateliers", &WORKSHOP)
        .await
        .location()
        .trim_start_matches("/ateliers/")
        .parse()
        .unwrap();
    let csv = "\u{feff}titre;description;thematique;commune\n\
               Plus de bancs;Pour les aînés;Bien vieillir;90010\n\
               ;sans titre;;\n\
               Un bus;;Mobilite;Montbéliard\n\
               Un thème inventé;;Astronomie;90010\n\
               Ailleurs;;;70550\n";
    let page = anis
        .post_multipart(
            &format!("/ateliers/{id}/import"),
            &[],
            ("file", "postits.csv", csv),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.shows("2 besoins importés."));
    assert!(page.shows("Ligne 3 : Titre du besoin : Ce champ est obligatoire."));
    assert!(page.shows("Ligne 5 : thématique inconnue « Astronomie »"));
    assert!(page.shows("Ligne 6 : commune hors du territoire de la démarche « 70550 »"));
    let captured = events::store::captured(app.db(), id).await.unwrap();
    assert_eq!(captured.len(), 2);
    let bus = needs::store::by_id(
        app.db(),
        captured.iter().find(|(_, t)| t == "Un bus").unwrap().0,
    )
    .await
    .unwrap()
    .unwrap();
    assert_eq!(
        (bus.theme_name.as_deref(), bus.territory_code.as_deref()),
        (Some("Mobilité"), Some("25388")),
        "accents and names forgiven"
    );

    // Without a byte-order mark and with a single column it reads just as well (other
    // encodings are refused: see the tables module's tests).
    let without_bom = anis
        .post_multipart(
            &format!("/ateliers/{id}/import"),
            &[],
            ("file", "x.csv", "titre\nÉcole\n"),
        )
        .await;
    assert!(without_bom.shows("1 besoin importé."));
    let missing = anis
        .post_multipart(
            &format!("/ateliers/{id}/import"),
            &[],
            ("file", "x.csv", "nom;commune\nÉcole;90010\n"),
        )
        .await;
    assert_eq!(missing.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(missing.shows("Colonne manquante : « titre »."));
    assert_eq!(
        events::store::captured(app.db(), id).await.unwrap().len(),
        3
    );
}

//! Personal data: the download holds every row that names the person, and deleting the
//! account leaves no row naming it. The columns that refer to accounts are read from the
//! database's own catalogue, so a table added later cannot be forgotten.

use crate::common;

use std::collections::BTreeSet;

use crate::common::TestApp;
use axum::http::StatusCode;
use concerto::features::accounts;
use concerto::features::accounts::personal_data::HELD;
use concerto::features::events;
use concerto::features::moderation;
use concerto::features::needs;
use concerto::features::needs::service::{Contribution, Origin};
use concerto::features::opinions;
use concerto::features::opinions::rules::StatementStatus;
use concerto::features::processes;
use concerto::features::processes::rules::Status;
use concerto::features::solutions;
use concerto::features::syntheses;
use concerto::platform::audit;
use concerto::platform::db::Db;
use concerto::platform::mail::queue as mail_queue;
use concerto::platform::permissions::{ProcessRole, Role};

const PASSWORD: &str = "un mot de passe solide";

/// Every `(table, column)` of the schema whose foreign key refers to `users`, read from the
/// engine's catalogue, and `users.id` itself.
async fn columns_naming_accounts(db: &Db) -> BTreeSet<(String, String)> {
    let mut columns: Vec<(String, String)> = match db {
        Db::Sqlite(pool, _) => sqlx::query_as(
            "SELECT m.name, p.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) p
             WHERE m.type = 'table' AND p.\"table\" = 'users'",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
        Db::Postgres(pool, _) => sqlx::query_as(
            "SELECT kcu.table_name::TEXT, kcu.column_name::TEXT
             FROM information_schema.table_constraints tc
             JOIN information_schema.key_column_usage kcu
               ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema
             JOIN information_schema.constraint_column_usage ccu
               ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema
             WHERE tc.constraint_type = 'FOREIGN KEY' AND ccu.table_name = 'users'
               AND tc.table_schema = current_schema()",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    };
    columns.push(("users".into(), "id".into()));
    columns.into_iter().collect()
}

/// How many rows of `table` have `column` = `id`.
async fn rows_naming(db: &Db, table: &str, column: &str, id: i64) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
    let (n,): (i64,) = concerto::with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(id).fetch_one(pool).await)
    .unwrap();
    n
}

#[tokio::test]
async fn every_column_naming_an_account_is_in_the_download() {
    let app = TestApp::new().await;
    let catalogue = columns_naming_accounts(app.db()).await;
    let held: BTreeSet<(String, String)> = HELD
        .iter()
        .map(|h| (h.table.to_owned(), h.column.to_owned()))
        .collect();
    let missing: Vec<_> = catalogue.difference(&held).collect();
    assert!(
        missing.is_empty(),
        "columns that name an account but are not in the download: {missing:?}"
    );
    let stale: Vec<_> = held.difference(&catalogue).collect();
    assert!(
        stale.is_empty(),
        "held columns the schema does not have: {stale:?}"
    );
    assert!(catalogue.len() >= 20, "{catalogue:?}");
}

/// An account that did everything the platform lets one do, so that each column naming
/// accounts holds a row of it. Returns its id.
async fn busy_account(app: &TestApp, browser: &mut common::Browser) -> i64 {
    let db = app.db();
    let me = accounts::users::by_email(db, "rose@exemple.fr")
        .await
        .unwrap()
        .unwrap()
        .id;
    let other = accounts::users::create(db, "autre@exemple.fr", "Autre", "!", true)
        .await
        .unwrap()
        .unwrap()
        .id;
    accounts::roles::grant(db, me, Role::Manager, None)
        .await
        .unwrap();
    accounts::roles::grant(db, other, Role::Moderator, Some(me))
        .await
        .unwrap();
    let process = processes::store::create(
        db,
        &processes::store::ProcessFields {
            slug: "velo".into(),
            title: "Vélo".into(),
            summary: "Résumé".into(),
            description: String::new(),
            status: Status::Published,
        },
        Some(me),
    )
    .await
    .unwrap()
    .unwrap();
    processes::store::add_member(db, process, me, ProcessRole::Moderator)
        .await
        .unwrap();
    audit::record(db, Some(me), "process.create", "process:velo", "")
        .await
        .unwrap();
    audit::record(
        db,
        Some(other),
        "role.grant",
        &format!("user:{me} (rose@exemple.fr)"),
        "manager",
    )
    .await
    .unwrap();
    let event = common::workshop(db, process, me).await;
    events::store::register(db, event, me).await.unwrap();
    let mine = needs::service::contribute(
        db,
        process,
        &Contribution {
            origin: Origin::Online {
                author_id: Some(me),
            },
            ..common::plain_need("Des arceaux à vélo", 1_700_000_000_000)
        },
    )
    .await
    .unwrap();
    let theirs = needs::service::contribute(
        db,
        process,
        &Contribution {
            origin: Origin::Workshop {
                workshop_id: event,
                facilitator_id: me,
            },
            ..common::plain_need("Une piste le long du canal", 1_700_000_000_001)
        },
    )
    .await
    .unwrap();
    // Over HTTP: a support (and its rate-limit counter), a comment, a report.
    let supported = browser
        .post(
            &format!("/besoins/{theirs}/soutien"),
            &[("action", "ajouter")],
        )
        .await;
    assert_eq!(
        supported.status,
        StatusCode::SEE_OTHER,
        "{}",
        supported.body
    );
    let commented = browser
        .post(
            &format!("/besoins/{theirs}/commentaires"),
            &[("comment", "Oui, et éclairée !")],
        )
        .await;
    assert_eq!(commented.status, StatusCode::SEE_OTHER);
    let reported = browser
        .post(
            &format!("/besoins/{theirs}/signalement"),
            &[("reason", "doublon")],
        )
        .await;
    assert_eq!(reported.status, StatusCode::SEE_OTHER);
    // A report by someone else, resolved by this account.
    moderation::store::report(
        db,
        process,
        moderation::store::Target::Need(mine),
        other,
        "hors sujet",
    )
    .await
    .unwrap();
    moderation::store::set_visibility(db, moderation::store::Target::Need(mine), false, None, me)
        .await
        .unwrap();
    let solution = solutions::service::propose(
        db,
        &solutions::store::NewSolution {
            process_id: process,
            title: "Un atelier de réparation".into(),
            body: "Chaque samedi.".into(),
            theme_id: None,
            scope: solutions::rules::Scope::Territory,
            territory_id: None,
            point: None,
            organisation: String::new(),
            stage_id: None,
            progress: 0,
            source: solutions::rules::Source::Online,
            event_id: None,
            author_id: Some(me),
            entered_by: Some(me),
            external_id: None,
            answer: None,
            carriers: vec![me],
            needs: vec![theirs],
            clusters: vec![],
            terms: vec![],
            created_at: 1_700_000_000_002,
        },
    )
    .await
    .unwrap();
    solutions::service::add_milestone(db, solution, "2026-01-15", "Premier samedi", "", None, me)
        .await
        .unwrap();
    // Over HTTP: a comment on the solution and its picture.
    let commented = browser
        .post(
            &format!("/solutions/{solution}/commentaires"),
            &[("comment", "Je viens aider le samedi.")],
        )
        .await;
    assert_eq!(
        commented.status,
        StatusCode::SEE_OTHER,
        "{}",
        commented.body
    );
    let pictured = browser
        .post_file(
            &format!("/solutions/{solution}/image"),
            &[("image_texte", "Un vélo réparé")],
            (
                "image",
                "velo.jpg",
                &crate::solutions::media::photo_with_exif(64, 48),
            ),
        )
        .await;
    assert_eq!(pictured.status, StatusCode::SEE_OTHER, "{}", pictured.body);
    solutions::store::set_support(db, solution, me, true)
        .await
        .unwrap();
    // An organisation registered, which it speaks for.
    let organisation = concerto::features::partners::store::OrganisationFields {
        name: "Vélos du canal".into(),
        kind: concerto::features::partners::rules::OrganisationKind::Association,
        siret: None,
        rna: Some("W751208541".into()),
        website: String::new(),
        description: String::new(),
        territory_id: None,
    };
    let organisation = concerto::features::partners::store::create(db, &organisation, me)
        .await
        .unwrap()
        .unwrap();
    // In the bourse: an offer of its organisation, a request for its solution, a
    // companionship between the two, logged and testified.
    {
        use concerto::features::bourse::rules::{Side, State, SupportKind};
        use concerto::features::bourse::store as bourse;
        let offer = bourse::add_offer(
            db,
            &bourse::NewOffer {
                process_id: process,
                organisation_id: organisation,
                kind: SupportKind::Equipment,
                title: "Des outils à prêter".into(),
                body: "Clés et pompes".into(),
                theme_id: None,
                territory_id: None,
                capacity: 2,
                ends_on: None,
                created_by: me,
            },
        )
        .await
        .unwrap();
        let request = bourse::add_request(
            db,
            &bourse::NewRequest {
                process_id: process,
                solution_id: solution,
                kind: SupportKind::Equipment,
                title: "Des outils pour l'atelier".into(),
                body: "Clés".into(),
                amount: 1,
                needed_by: None,
                created_by: me,
            },
        )
        .await
        .unwrap();
        let offer = bourse::offer(db, offer).await.unwrap().unwrap();
        let id = bourse::propose(db, &offer, request, 1, Side::Carrier)
            .await
            .unwrap()
            .unwrap();
        let companionship = bourse::companionship(db, id).await.unwrap().unwrap();
        let accept = bourse::Transition {
            from: State::Proposed,
            to: State::Accepted,
            by: Side::Partner,
            reason: None,
        };
        bourse::apply(db, &companionship, accept)
            .await
            .unwrap()
            .unwrap();
        bourse::add_log(db, id, me, "meeting", "2026-12-01", "Remise des clés")
            .await
            .unwrap();
        bourse::testify(db, id, Side::Carrier, me, "Merci !")
            .await
            .unwrap();
    }
    {
        use concerto::features::resources::rules::{Publication, Range, ResourceKind};
        use concerto::features::resources::store::{self as resources, Fields, NewResource};
        let fields = Fields {
            kind: ResourceKind::Guide,
            title: "Réparer son vélo".into(),
            summary: "Pas à pas".into(),
            url: Some("https://exemple.fr/velo".into()),
            themes: Vec::new(),
            stages: Vec::new(),
            audiences: Vec::new(),
            perimeter: Vec::new(),
            source: String::new(),
            licence: String::new(),
            funder: String::new(),
            amount: Range::default(),
            rate: Range::default(),
            deadline: None,
            recurrence: None,
        };
        let mine = NewResource {
            fields: fields.clone(),
            media_id: None,
            status: Publication::Review,
            created_by: Some(me),
        };
        let ids = resources::write(db, process, &[mine], &[]).await.unwrap();
        let resource = resources::by_id(db, ids[0]).await.unwrap().unwrap();
        for _ in 0..2 {
            resources::suggest_edit(db, &resource, me, "[]", "Plus clair")
                .await
                .unwrap();
        }
        let edit = resources::pending_edits(db, process).await.unwrap()[0].clone();
        assert!(
            resources::decide_edit(db, &edit, process, Some(&fields), me)
                .await
                .unwrap()
        );
    }
    {
        use concerto::features::questionnaires::rules::{AnswerRow, Kind, Source};
        use concerto::features::questionnaires::store::{
            self as questionnaires, QuestionDraft, Respondent, Saving, Settings,
        };
        let settings = Settings {
            title: "Mobilités".into(),
            ..Settings::default()
        };
        let id = questionnaires::create(db, process, &settings, "Vous", Some(me))
            .await
            .unwrap();
        let section = questionnaires::structure(db, id).await.unwrap()[0].id;
        let draft = QuestionDraft {
            kind: Kind::ShortText,
            profile: None,
            label: "Votre idée".into(),
            help: String::new(),
            required: false,
            min_value: None,
            max_value: None,
            max_choices: None,
            low_label: String::new(),
            high_label: String::new(),
            shown_if_choice: None,
            choices: Vec::new(),
            rows: Vec::new(),
        };
        let question = questionnaires::add_question(db, id, section, &draft)
            .await
            .unwrap();
        let row = AnswerRow {
            question_id: question,
            item: 0,
            number: None,
            text: Some("Un tram".into()),
        };
        for (source, account_id, entered_by) in [
            (Source::Online, Some(me), None),
            (Source::Paper, None, Some(me)),
        ] {
            let respondent = Respondent {
                account_id,
                resume_hash: None,
                source,
                event_id: None,
                entered_by,
            };
            let saving = Saving {
                response_id: None,
                respondent: &respondent,
                replaced: &[],
                rows: std::slice::from_ref(&row),
                next_section: 1,
                submit: true,
            };
            questionnaires::save(db, id, &saving).await.unwrap();
        }
    }
    accounts::profiles::save(db, me, None, Some("30-44"), Some("salarie"))
        .await
        .unwrap();
    {
        use concerto::features::observatory::service::{ImportOptions, import};
        let tr = concerto::platform::i18n::Tr::new(concerto::platform::i18n::Lang::Fr);
        let options = ImportOptions {
            title: "Populations".into(),
            source: "Insee".into(),
            licence: "Licence Ouverte".into(),
            year: Some(2023),
        };
        let commune = concerto::features::territories::store::NewTerritory {
            level: "commune",
            code: "90010",
            name: "Belfort",
            parent_id: None,
            population: None,
            population_year: None,
            population_source: None,
            boundary: None,
        };
        concerto::features::territories::store::upsert(db, &commune)
            .await
            .unwrap();
        import(
            db,
            b"COM;PMUN\n90010;1000\n".to_vec(),
            &options,
            Some(me),
            tr,
        )
        .await
        .unwrap();
    }
    moderation::notices::enqueue(db, me, mine, moderation::notices::Kind::Commented, "Autre")
        .await
        .unwrap();
    let synthesis = syntheses::store::start(
        db,
        process,
        concerto::features::syntheses::rules::Scope::All,
        Some(me),
    )
    .await
    .unwrap()
    .unwrap();
    syntheses::store::save_draft(db, synthesis, &[], 0)
        .await
        .unwrap();
    assert!(syntheses::store::validate(db, synthesis, me).await.unwrap());
    let statement = opinions::store::create_statement(
        db,
        process,
        "Plus d'arceaux",
        me,
        None,
        StatementStatus::Pending,
    )
    .await
    .unwrap();
    opinions::store::moderate(db, statement, StatementStatus::Accepted, me)
        .await
        .unwrap();
    opinions::store::vote(db, process, statement, me, 1)
        .await
        .unwrap();
    concerto::platform::mail::postman::queue(
        &app.state,
        Some(me),
        &concerto::platform::mail::Email {
            to: "rose@exemple.fr".into(),
            subject: "Sujet en attente".into(),
            body: "Corps".into(),
        },
        concerto::platform::i18n::Lang::Fr,
    )
    .await
    .unwrap();
    me
}

#[tokio::test]
async fn the_download_holds_every_row_naming_the_person_and_deleting_leaves_none() {
    let app = TestApp::new().await;
    let mut browser = app.signed_in("rose@exemple.fr", "Rose").await;
    let me = busy_account(&app, &mut browser).await;
    let catalogue = columns_naming_accounts(app.db()).await;
    for (table, column) in &catalogue {
        assert!(
            rows_naming(app.db(), table, column, me).await > 0,
            "the busy account leaves no row in {table}.{column}: this test must give it one"
        );
    }

    let download = browser.get("/compte/donnees").await;
    assert_eq!(download.status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&download.body).unwrap();
    for held in HELD {
        let section = &data[held.section];
        let present = match section {
            serde_json::Value::Array(rows) => !rows.is_empty(),
            serde_json::Value::Object(_) => true,
            _ => false,
        };
        assert!(
            present,
            "{} ({}.{}) is empty",
            held.section, held.table, held.column
        );
    }
    assert_eq!(data["account"]["email"], "rose@exemple.fr");
    assert_eq!(data["resources"][0]["title"], "Réparer son vélo");
    assert_eq!(data["resource_edits_suggested"][0]["note"], "Plus clair");
    assert_eq!(data["questionnaire_answers"][0]["text"], "Un tram");
    assert_eq!(data["questionnaire_answers"][0]["question"], "Votre idée");
    assert_eq!(data["needs"][0]["title"], "Des arceaux à vélo");
    assert_eq!(data["supports"][0]["need"], "Une piste le long du canal");
    assert_eq!(data["comments"][0]["body"], "Oui, et éclairée !");
    assert_eq!(data["registrations"][0]["event"], "Atelier vélo");
    assert_eq!(data["profile"]["age_bracket"], "30-44");
    assert_eq!(data["opinion_votes"][0]["value"], 1);
    assert_eq!(data["solutions"][0]["title"], "Un atelier de réparation");
    assert_eq!(data["solution_milestones"][0]["title"], "Premier samedi");
    assert_eq!(data["comments"][1]["solution"], "Un atelier de réparation");
    assert_eq!(data["uploaded_files"][0]["description"], "Un vélo réparé");
    assert_eq!(data["uploaded_files"][0]["media_type"], "image/jpeg");
    assert_eq!(
        data["organisations_spoken_for"][0]["name"],
        "Vélos du canal"
    );
    assert_eq!(data["organisations_registered"][0]["rna"], "W751208541");
    assert_eq!(data["bourse_offers"][0]["title"], "Des outils à prêter");
    assert_eq!(
        data["bourse_requests"][0]["title"],
        "Des outils pour l'atelier"
    );
    assert_eq!(data["bourse_log"][0]["body"], "Remise des clés");
    assert_eq!(data["bourse_testimonies"][0]["body"], "Merci !");
    assert!(
        data["actions_about_you"][0]["subject"]
            .as_str()
            .unwrap()
            .contains(&format!("user:{me}"))
    );
    assert!(
        data["rate_limit_counters"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["kind"] == "supports")
    );
    // Never a secret: no password hash, no session or link digest, no mail body.
    assert!(!download.body.contains("argon2"));
    assert!(!download.body.contains("token_hash") && !download.body.contains("jeton="));

    // Deleting the account.
    let deleted = browser
        .post(
            "/compte/suppression",
            &[("delete_password", PASSWORD), ("delete_confirm", "oui")],
        )
        .await;
    assert_eq!(deleted.status, StatusCode::SEE_OTHER);
    for (table, column) in &catalogue {
        assert_eq!(
            rows_naming(app.db(), table, column, me).await,
            0,
            "{table}.{column} still names the deleted account"
        );
    }
    let audit: Vec<(String,)> = concerto::with_db!(app.db(), pool => sqlx::query_as(
        "SELECT subject FROM audit_log").fetch_all(pool).await)
    .unwrap();
    assert!(
        audit
            .iter()
            .all(|(s,)| !s.contains(&me.to_string()) && !s.contains("rose@exemple.fr")),
        "{audit:?}"
    );
    let buckets: Vec<(String,)> = concerto::with_db!(app.db(), pool => sqlx::query_as(
        "SELECT bucket FROM rate_limits").fetch_all(pool).await)
    .unwrap();
    assert!(
        buckets.iter().all(|(b,)| !b.contains(&me.to_string())),
        "{buckets:?}"
    );
    assert_eq!(mail_queue::waiting(app.db()).await.unwrap(), 0);
    // Contributions stay, by an anonymous participant.
    let process = processes::store::by_slug(app.db(), "velo")
        .await
        .unwrap()
        .unwrap();
    let needs = needs::store::export(app.db(), process.id, false)
        .await
        .unwrap();
    assert_eq!(needs.len(), 2);
    let page = browser
        .get(&format!(
            "/besoins/{}",
            needs.iter().find(|n| n.title.contains("canal")).unwrap().id
        ))
        .await;
    assert!(page.shows("Oui, et éclairée !") && page.shows("participant anonyme"));
}

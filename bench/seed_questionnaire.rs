//! Seeds the questionnaire benchmark (issue #24): the demo's territory and process, then a
//! published questionnaire of 40 questions (age, sex and commune of residence, then 37 closed
//! questions and scales) with RESPONDENTS submitted responses in which the young and the small
//! communes answer less; margins on age (6 brackets), sex and the 197 communes (by legal
//! population). Also SESSIONS anonymous respondents who began it, for the submit benchmark.
//! Writes `questionnaire.env` (its id, an EPCI) and `respondents.txt` (cookie and CSRF token
//! per line) to OUT.
//!   seed-questionnaire DATABASE_URL OUT_FOLDER [RESPONDENTS] [SESSIONS]

use std::fmt::Write as _;
use std::time::Instant;

use concerto::features::processes;
use concerto::features::questionnaires::rules::{AnswerRow, Kind, Profile, Question, Source};
use concerto::features::questionnaires::store::{
    self, QuestionDraft, Respondent, Saving, Settings,
};
use concerto::features::territories;
use concerto::platform::db::{self, Db};
use concerto::platform::secrets;
use textkit::rng::Rng;

/// The allocator the product runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Responses written per transaction.
const BATCH: usize = 5_000;

fn draft(kind: Kind, label: String, choices: &[&str], profile: Option<Profile>) -> QuestionDraft {
    let choices = match profile {
        Some(p) => p
            .categories()
            .iter()
            .map(|(c, l)| ((*c).to_owned(), (*l).to_owned(), false))
            .collect(),
        None => choices
            .iter()
            .enumerate()
            .map(|(i, c)| ((i + 1).to_string(), (*c).to_owned(), false))
            .collect(),
    };
    QuestionDraft {
        kind,
        profile,
        label,
        help: String::new(),
        required: false,
        min_value: (kind == Kind::Scale).then_some(1.0),
        max_value: (kind == Kind::Scale).then_some(5.0),
        max_choices: None,
        low_label: String::new(),
        high_label: String::new(),
        shown_if_choice: None,
        choices,
        rows: Vec::new(),
    }
}

/// A draw among weights.
fn draw(rng: &mut Rng, weights: &[f64]) -> usize {
    let mut pick = rng.unit() * weights.iter().sum::<f64>();
    for (i, w) in weights.iter().enumerate() {
        pick -= w;
        if pick < 0.0 {
            return i;
        }
    }
    weights.len() - 1
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("DATABASE_URL");
    let out = std::path::PathBuf::from(args.next().expect("OUT folder"));
    let count: usize = args.next().map_or(100_000, |n| n.parse().expect("a count"));
    let sessions: usize = args.next().map_or(64, |n| n.parse().expect("a count"));
    let started = Instant::now();
    let db = Db::connect(&db::ConnectOptions {
        url,
        max_connections: 4,
        pg_schema: None,
    })
    .await
    .expect("database");
    db::migrate(&db).await.expect("migrations");
    concerto::features::demo::load(&db).await.expect("demo");
    let process = processes::store::by_slug(&db, concerto::features::demo::PROCESS_SLUG)
        .await
        .unwrap()
        .expect("the demo process");
    let settings = Settings {
        title: "Banc d'essai".into(),
        published: true,
        results_public: true,
        ..Settings::default()
    };
    let id = store::create(&db, process.id, &settings, "Vous", None)
        .await
        .unwrap();
    let first = store::structure(&db, id).await.unwrap()[0].id;
    let second = store::add_section(&db, id, "Vos avis", "", None)
        .await
        .unwrap();
    for (profile, label) in [
        (Profile::Age, "Âge"),
        (Profile::Sex, "Sexe"),
        (Profile::Commune, "Commune"),
    ] {
        store::add_question(
            &db,
            id,
            first,
            &draft(profile.kind(), label.into(), &[], Some(profile)),
        )
        .await
        .unwrap();
    }
    for n in 0..37 {
        let (kind, section) = match n % 3 {
            0 => (Kind::Scale, second),
            1 => (Kind::Multiple, second),
            _ => (Kind::Single, if n < 20 { first } else { second }),
        };
        let choices = ["Tout à fait", "Plutôt", "Plutôt pas", "Pas du tout"];
        store::add_question(
            &db,
            id,
            section,
            &draft(kind, format!("Question {}", n + 4), &choices, None),
        )
        .await
        .unwrap();
    }
    let structure = store::structure(&db, id).await.unwrap();
    let questions: Vec<&Question> = structure.iter().flat_map(|s| s.questions.iter()).collect();
    let communes = territories::store::at_level(&db, "commune").await.unwrap();
    let populations: Vec<f64> = communes
        .iter()
        .map(|c| c.population.unwrap_or(100).max(1) as f64)
        .collect();
    // Who answers: the young half as often, communes under 2,000 inhabitants a third as often.
    let answering: Vec<f64> = populations
        .iter()
        .map(|p| if *p < 2_000.0 { p / 3.0 } else { *p })
        .collect();
    // Ages drawn in the margin's order: the under-15s and the young answer far less than
    // their share (2 % and 9 % of respondents against 17 % each), yet every bracket answers,
    // so that raking reaches every target and the results page is weighted.
    let ages = [0.02, 0.09, 0.2, 0.25, 0.26, 0.18];
    let mut rng = Rng::new(20_260_324);
    let mut seeded = 0;
    while seeded < count {
        let size = (count - seeded).min(BATCH);
        let mut batch = Vec::with_capacity(size);
        for _ in 0..size {
            let mut rows = Vec::with_capacity(questions.len() + 8);
            for q in &questions {
                let row = |item: i64, number: Option<f64>, text: Option<String>| AnswerRow {
                    question_id: q.id,
                    item,
                    number,
                    text,
                };
                match (q.profile, q.kind) {
                    (Some(Profile::Age), _) => {
                        rows.push(row(q.choices[draw(&mut rng, &ages)].id, None, None))
                    }
                    (Some(Profile::Sex), _) => {
                        rows.push(row(q.choices[rng.below(2)].id, None, None))
                    }
                    (Some(Profile::Commune), _) => rows.push(row(
                        0,
                        None,
                        Some(communes[draw(&mut rng, &answering)].code.clone()),
                    )),
                    (_, Kind::Scale) => rows.push(row(0, Some((1 + rng.below(5)) as f64), None)),
                    (_, Kind::Multiple) => {
                        for c in q.choices.iter().filter(|_| rng.below(3) == 0) {
                            rows.push(row(c.id, None, None));
                        }
                    }
                    _ => rows.push(row(q.choices[rng.below(q.choices.len())].id, None, None)),
                }
            }
            let respondent = Respondent {
                account_id: None,
                resume_hash: None,
                source: Source::Online,
                event_id: None,
                entered_by: None,
            };
            batch.push((respondent, rows));
        }
        store::submit_many(&db, id, &batch, structure.len() as i64)
            .await
            .unwrap();
        seeded += size;
    }
    // Margins: INSEE-like age brackets, sex, communes by population.
    let (age, sex, commune) = (questions[0], questions[1], questions[2]);
    let age_shares = [
        ("0-14", 17.0),
        ("15-29", 17.0),
        ("30-44", 18.0),
        ("45-59", 20.0),
        ("60-74", 18.0),
        ("75+", 10.0),
    ];
    store::set_margin(
        &db,
        id,
        age.id,
        &age_shares
            .iter()
            .map(|(c, s)| ((*c).to_owned(), *s))
            .collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    store::set_margin(
        &db,
        id,
        sex.id,
        &[("F".to_owned(), 51.6), ("H".to_owned(), 48.4)],
    )
    .await
    .unwrap();
    let total: f64 = populations.iter().sum();
    let by_commune: Vec<(String, f64)> = communes
        .iter()
        .zip(&populations)
        .map(|(c, p)| (c.code.clone(), p * 100.0 / total))
        .collect();
    store::set_margin(&db, id, commune.id, &by_commune)
        .await
        .unwrap();

    // Anonymous respondents who began it: a resume cookie and a CSRF token each.
    let mut lines = String::new();
    for _ in 0..sessions {
        let token = secrets::new_token();
        let respondent = Respondent {
            account_id: None,
            resume_hash: Some(secrets::token_digest(&token)),
            source: Source::Online,
            event_id: None,
            entered_by: None,
        };
        let saving = Saving {
            response_id: None,
            respondent: &respondent,
            replaced: &[],
            rows: &[],
            next_section: 0,
            submit: false,
        };
        store::save(&db, id, &saving).await.unwrap();
        let secret = secrets::encode(&secrets::random_bytes::<32>());
        let _ = writeln!(
            lines,
            "concerto_questionnaire_{id}={token}; {}={secret}\t{}",
            concerto::platform::web::cookies::CSRF,
            concerto::platform::web::csrf::mask(&secret)
        );
    }
    std::fs::write(out.join("respondents.txt"), lines).unwrap();
    let epci = territories::store::at_level(&db, "epci").await.unwrap()[0].id;
    let first_section: Vec<String> = structure[0]
        .questions
        .iter()
        .map(|q| {
            let value = match (q.profile, q.kind) {
                (Some(Profile::Commune), _) => communes[0].code.clone(),
                _ => q.choices[0].id.to_string(),
            };
            format!("q{}={value}", q.id)
        })
        .collect();
    std::fs::write(
        out.join("questionnaire.env"),
        format!(
            "QUESTIONNAIRE={id}\nEPCI={epci}\nSECTION_FIELDS='{}'\nSECTION_ANSWERS={}\n",
            first_section.join("&"),
            first_section.len()
        ),
    )
    .unwrap();
    println!(
        "seeded {count} responses to {} questions ({} sections) and {sessions} respondents under way in {:.1} s",
        questions.len(),
        structure.len(),
        started.elapsed().as_secs_f64()
    );
}

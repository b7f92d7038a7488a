//! The living demo's questionnaire, « Se déplacer dans le Nord Franche-Comté »: every kind of
//! question, a profile section, a section shown only to those who take public transport, and
//! 3,000 fictitious responses in which, as in real consultations, the young answer far less
//! than their share of the population and the retired far more. Its margins are real: ages
//! and occupation categories of people aged 15 or over from Insee's RP2016 for the Pôle's IRIS
//! (`demo/iris-population-rp2016.csv`); so its weighted
//! results differ visibly from the raw ones (the young favour the bus and the bicycle).

use anyhow::Context;
use textkit::rng::Rng;

use crate::features::processes::rules::Day;
use crate::features::questionnaires::rules::{AnswerRow, Kind, Profile, Question, Section, Source};
use crate::features::questionnaires::store::{self, QuestionDraft, Respondent, Settings};
use crate::features::territories;
use crate::platform::db::Db;

/// Responses drawn.
const RESPONSES: usize = 3_000;
/// Share of respondents by age bracket (15–29 … 75+): far from the population's.
const AGE_DRAW: [f64; 5] = [0.06, 0.17, 0.27, 0.32, 0.18];

fn closed(kind: Kind, label: &str, choices: &[&str], required: bool) -> QuestionDraft {
    QuestionDraft {
        kind,
        profile: None,
        label: label.into(),
        help: String::new(),
        required,
        min_value: None,
        max_value: None,
        max_choices: None,
        low_label: String::new(),
        high_label: String::new(),
        shown_if_choice: None,
        choices: choices
            .iter()
            .enumerate()
            .map(|(i, c)| ((i + 1).to_string(), (*c).to_owned(), false))
            .collect(),
        rows: Vec::new(),
    }
}

fn profile(profile: Profile, label: &str) -> QuestionDraft {
    QuestionDraft {
        profile: Some(profile),
        choices: profile
            .categories()
            .iter()
            .map(|(code, label)| ((*code).to_owned(), (*label).to_owned(), false))
            .collect(),
        ..closed(profile.kind(), label, &[], true)
    }
}

/// A margin: categories' codes and shares in percent.
type Shares = Vec<(String, f64)>;

/// The census's shares of people aged 15 or over, by age bracket and by occupation
/// category, summed over the demo's IRIS, in percent.
fn census_margins() -> anyhow::Result<(Shares, Shares)> {
    let mut lines = super::IRIS.lines();
    let header: Vec<&str> = lines.next().context("IRIS header")?.split(',').collect();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .with_context(|| format!("IRIS column {name}"))
    };
    let ages = [
        ("15-29", "P16_POP1529"),
        ("30-44", "P16_POP3044"),
        ("45-59", "P16_POP4559"),
        ("60-74", "P16_POP6074"),
        ("75+", "P16_POP75P"),
    ];
    let occupations: Vec<(String, String)> = (1..=8)
        .map(|n| (format!("CS{n}"), format!("C16_POP15P_CS{n}")))
        .collect();
    let age_columns: Vec<usize> = ages
        .iter()
        .map(|(_, c)| column(c))
        .collect::<Result<_, _>>()?;
    let cs_columns: Vec<usize> = occupations
        .iter()
        .map(|(_, c)| column(c))
        .collect::<Result<_, _>>()?;
    let mut age_sums = vec![0.0; ages.len()];
    let mut cs_sums = vec![0.0; occupations.len()];
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        for (sum, &c) in age_sums.iter_mut().zip(&age_columns) {
            *sum += cells[c].parse::<f64>().context("an IRIS figure")?;
        }
        for (sum, &c) in cs_sums.iter_mut().zip(&cs_columns) {
            *sum += cells[c].parse::<f64>().context("an IRIS figure")?;
        }
    }
    let shares = |codes: Vec<String>, sums: Vec<f64>| {
        let total: f64 = sums.iter().sum();
        codes
            .into_iter()
            .zip(sums)
            .map(|(code, s)| (code, s * 100.0 / total))
            .collect()
    };
    Ok((
        shares(
            ages.iter().map(|(code, _)| (*code).to_owned()).collect(),
            age_sums,
        ),
        shares(
            occupations.into_iter().map(|(code, _)| code).collect(),
            cs_sums,
        ),
    ))
}

/// The question whose wording starts with `label`.
fn find(structure: &[Section], label: &str) -> anyhow::Result<Question> {
    structure
        .iter()
        .flat_map(|s| s.questions.iter())
        .find(|q| q.label.starts_with(label))
        .cloned()
        .with_context(|| format!("question {label}"))
}

/// A draw among weights.
fn draw(rng: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut pick = rng.unit() * total;
    for (i, w) in weights.iter().enumerate() {
        pick -= w;
        if pick < 0.0 {
            return i;
        }
    }
    weights.len() - 1
}

/// Ideas typed in the free text question, by the mode the respondent favours.
const IDEAS: [&str; 12] = [
    "Plus de bus le soir et le week-end entre les communes du Pôle.",
    "Des bus plus fréquents vers la gare TGV et l'hôpital.",
    "Une vraie piste cyclable continue entre Belfort et Montbéliard.",
    "Des parkings à vélos sécurisés près des gares et des arrêts de bus.",
    "Un abonnement unique pour le bus et le train sur tout le territoire.",
    "Du covoiturage organisé pour aller au travail dans les zones d'activité.",
    "Des navettes à la demande pour les villages qui n'ont plus de bus.",
    "Des trottoirs plus larges et mieux entretenus pour marcher en sécurité.",
    "Un transport à la demande pour les personnes âgées qui ne conduisent plus.",
    "Des places de parking en centre-ville moins chères pour les commerces.",
    "Aider à acheter un vélo électrique, surtout pour les jeunes.",
    "Des horaires de bus adaptés aux lycéens et aux étudiants.",
];

/// Loads the questionnaire and its responses; returns how many were submitted.
pub async fn load(db: &Db, process_id: i64, facilitator: i64, seed: u64) -> anyhow::Result<usize> {
    let opens = Day::today().plus_days(-40).iso();
    let closes = Day::today().plus_days(20).iso();
    let settings = Settings {
        title: "Se déplacer dans le Nord Franche-Comté".into(),
        intro: "Comment vous déplacez-vous au quotidien, et qu'est-ce qui vous aiderait ? Dix minutes, quatre courtes sections ; vos réponses sont anonymes.\n\n*Questionnaire et réponses de démonstration (fictives).*".into(),
        opens_on: Some(opens),
        closes_on: Some(closes),
        signed_in_only: false,
        published: true,
        results_public: true,
    };
    let id = store::create(db, process_id, &settings, "Vous", Some(facilitator)).await?;
    let sections = store::structure(db, id).await?;
    let you = sections.first().context("the first section")?.id;
    let travel = store::add_section(db, id, "Vos déplacements", "", None).await?;

    store::add_question(db, id, you, &profile(Profile::Age, "Votre âge")).await?;
    store::add_question(db, id, you, &profile(Profile::Sex, "Vous êtes")).await?;
    store::add_question(
        db,
        id,
        you,
        &profile(Profile::Commune, "Votre commune de résidence"),
    )
    .await?;
    store::add_question(
        db,
        id,
        you,
        &profile(Profile::Occupation, "Votre situation professionnelle"),
    )
    .await?;
    let mut mode = closed(
        Kind::Single,
        "Comment vous déplacez-vous le plus souvent ?",
        &["Voiture", "Bus", "Train", "Vélo", "À pied"],
        true,
    );
    mode.choices.push(("6".into(), "Autre".into(), true));
    store::add_question(db, id, travel, &mode).await?;
    let satisfaction = QuestionDraft {
        min_value: Some(1.0),
        max_value: Some(5.0),
        low_label: "Pas du tout satisfait".into(),
        high_label: "Très satisfait".into(),
        ..closed(
            Kind::Scale,
            "Êtes-vous satisfait·e des transports en commun du territoire ?",
            &[],
            true,
        )
    };
    store::add_question(db, id, travel, &satisfaction).await?;
    let minutes = QuestionDraft {
        min_value: Some(0.0),
        max_value: Some(300.0),
        ..closed(
            Kind::Number,
            "Combien de minutes passez-vous chaque jour à vous déplacer ?",
            &[],
            false,
        )
    };
    store::add_question(db, id, travel, &minutes).await?;
    let change = QuestionDraft {
        max_choices: Some(2),
        ..closed(
            Kind::Multiple,
            "Qu'est-ce qui vous ferait laisser la voiture plus souvent ? (deux au plus)",
            &[
                "Des bus plus fréquents",
                "Des pistes cyclables sûres",
                "Des tarifs plus bas",
                "Du covoiturage organisé",
                "Rien, la voiture m'est indispensable",
            ],
            false,
        )
    };
    store::add_question(db, id, travel, &change).await?;
    let mode_q = find(
        &store::structure(db, id).await?,
        "Comment vous déplacez-vous",
    )?;
    let bus = mode_q.choices[1].id;
    let transit = store::add_section(
        db,
        id,
        "Les transports en commun",
        "Pour celles et ceux qui prennent le bus.",
        Some(bus),
    )
    .await?;
    let ideas = store::add_section(db, id, "Vos idées", "", None).await?;
    let grid = QuestionDraft {
        min_value: Some(1.0),
        max_value: Some(5.0),
        low_label: "Très mauvais".into(),
        high_label: "Très bon".into(),
        rows: vec![
            ("1".into(), "Fréquence".into()),
            ("2".into(), "Ponctualité".into()),
            ("3".into(), "Confort".into()),
        ],
        ..closed(Kind::Matrix, "Notez le bus que vous prenez", &[], true)
    };
    store::add_question(db, id, transit, &grid).await?;
    let ranking = closed(
        Kind::Ranking,
        "Classez ces priorités pour le territoire",
        &["Les bus", "Le vélo", "Les routes"],
        false,
    );
    store::add_question(db, id, ideas, &ranking).await?;
    store::add_question(
        db,
        id,
        ideas,
        &closed(
            Kind::LongText,
            "Une idée pour mieux se déplacer ?",
            &[],
            false,
        ),
    )
    .await?;

    // Responses.
    let structure = store::structure(db, id).await?;
    let q = |label: &str| find(&structure, label);
    let (age, sex, commune, job) = (
        q("Votre âge")?,
        q("Vous êtes")?,
        q("Votre commune")?,
        q("Votre situation")?,
    );
    let (mode, satisfaction, minutes, change) = (
        q("Comment vous")?,
        q("Êtes-vous")?,
        q("Combien")?,
        q("Qu'est-ce qui")?,
    );
    let (grid, ranking, idea) = (q("Notez")?, q("Classez")?, q("Une idée")?);
    let communes = territories::store::at_level(db, "commune").await?;
    let populations: Vec<f64> = communes
        .iter()
        .map(|c| c.population.unwrap_or(100).max(1) as f64)
        .collect();
    let mut rng = Rng::new(seed);
    let row =
        |question: &Question, item: i64, number: Option<f64>, text: Option<String>| AnswerRow {
            question_id: question.id,
            item,
            number,
            text,
        };
    let mut responses = Vec::with_capacity(RESPONSES);
    for _ in 0..RESPONSES {
        let bracket = draw(&mut rng, &AGE_DRAW);
        let young = bracket == 0;
        let retired = bracket >= 3;
        let mut rows = vec![
            row(&age, age.choices[bracket + 1].id, None, None),
            row(&sex, sex.choices[rng.below(2)].id, None, None),
            row(
                &commune,
                0,
                None,
                Some(communes[draw(&mut rng, &populations)].code.clone()),
            ),
        ];
        // Occupations follow age: students and workers among the young, the retired after 60.
        let job_weights: [f64; 8] = match bracket {
            0 => [0.0, 0.2, 0.8, 2.0, 2.5, 2.0, 0.0, 4.0],
            1 | 2 => [0.2, 0.8, 2.0, 2.8, 2.7, 2.3, 0.0, 0.8],
            3 => [0.1, 0.3, 0.4, 0.6, 0.6, 0.5, 6.5, 0.6],
            _ => [0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 9.5, 0.5],
        };
        rows.push(row(
            &job,
            job.choices[draw(&mut rng, &job_weights)].id,
            None,
            None,
        ));
        // The young take the bus and the bicycle; their elders drive.
        let mode_weights: [f64; 6] = if young {
            [2.0, 3.5, 0.8, 2.2, 1.3, 0.2]
        } else if retired {
            [6.5, 1.2, 0.3, 0.4, 1.5, 0.1]
        } else {
            [6.0, 1.3, 0.6, 0.9, 1.0, 0.2]
        };
        let chosen_mode = draw(&mut rng, &mode_weights);
        let other = (chosen_mode == 5).then(|| "Trottinette".to_owned());
        rows.push(row(&mode, mode.choices[chosen_mode].id, None, other));
        let satisfied = if young {
            1 + draw(&mut rng, &[3.0, 3.0, 2.0, 1.0, 0.5])
        } else {
            1 + draw(&mut rng, &[1.0, 2.0, 3.0, 2.5, 1.2])
        };
        rows.push(row(&satisfaction, 0, Some(satisfied as f64), None));
        if rng.below(10) < 8 {
            rows.push(row(
                &minutes,
                0,
                Some((10 + rng.below(if young { 80 } else { 50 })) as f64),
                None,
            ));
        }
        let picks: [f64; 5] = if young {
            [3.0, 3.0, 2.5, 1.0, 0.3]
        } else {
            [1.5, 1.0, 1.5, 1.0, 2.0]
        };
        let first = draw(&mut rng, &picks);
        rows.push(row(&change, change.choices[first].id, None, None));
        if rng.below(2) == 0 && first != 4 {
            let second = (first + 1 + rng.below(3)) % 4;
            rows.push(row(&change, change.choices[second].id, None, None));
        }
        if chosen_mode == 1 {
            for item in &grid.rows {
                rows.push(row(
                    &grid,
                    item.id,
                    Some((1 + draw(&mut rng, &[1.0, 2.0, 3.0, 2.0, 1.0])) as f64),
                    None,
                ));
            }
        }
        if rng.below(3) > 0 {
            let mut order: Vec<usize> = vec![0, 1, 2];
            rng.shuffle(&mut order);
            if young && order[0] == 2 {
                order.swap(0, 1);
            }
            for (rank, &choice) in order.iter().enumerate() {
                rows.push(row(
                    &ranking,
                    ranking.choices[choice].id,
                    Some(rank as f64 + 1.0),
                    None,
                ));
            }
        }
        if rng.below(4) == 0 {
            let pool: &[usize] = if young {
                &[0, 2, 3, 10, 11, 4]
            } else if retired {
                &[8, 6, 7, 9, 1, 4]
            } else {
                &[0, 1, 2, 5, 4, 9]
            };
            rows.push(row(
                &idea,
                0,
                None,
                Some(IDEAS[pool[rng.below(pool.len())]].to_owned()),
            ));
        }
        responses.push((
            Respondent {
                account_id: None,
                resume_hash: None,
                source: if rng.below(10) == 0 {
                    Source::Paper
                } else {
                    Source::Online
                },
                event_id: None,
                entered_by: None,
            },
            rows,
        ));
    }
    store::submit_many(db, id, &responses, structure.len() as i64).await?;

    // Margins: the census's ages and occupations (communes are too many for 3,000 answers:
    // some would have none, and raking refuses a target no one can reach).
    let (ages, occupations) = census_margins()?;
    store::set_margin(db, id, age.id, &ages).await?;
    store::set_margin(db, id, job.id, &occupations).await?;
    Ok(responses.len())
}

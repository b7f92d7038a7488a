//! Questionnaires' SQL: questionnaires and their settings, sections, questions and their
//! choices, responses saved section by section and their answers, and weighting margins.
//! Every change to a questionnaire or its submitted answers moves its `revision`, which the
//! results kept in memory follow.

use std::collections::HashMap;

use crate::features::questionnaires::rules::{
    AnswerRow, Item, Kind, Profile, Question, Section, Source,
};
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::direct::Value;
use crate::platform::db::kept::Family;
use crate::platform::db::{Db, placeholders};
use crate::{sqlite_row, with_db, with_db_write};

/// A questionnaire's settings.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Questionnaire {
    /// Its id.
    pub id: i64,
    /// Its process.
    pub process_id: i64,
    /// Its title.
    pub title: String,
    /// Its introduction (Markdown).
    pub intro: String,
    /// First day it takes answers (`YYYY-MM-DD`), if set.
    pub opens_on: Option<String>,
    /// Last day it takes answers, if set.
    pub closes_on: Option<String>,
    /// Whether answering needs an account (one answer per account).
    pub signed_in_only: bool,
    /// Whether the public sees it.
    pub published: bool,
    /// Whether the public sees its results.
    pub results_public: bool,
    /// Least weight relative to their mean, if the team trims weights.
    pub trim_min: Option<f64>,
    /// Most weight relative to their mean, if the team trims weights.
    pub trim_max: Option<f64>,
    /// Moved by every change and every submitted response.
    pub revision: i64,
}

sqlite_row!(Questionnaire {
    id,
    process_id,
    title,
    intro,
    opens_on,
    closes_on,
    signed_in_only,
    published,
    results_public,
    trim_min,
    trim_max,
    revision,
});

impl Questionnaire {
    /// The weights' bounds, `(least, most)`, if the team trims them.
    pub fn trim(&self) -> Option<(f64, f64)> {
        self.trim_min.zip(self.trim_max)
    }
}

const QUESTIONNAIRE_SELECT: &str = "SELECT id, process_id, title, intro, opens_on, closes_on,
    signed_in_only <> 0 AS signed_in_only, published <> 0 AS published,
    results_public <> 0 AS results_public, trim_min, trim_max, revision FROM questionnaires";

/// What the team sets of a questionnaire.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    /// Its title.
    pub title: String,
    /// Its introduction.
    pub intro: String,
    /// First day it takes answers.
    pub opens_on: Option<String>,
    /// Last day it takes answers.
    pub closes_on: Option<String>,
    /// Whether answering needs an account.
    pub signed_in_only: bool,
    /// Whether the public sees it.
    pub published: bool,
    /// Whether the public sees its results.
    pub results_public: bool,
}

/// Moves a questionnaire's revision, in the transaction of the change.
macro_rules! bump_revision {
    ($tx:expr, $questionnaire_id:expr) => {
        sqlx::query("UPDATE questionnaires SET revision = revision + 1 WHERE id = $1")
            .bind($questionnaire_id)
            .execute(&mut *$tx)
            .await
    };
}

// After the macro above, which its writes use too.
mod bulk;
pub use bulk::{copy, submit_many};

/// Creates a questionnaire with a first section; returns its id.
pub async fn create(
    db: &Db,
    process_id: i64,
    settings: &Settings,
    first_section: &str,
    created_by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    let section = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO questionnaires (id, process_id, title, intro, opens_on, closes_on,
                 signed_in_only, published, results_public, revision, created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11)")
            .bind(id).bind(process_id).bind(&settings.title).bind(&settings.intro)
            .bind(&settings.opens_on).bind(&settings.closes_on)
            .bind(i64::from(settings.signed_in_only)).bind(i64::from(settings.published))
            .bind(i64::from(settings.results_public)).bind(created_by).bind(now_ms())
            .execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO questionnaire_sections (id, questionnaire_id, position, title, intro)
             VALUES ($1, $2, 1, $3, '')")
            .bind(section).bind(id).bind(first_section).execute(&mut *tx).await?;
        tx.commit().await
    })?;
    Ok(id)
}

/// Changes a questionnaire's settings.
pub async fn set_settings(db: &Db, id: i64, settings: &Settings) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE questionnaires SET title = $2, intro = $3, opens_on = $4, closes_on = $5,
             signed_in_only = $6, published = $7, results_public = $8, revision = revision + 1
         WHERE id = $1")
        .bind(id).bind(&settings.title).bind(&settings.intro).bind(&settings.opens_on)
        .bind(&settings.closes_on).bind(i64::from(settings.signed_in_only))
        .bind(i64::from(settings.published)).bind(i64::from(settings.results_public))
        .execute(pool).await.map(|_| ()))
}

/// A questionnaire by id.
pub async fn by_id(db: &Db, id: i64) -> Result<Option<Questionnaire>, sqlx::Error> {
    let sql = format!("{QUESTIONNAIRE_SELECT} WHERE id = $1");
    db.read_kept_optional(Family::Questionnaires, &sql, &[Value::Int(id)])
        .await
}

/// A process's questionnaires, newest first, with their submitted responses.
pub async fn of_process(
    db: &Db,
    process_id: i64,
) -> Result<Vec<(Questionnaire, i64)>, sqlx::Error> {
    let sql =
        format!("{QUESTIONNAIRE_SELECT} WHERE process_id = $1 ORDER BY created_at DESC, id DESC");
    let questionnaires: Vec<Questionnaire> = with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(process_id).fetch_all(pool).await)?;
    let counts: Vec<(i64, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT r.questionnaire_id, COUNT(*) FROM questionnaire_responses r
         JOIN questionnaires q ON q.id = r.questionnaire_id
         WHERE q.process_id = $1 AND r.submitted_at IS NOT NULL GROUP BY r.questionnaire_id")
        .bind(process_id).fetch_all(pool).await)?;
    let counts: HashMap<i64, i64> = counts.into_iter().collect();
    Ok(questionnaires
        .into_iter()
        .map(|q| {
            let n = counts.get(&q.id).copied().unwrap_or(0);
            (q, n)
        })
        .collect())
}

type QuestionRow = (
    i64,
    i64,
    Kind,
    Option<String>,
    String,
    String,
    i64,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    String,
    String,
    Option<i64>,
);

/// A questionnaire's sections with their questions and choices, in order.
pub async fn structure(db: &Db, questionnaire_id: i64) -> Result<Vec<Section>, sqlx::Error> {
    let sections: Vec<(i64, String, String, Option<i64>)> = with_db!(db, pool => sqlx::query_as(
        "SELECT id, title, intro, shown_if_choice FROM questionnaire_sections
         WHERE questionnaire_id = $1 ORDER BY position, id")
        .bind(questionnaire_id).fetch_all(pool).await)?;
    let questions: Vec<QuestionRow> = with_db!(db, pool => sqlx::query_as(
        "SELECT id, section_id, kind, profile, label, help, required, min_value, max_value,
                max_choices, low_label, high_label, shown_if_choice
         FROM questions WHERE questionnaire_id = $1 ORDER BY position, id")
        .bind(questionnaire_id).fetch_all(pool).await)?;
    let items: Vec<(i64, i64, String, String, i64, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT c.id, c.question_id, c.code, c.label, c.is_other, c.is_row
         FROM question_choices c JOIN questions q ON q.id = c.question_id
         WHERE q.questionnaire_id = $1 ORDER BY c.position, c.id")
        .bind(questionnaire_id).fetch_all(pool).await)?;
    let mut choices: HashMap<i64, (Vec<Item>, Vec<Item>)> = HashMap::new();
    for (id, question_id, code, label, is_other, is_row) in items {
        let item = Item {
            id,
            code,
            label,
            is_other: is_other != 0,
        };
        let entry = choices.entry(question_id).or_default();
        if is_row != 0 {
            entry.1.push(item);
        } else {
            entry.0.push(item);
        }
    }
    let mut by_section: HashMap<i64, Vec<Question>> = HashMap::new();
    for row in questions {
        let (id, section_id, kind, profile, label, help, required) =
            (row.0, row.1, row.2, row.3, row.4, row.5, row.6);
        let (items, rows) = choices.remove(&id).unwrap_or_default();
        by_section.entry(section_id).or_default().push(Question {
            id,
            section_id,
            kind,
            profile: profile.and_then(|p| p.parse::<Profile>().ok()),
            label,
            help,
            required: required != 0,
            min_value: row.7,
            max_value: row.8,
            max_choices: row.9,
            low_label: row.10,
            high_label: row.11,
            shown_if_choice: row.12,
            choices: items,
            rows,
        });
    }
    Ok(sections
        .into_iter()
        .map(|(id, title, intro, shown_if_choice)| Section {
            questions: by_section.remove(&id).unwrap_or_default(),
            id,
            title,
            intro,
            shown_if_choice,
        })
        .collect())
}

/// Adds a section at the end; returns its id.
pub async fn add_section(
    db: &Db,
    questionnaire_id: i64,
    title: &str,
    intro: &str,
    shown_if_choice: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO questionnaire_sections (id, questionnaire_id, position, title, intro, shown_if_choice)
             VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM questionnaire_sections
                              WHERE questionnaire_id = $2), $3, $4, $5)")
            .bind(id).bind(questionnaire_id).bind(title).bind(intro).bind(shown_if_choice)
            .execute(&mut *tx).await?;
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await
    })?;
    Ok(id)
}

/// A question as the builder writes it: everything but its id and choices' ids.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionDraft {
    /// How it is answered.
    pub kind: Kind,
    /// The profile it asks.
    pub profile: Option<Profile>,
    /// The question.
    pub label: String,
    /// Help under it.
    pub help: String,
    /// Whether it must be answered.
    pub required: bool,
    /// Lower bound.
    pub min_value: Option<f64>,
    /// Upper bound.
    pub max_value: Option<f64>,
    /// Most choices.
    pub max_choices: Option<i64>,
    /// Scale's low end label.
    pub low_label: String,
    /// Scale's high end label.
    pub high_label: String,
    /// Shown when this choice was chosen.
    pub shown_if_choice: Option<i64>,
    /// Choices as `(code, label, is_other)`.
    pub choices: Vec<(String, String, bool)>,
    /// Matrix rows as `(code, label)`.
    pub rows: Vec<(String, String)>,
}

/// Adds a question at the end of a section with its choices and rows; returns its id.
pub async fn add_question(
    db: &Db,
    questionnaire_id: i64,
    section_id: i64,
    draft: &QuestionDraft,
) -> Result<i64, sqlx::Error> {
    let id = new_id();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO questions (id, questionnaire_id, section_id, position, kind, profile, label,
                 help, required, min_value, max_value, max_choices, low_label, high_label, shown_if_choice)
             VALUES ($1, $2, $3, (SELECT COALESCE(MAX(position), 0) + 1 FROM questions
                                  WHERE questionnaire_id = $2), $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
            .bind(id).bind(questionnaire_id).bind(section_id).bind(draft.kind.as_str())
            .bind(draft.profile.map(|p| p.as_str())).bind(&draft.label).bind(&draft.help)
            .bind(i64::from(draft.required)).bind(draft.min_value).bind(draft.max_value)
            .bind(draft.max_choices).bind(&draft.low_label).bind(&draft.high_label)
            .bind(draft.shown_if_choice)
            .execute(&mut *tx).await?;
        let items = draft.choices.iter().map(|(code, label, other)| (code, label, *other, false))
            .chain(draft.rows.iter().map(|(code, label)| (code, label, false, true)));
        for (position, (code, label, is_other, is_row)) in items.enumerate() {
            sqlx::query(
                "INSERT INTO question_choices (id, question_id, position, code, label, is_other, is_row)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .bind(new_id()).bind(id).bind(position as i64 + 1).bind(code).bind(label)
                .bind(i64::from(is_other)).bind(i64::from(is_row))
                .execute(&mut *tx).await?;
        }
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await
    })?;
    Ok(id)
}

/// How many submitted or saved answers name each item (a choice, a grid row, or 0) of each
/// question of a questionnaire: `question → item → answers`.
pub async fn answer_counts(
    db: &Db,
    questionnaire_id: i64,
) -> Result<HashMap<i64, HashMap<i64, i64>>, sqlx::Error> {
    let rows: Vec<(i64, i64, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT a.question_id, a.item, COUNT(*) FROM questionnaire_answers a
         JOIN questions q ON q.id = a.question_id
         WHERE q.questionnaire_id = $1 GROUP BY a.question_id, a.item")
        .bind(questionnaire_id).fetch_all(pool).await)?;
    let mut counts: HashMap<i64, HashMap<i64, i64>> = HashMap::new();
    for (question, item, n) in rows {
        counts.entry(question).or_default().insert(item, n);
    }
    Ok(counts)
}

/// A questionnaire's submitted responses, and how many of them were entered from paper.
pub async fn submitted_counts(db: &Db, questionnaire_id: i64) -> Result<(i64, i64), sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(CASE WHEN source = 'paper' THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM questionnaire_responses WHERE questionnaire_id = $1 AND submitted_at IS NOT NULL")
        .bind(questionnaire_id).fetch_one(pool).await)
}

/// Deletes a question that no one answered; false when answers name it (or it is not of
/// this questionnaire). Conditions on it go with it.
pub async fn delete_question(
    db: &Db,
    questionnaire_id: i64,
    question_id: i64,
) -> Result<bool, sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        let answered: (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM questionnaire_answers WHERE question_id = $1")
            .bind(question_id).fetch_one(&mut *tx).await?;
        if answered.0 > 0 {
            return Ok(false);
        }
        for table in ["questions", "questionnaire_sections"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "UPDATE {table} SET shown_if_choice = NULL WHERE questionnaire_id = $1 AND shown_if_choice IN
                   (SELECT id FROM question_choices WHERE question_id = $2)")))
                .bind(questionnaire_id).bind(question_id).execute(&mut *tx).await?;
        }
        let deleted = sqlx::query("DELETE FROM questions WHERE id = $1 AND questionnaire_id = $2")
            .bind(question_id).bind(questionnaire_id).execute(&mut *tx).await?.rows_affected();
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await?;
        Ok(deleted == 1)
    })
}

/// What changing a question's wording and choices does: the wording, the labels of kept
/// choices, the choices added and those removed (which must not have been chosen).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuestionEdit {
    /// The question's new wording (kind and profile never change).
    pub label: String,
    /// Its help text.
    pub help: String,
    /// Whether it must be answered.
    pub required: bool,
    /// Choices added, `(code, label, is_other)`, after the others.
    pub added: Vec<(String, String, bool)>,
    /// Choices removed (none chosen in any answer).
    pub removed: Vec<i64>,
}

/// Applies a question edit; `Err(Some(item))` names a removed item that an answer holds
/// (checked again inside the transaction), and nothing changes.
pub async fn edit_question(
    db: &Db,
    questionnaire_id: i64,
    question_id: i64,
    edit: &QuestionEdit,
) -> Result<Result<(), i64>, sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for removed in &edit.removed {
            let chosen: (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM questionnaire_answers WHERE question_id = $1 AND item = $2")
                .bind(question_id).bind(removed).fetch_one(&mut *tx).await?;
            if chosen.0 > 0 {
                return Ok(Err(*removed));
            }
            sqlx::query("DELETE FROM question_choices WHERE id = $1 AND question_id = $2")
                .bind(removed).bind(question_id).execute(&mut *tx).await?;
        }
        for (code, label, is_other) in &edit.added {
            sqlx::query(
                "INSERT INTO question_choices (id, question_id, position, code, label, is_other, is_row)
                 VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM question_choices
                                  WHERE question_id = $2), $3, $4, $5, 0)")
                .bind(new_id()).bind(question_id).bind(code).bind(label).bind(i64::from(*is_other))
                .execute(&mut *tx).await?;
        }
        sqlx::query("UPDATE questions SET label = $3, help = $4, required = $5
                     WHERE id = $1 AND questionnaire_id = $2")
            .bind(question_id).bind(questionnaire_id).bind(&edit.label).bind(&edit.help)
            .bind(i64::from(edit.required)).execute(&mut *tx).await?;
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await?;
        Ok(Ok(()))
    })
}

/// A response as it is resumed: its id, the next section to answer (its rank) and whether it
/// was submitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Progress {
    /// The response.
    pub id: i64,
    /// Rank (0-based) of the section to answer next.
    pub next_section: i64,
    /// Whether it was submitted.
    pub submitted: bool,
}

const PROGRESS_SELECT: &str = "SELECT id, next_section, submitted_at IS NOT NULL AS submitted
    FROM questionnaire_responses";

/// The online response of an account to a questionnaire, if it began one.
pub async fn progress_of_account(
    db: &Db,
    questionnaire_id: i64,
    account_id: i64,
) -> Result<Option<Progress>, sqlx::Error> {
    let sql = format!(
        "{PROGRESS_SELECT} WHERE questionnaire_id = $1 AND account_id = $2 AND source = 'online'"
    );
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(questionnaire_id).bind(account_id).fetch_optional(pool).await)
}

/// The anonymous response whose resume token has this digest.
pub async fn progress_by_resume(
    db: &Db,
    questionnaire_id: i64,
    resume_hash: &str,
) -> Result<Option<Progress>, sqlx::Error> {
    let sql = format!("{PROGRESS_SELECT} WHERE questionnaire_id = $1 AND resume_hash = $2");
    with_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(questionnaire_id).bind(resume_hash).fetch_optional(pool).await)
}

/// Who a new response comes from and how.
#[derive(Clone, Debug, PartialEq)]
pub struct Respondent {
    /// The account answering online, if signed in.
    pub account_id: Option<i64>,
    /// The digest of an anonymous respondent's resume token.
    pub resume_hash: Option<String>,
    /// How it arrived.
    pub source: Source,
    /// The workshop where a paper questionnaire was filled in.
    pub event_id: Option<i64>,
    /// The facilitator who entered it.
    pub entered_by: Option<i64>,
}

/// Answers written per statement (well under both engines' parameter limits).
const ANSWERS_PER_STATEMENT: usize = 400;

/// What saving a page of answers does.
#[derive(Clone, Debug, PartialEq)]
pub struct Saving<'a> {
    /// The response, or None to create it.
    pub response_id: Option<i64>,
    /// Who answers, for a new response.
    pub respondent: &'a Respondent,
    /// Questions whose stored answers are replaced.
    pub replaced: &'a [i64],
    /// The answers read.
    pub rows: &'a [AnswerRow],
    /// Rank of the section to answer next.
    pub next_section: i64,
    /// Whether the response is submitted.
    pub submit: bool,
}

/// Saves a page's answers: in one transaction, the response is created if it has no id yet,
/// the answers to the replaced questions are replaced by the rows read, its next section is
/// set and, when submitted, the questionnaire's revision moves. Returns the response's id.
pub async fn save(db: &Db, questionnaire_id: i64, saving: &Saving<'_>) -> Result<i64, sqlx::Error> {
    let Saving {
        response_id,
        respondent,
        replaced,
        rows,
        next_section,
        submit,
    } = *saving;
    let now = now_ms();
    let id = response_id.unwrap_or_else(new_id);
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        if response_id.is_none() {
            sqlx::query(
                "INSERT INTO questionnaire_responses (id, questionnaire_id, account_id, resume_hash,
                     source, event_id, entered_by, next_section, started_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $8)")
                .bind(id).bind(questionnaire_id).bind(respondent.account_id)
                .bind(&respondent.resume_hash).bind(respondent.source.as_str())
                .bind(respondent.event_id).bind(respondent.entered_by).bind(now)
                .execute(&mut *tx).await?;
        }
        // Saves of the same response wait for each other (a double click, two devices): on
        // PostgreSQL this takes the row's lock before its answers are replaced.
        sqlx::query("UPDATE questionnaire_responses SET updated_at = $2 WHERE id = $1")
            .bind(id).bind(now).execute(&mut *tx).await?;
        if !replaced.is_empty() {
            let list: Vec<String> = (0..replaced.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "DELETE FROM questionnaire_answers WHERE response_id = $1 AND question_id IN ({})",
                list.join(", "));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id);
            for question in replaced {
                query = query.bind(question);
            }
            query.execute(&mut *tx).await?;
        }
        for chunk in rows.chunks(ANSWERS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO questionnaire_answers (response_id, question_id, item, number, text) VALUES {}",
                placeholders(chunk.len(), 5));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for row in chunk {
                query = query.bind(id).bind(row.question_id).bind(row.item).bind(row.number).bind(&row.text);
            }
            query.execute(&mut *tx).await?;
        }
        sqlx::query(
            "UPDATE questionnaire_responses SET next_section = $2, updated_at = $3,
                 submitted_at = CASE WHEN $4 <> 0 THEN COALESCE(submitted_at, $3) ELSE submitted_at END
             WHERE id = $1")
            .bind(id).bind(next_section).bind(now).bind(i64::from(submit))
            .execute(&mut *tx).await?;
        if submit {
            bump_revision!(tx, questionnaire_id)?;
        }
        tx.commit().await
    })?;
    Ok(id)
}

/// A response's answers.
pub async fn answers_of(db: &Db, response_id: i64) -> Result<Vec<AnswerRow>, sqlx::Error> {
    let rows: Vec<(i64, i64, Option<f64>, Option<String>)> = with_db!(db, pool => sqlx::query_as(
        "SELECT question_id, item, number, text FROM questionnaire_answers WHERE response_id = $1")
        .bind(response_id).fetch_all(pool).await)?;
    Ok(rows
        .into_iter()
        .map(|(question_id, item, number, text)| AnswerRow {
            question_id,
            item,
            number,
            text,
        })
        .collect())
}

/// An answer row with its response: `(response, question, item, number, text)`.
type AnswerTuple = (i64, i64, i64, Option<f64>, Option<String>);

/// A submitted response as results read it.
#[derive(Clone, Debug, PartialEq)]
pub struct Submitted {
    /// The response.
    pub id: i64,
    /// How it arrived.
    pub source: Source,
    /// When it was submitted (ms since the epoch).
    pub submitted_at: i64,
    /// Its answers.
    pub answers: Vec<AnswerRow>,
}

/// Every submitted response of a questionnaire with its answers, in order of submission.
pub async fn submitted(db: &Db, questionnaire_id: i64) -> Result<Vec<Submitted>, sqlx::Error> {
    let questionnaire = [Value::Int(questionnaire_id)];
    let responses: Vec<(i64, Source, i64)> = db
        .read_all_apart(
            "SELECT id, source, submitted_at FROM questionnaire_responses
             WHERE questionnaire_id = $1 AND submitted_at IS NOT NULL ORDER BY submitted_at, id",
            &questionnaire,
        )
        .await?;
    let rows: Vec<AnswerTuple> = db
        .read_all_apart(
            "SELECT a.response_id, a.question_id, a.item, a.number, a.text
             FROM questionnaire_answers a JOIN questionnaire_responses r ON r.id = a.response_id
             WHERE r.questionnaire_id = $1 AND r.submitted_at IS NOT NULL",
            &questionnaire,
        )
        .await?;
    let mut answers: HashMap<i64, Vec<AnswerRow>> = HashMap::new();
    for (response, question_id, item, number, text) in rows {
        answers.entry(response).or_default().push(AnswerRow {
            question_id,
            item,
            number,
            text,
        });
    }
    Ok(responses
        .into_iter()
        .map(|(id, source, submitted_at)| Submitted {
            answers: answers.remove(&id).unwrap_or_default(),
            id,
            source,
            submitted_at,
        })
        .collect())
}

/// A questionnaire's weighting margins: `(question, category, share in percent)`.
pub async fn margins(
    db: &Db,
    questionnaire_id: i64,
) -> Result<Vec<(i64, String, f64)>, sqlx::Error> {
    with_db!(db, pool => sqlx::query_as(
        "SELECT question_id, category, share FROM questionnaire_margins
         WHERE questionnaire_id = $1 ORDER BY question_id, category")
        .bind(questionnaire_id).fetch_all(pool).await)
}

/// Sets or clears the weights' bounds.
pub async fn set_trim(db: &Db, id: i64, trim: Option<(f64, f64)>) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => sqlx::query(
        "UPDATE questionnaires SET trim_min = $2, trim_max = $3, revision = revision + 1 WHERE id = $1")
        .bind(id).bind(trim.map(|t| t.0)).bind(trim.map(|t| t.1))
        .execute(pool).await.map(|_| ()))
}

/// Replaces one question's margin (empty: the question no longer weights).
pub async fn set_margin(
    db: &Db,
    questionnaire_id: i64,
    question_id: i64,
    shares: &[(String, f64)],
) -> Result<(), sqlx::Error> {
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM questionnaire_margins WHERE questionnaire_id = $1 AND question_id = $2")
            .bind(questionnaire_id).bind(question_id).execute(&mut *tx).await?;
        for (category, share) in shares {
            sqlx::query(
                "INSERT INTO questionnaire_margins (questionnaire_id, question_id, category, share)
                 VALUES ($1, $2, $3, $4)")
                .bind(questionnaire_id).bind(question_id).bind(category).bind(share)
                .execute(&mut *tx).await?;
        }
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await
    })
}

/// Whether a process has a published questionnaire.
pub async fn has_published(db: &Db, process_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<(i64,)> = with_db!(db, pool => sqlx::query_as(
        "SELECT id FROM questionnaires WHERE process_id = $1 AND published <> 0 LIMIT 1")
        .bind(process_id).fetch_optional(pool).await)?;
    Ok(found.is_some())
}

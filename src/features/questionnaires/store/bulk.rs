//! Questionnaires' writes of many rows at once: whole submitted responses (paper batches,
//! imports, the demo) and a questionnaire's copy into another process.

use std::collections::HashMap;

use super::{Respondent, by_id, margins, structure};
use crate::features::questionnaires::rules::AnswerRow;
use crate::platform::clock::{new_id, now_ms};
use crate::platform::db::{Db, placeholders};
use crate::with_db_write;

/// Copies a questionnaire (settings, sections, questions, choices, conditions and weighting
/// margins; no answers) into a process, unpublished; returns the copy's id.
pub async fn copy(
    db: &Db,
    questionnaire_id: i64,
    process_id: i64,
    created_by: Option<i64>,
) -> Result<i64, sqlx::Error> {
    let original = by_id(db, questionnaire_id)
        .await?
        .ok_or(sqlx::Error::RowNotFound)?;
    let sections = structure(db, questionnaire_id).await?;
    let margins = margins(db, questionnaire_id).await?;
    // New ids for everything, so that conditions point into the copy.
    let mut renamed: HashMap<i64, i64> = HashMap::new();
    for section in &sections {
        renamed.insert(section.id, new_id());
        for question in &section.questions {
            renamed.insert(question.id, new_id());
            for item in question.choices.iter().chain(&question.rows) {
                renamed.insert(item.id, new_id());
            }
        }
    }
    let id = new_id();
    let condition = |c: Option<i64>| c.and_then(|c| renamed.get(&c).copied());
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO questionnaires (id, process_id, title, intro, opens_on, closes_on,
                 signed_in_only, published, results_public, trim_min, trim_max, revision,
                 created_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, $8, $9, 1, $10, $11)")
            .bind(id).bind(process_id).bind(&original.title).bind(&original.intro)
            .bind(&original.opens_on).bind(&original.closes_on)
            .bind(i64::from(original.signed_in_only)).bind(original.trim_min)
            .bind(original.trim_max).bind(created_by).bind(now_ms())
            .execute(&mut *tx).await?;
        let mut position = 0i64;
        for (rank, section) in sections.iter().enumerate() {
            sqlx::query(
                "INSERT INTO questionnaire_sections (id, questionnaire_id, position, title, intro, shown_if_choice)
                 VALUES ($1, $2, $3, $4, $5, $6)")
                .bind(renamed[&section.id]).bind(id).bind(rank as i64 + 1).bind(&section.title)
                .bind(&section.intro).bind(condition(section.shown_if_choice))
                .execute(&mut *tx).await?;
            for q in &section.questions {
                position += 1;
                sqlx::query(
                    "INSERT INTO questions (id, questionnaire_id, section_id, position, kind, profile, label,
                         help, required, min_value, max_value, max_choices, low_label, high_label, shown_if_choice)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)")
                    .bind(renamed[&q.id]).bind(id).bind(renamed[&section.id]).bind(position)
                    .bind(q.kind.as_str()).bind(q.profile.map(|p| p.as_str())).bind(&q.label)
                    .bind(&q.help).bind(i64::from(q.required)).bind(q.min_value).bind(q.max_value)
                    .bind(q.max_choices).bind(&q.low_label).bind(&q.high_label)
                    .bind(condition(q.shown_if_choice))
                    .execute(&mut *tx).await?;
                let items = q.choices.iter().map(|c| (c, false)).chain(q.rows.iter().map(|r| (r, true)));
                for (n, (item, is_row)) in items.enumerate() {
                    sqlx::query(
                        "INSERT INTO question_choices (id, question_id, position, code, label, is_other, is_row)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)")
                        .bind(renamed[&item.id]).bind(renamed[&q.id]).bind(n as i64 + 1).bind(&item.code)
                        .bind(&item.label).bind(i64::from(item.is_other)).bind(i64::from(is_row))
                        .execute(&mut *tx).await?;
                }
            }
        }
        for (question, category, share) in &margins {
            sqlx::query(
                "INSERT INTO questionnaire_margins (questionnaire_id, question_id, category, share)
                 VALUES ($1, $2, $3, $4)")
                .bind(id).bind(renamed[question]).bind(category).bind(share)
                .execute(&mut *tx).await?;
        }
        tx.commit().await
    })?;
    Ok(id)
}

/// Rows written per statement by `submit_many` (well under both engines' parameter limits).
const ROWS_PER_STATEMENT: usize = 400;

/// Writes whole submitted responses at once (paper batches, imports, the demo), in one
/// transaction: all of them or none. Returns their ids.
pub async fn submit_many(
    db: &Db,
    questionnaire_id: i64,
    responses: &[(Respondent, Vec<AnswerRow>)],
    next_section: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let ids: Vec<i64> = responses.iter().map(|_| new_id()).collect();
    let now = now_ms();
    let answers: Vec<(i64, &AnswerRow)> = ids
        .iter()
        .zip(responses)
        .flat_map(|(id, (_, rows))| rows.iter().map(move |r| (*id, r)))
        .collect();
    with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        for (chunk, chunk_ids) in responses.chunks(ROWS_PER_STATEMENT).zip(ids.chunks(ROWS_PER_STATEMENT)) {
            let sql = format!(
                "INSERT INTO questionnaire_responses (id, questionnaire_id, account_id, resume_hash,
                     source, event_id, entered_by, next_section, started_at, updated_at, submitted_at)
                 VALUES {}", placeholders(chunk.len(), 11));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for ((respondent, _), id) in chunk.iter().zip(chunk_ids) {
                query = query.bind(id).bind(questionnaire_id).bind(respondent.account_id)
                    .bind(&respondent.resume_hash).bind(respondent.source.as_str())
                    .bind(respondent.event_id).bind(respondent.entered_by).bind(next_section)
                    .bind(now).bind(now).bind(now);
            }
            query.execute(&mut *tx).await?;
        }
        for chunk in answers.chunks(ROWS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO questionnaire_answers (response_id, question_id, item, number, text) VALUES {}",
                placeholders(chunk.len(), 5));
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, row) in chunk {
                query = query.bind(id).bind(row.question_id).bind(row.item).bind(row.number).bind(&row.text);
            }
            query.execute(&mut *tx).await?;
        }
        bump_revision!(tx, questionnaire_id)?;
        tx.commit().await
    })?;
    Ok(ids)
}

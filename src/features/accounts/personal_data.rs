//! Everything held about a person, and forgetting them. `HELD` names every column of the
//! schema that refers to an account, with the query that reads what it holds for the
//! download; a test reads the database's own catalogue and fails when a column that refers
//! to accounts is missing here. Beyond foreign keys, an account is also named in the audit
//! log's subjects, in rate-limit counters and in mail waiting for its address.

use serde_json::{Map, Value, json};
use sqlx::{Column, Row};

use crate::features::accounts::roles::{LOCK_ADMINS_POSTGRES, NOT_THE_LAST_ADMIN};
use crate::platform::clock::{format_utc, now_ms};
use crate::platform::db::kept::Family;
use crate::platform::db::{Db, Engine};
use crate::platform::secrets;
use crate::{with_db, with_db_write};

/// One column that refers to an account, and what the download shows of its rows.
pub struct Held {
    /// The download's section.
    pub section: &'static str,
    /// The table.
    pub table: &'static str,
    /// The column holding the account's id.
    pub column: &'static str,
    /// The rows, for the account's id as `$1`; columns named `…_at` are times (ms).
    /// Secrets (password hash, session and link digests, mail bodies with links) stay out.
    pub query: &'static str,
}

/// Every column that refers to an account.
pub const HELD: &[Held] = &[
    Held {
        section: "account",
        table: "users",
        column: "id",
        query: "SELECT id, email, display_name, created_at, email_confirmed_at FROM users WHERE id = $1",
    },
    Held {
        section: "roles",
        table: "user_roles",
        column: "user_id",
        query: "SELECT role, granted_at FROM user_roles WHERE user_id = $1 ORDER BY role",
    },
    Held {
        section: "roles_granted_to_others",
        table: "user_roles",
        column: "granted_by",
        query: "SELECT role, granted_at FROM user_roles WHERE granted_by = $1 ORDER BY granted_at",
    },
    Held {
        section: "sessions",
        table: "sessions",
        column: "user_id",
        query: "SELECT created_at, last_seen_at, expires_at FROM sessions WHERE user_id = $1
                ORDER BY created_at",
    },
    Held {
        section: "one_time_links",
        table: "account_tokens",
        column: "user_id",
        query: "SELECT purpose, new_email, created_at, expires_at, used_at FROM account_tokens
                WHERE user_id = $1 ORDER BY created_at",
    },
    Held {
        section: "actions",
        table: "audit_log",
        column: "actor_id",
        query: "SELECT at, action, subject, detail FROM audit_log WHERE actor_id = $1 ORDER BY at",
    },
    Held {
        section: "processes_created",
        table: "processes",
        column: "created_by",
        query: "SELECT slug, title, created_at FROM processes WHERE created_by = $1 ORDER BY created_at",
    },
    Held {
        section: "process_roles",
        table: "process_members",
        column: "user_id",
        query: "SELECT p.title AS process, m.role, m.granted_at FROM process_members m
                JOIN processes p ON p.id = m.process_id WHERE m.user_id = $1 ORDER BY m.granted_at",
    },
    Held {
        section: "needs",
        table: "needs",
        column: "author_id",
        query: "SELECT n.id, p.title AS process, n.title, n.body, th.name AS theme,
                       t.code AS commune, t.name AS commune_name, n.lon, n.lat, n.source, n.status, n.moderation_reason,
                       n.supports_count, n.comments_count, n.created_at
                FROM needs n JOIN processes p ON p.id = n.process_id
                LEFT JOIN themes th ON th.id = n.theme_id
                LEFT JOIN territories t ON t.id = n.territory_id
                WHERE n.author_id = $1 ORDER BY n.created_at",
    },
    Held {
        section: "needs_entered_for_others",
        table: "needs",
        column: "entered_by",
        query: "SELECT n.id, n.title, e.title AS workshop, n.source, n.created_at FROM needs n
                LEFT JOIN events e ON e.id = n.workshop_id
                WHERE n.entered_by = $1 ORDER BY n.created_at",
    },
    Held {
        section: "supports",
        table: "supports",
        column: "user_id",
        query: "SELECT s.need_id, n.title AS need, s.created_at FROM supports s
                JOIN needs n ON n.id = s.need_id WHERE s.user_id = $1 ORDER BY s.created_at",
    },
    Held {
        section: "comments",
        table: "comments",
        column: "author_id",
        query: "SELECT c.need_id, n.title AS need, c.solution_id, s.title AS solution, c.parent_id,
                       c.body, c.status, c.moderation_reason, c.created_at
                FROM comments c LEFT JOIN needs n ON n.id = c.need_id
                LEFT JOIN solutions s ON s.id = c.solution_id
                WHERE c.author_id = $1 ORDER BY c.created_at",
    },
    Held {
        section: "reports",
        table: "reports",
        column: "reporter_id",
        query: "SELECT need_id, comment_id, reason, created_at, resolved_at, outcome FROM reports
                WHERE reporter_id = $1 ORDER BY created_at",
    },
    Held {
        section: "reports_resolved",
        table: "reports",
        column: "resolved_by",
        query: "SELECT need_id, comment_id, resolved_at, outcome FROM reports
                WHERE resolved_by = $1 ORDER BY resolved_at",
    },
    Held {
        section: "events_created",
        table: "events",
        column: "created_by",
        query: "SELECT id, title, starts_at, created_at FROM events WHERE created_by = $1
                ORDER BY created_at",
    },
    Held {
        section: "registrations",
        table: "registrations",
        column: "user_id",
        query: "SELECT r.event_id, e.title AS event, e.starts_at, r.created_at
                FROM registrations r JOIN events e ON e.id = r.event_id
                WHERE r.user_id = $1 ORDER BY r.created_at",
    },
    Held {
        section: "profile",
        table: "profiles",
        column: "user_id",
        query: "SELECT t.code AS commune, t.name AS commune_name, p.age_bracket, p.situation,
                       p.consented_at, p.updated_at
                FROM profiles p LEFT JOIN territories t ON t.id = p.commune_id
                WHERE p.user_id = $1",
    },
    Held {
        section: "notifications",
        table: "notifications",
        column: "user_id",
        query: "SELECT o.need_id, n.title AS need, o.solution_id, o.kind, o.detail, o.created_at, o.sent_at
                FROM notifications o JOIN needs n ON n.id = o.need_id
                WHERE o.user_id = $1 ORDER BY o.created_at",
    },
    Held {
        section: "syntheses_run",
        table: "syntheses",
        column: "created_by",
        query: "SELECT p.title AS process, s.version, s.status, s.created_at FROM syntheses s
                JOIN processes p ON p.id = s.process_id WHERE s.created_by = $1 ORDER BY s.created_at",
    },
    Held {
        section: "syntheses_validated",
        table: "syntheses",
        column: "validated_by",
        query: "SELECT p.title AS process, s.version, s.validated_at FROM syntheses s
                JOIN processes p ON p.id = s.process_id WHERE s.validated_by = $1
                ORDER BY s.validated_at",
    },
    Held {
        section: "opinion_statements",
        table: "opinion_statements",
        column: "author_id",
        query: "SELECT body, status, created_at FROM opinion_statements WHERE author_id = $1
                ORDER BY created_at",
    },
    Held {
        section: "opinion_statements_moderated",
        table: "opinion_statements",
        column: "moderated_by",
        query: "SELECT body, status, moderated_at FROM opinion_statements WHERE moderated_by = $1
                ORDER BY moderated_at",
    },
    Held {
        section: "opinion_votes",
        table: "opinion_votes",
        column: "user_id",
        query: "SELECT s.body AS statement, v.value, v.voted_at FROM opinion_votes v
                JOIN opinion_statements s ON s.id = v.statement_id
                WHERE v.user_id = $1 ORDER BY v.voted_at",
    },
    Held {
        section: "solutions",
        table: "solutions",
        column: "author_id",
        query: "SELECT s.id, p.title AS process, s.title, s.body, s.organisation, s.scope, s.lon, s.lat,
                       s.progress, s.status, s.moderation_reason, s.created_at
                FROM solutions s JOIN processes p ON p.id = s.process_id
                WHERE s.author_id = $1 ORDER BY s.created_at",
    },
    Held {
        section: "solutions_entered",
        table: "solutions",
        column: "entered_by",
        query: "SELECT s.id, s.title, e.title AS event, s.source, s.created_at FROM solutions s
                LEFT JOIN events e ON e.id = s.event_id
                WHERE s.entered_by = $1 ORDER BY s.created_at",
    },
    Held {
        section: "solutions_carried",
        table: "solution_carriers",
        column: "user_id",
        query: "SELECT s.id, s.title FROM solution_carriers c JOIN solutions s ON s.id = c.solution_id
                WHERE c.user_id = $1 ORDER BY s.created_at",
    },
    Held {
        section: "solution_supports",
        table: "solution_supports",
        column: "user_id",
        query: "SELECT p.solution_id, s.title AS solution, p.created_at FROM solution_supports p
                JOIN solutions s ON s.id = p.solution_id WHERE p.user_id = $1 ORDER BY p.created_at",
    },
    Held {
        section: "solution_milestones",
        table: "solution_milestones",
        column: "created_by",
        query: "SELECT m.solution_id, s.title AS solution, m.happened_on, m.title, m.body, m.created_at
                FROM solution_milestones m JOIN solutions s ON s.id = m.solution_id
                WHERE m.created_by = $1 ORDER BY m.created_at",
    },
    Held {
        section: "uploaded_files",
        table: "media",
        column: "uploaded_by",
        query: "SELECT id, '/medias/' || id AS address, media_type, file_name, description, byte_size,
                       created_at
                FROM media WHERE uploaded_by = $1 ORDER BY created_at",
    },
    Held {
        section: "organisations_spoken_for",
        table: "organisation_contacts",
        column: "user_id",
        query: "SELECT o.id, o.name, c.added_at FROM organisation_contacts c
                JOIN organisations o ON o.id = c.organisation_id
                WHERE c.user_id = $1 ORDER BY c.added_at",
    },
    Held {
        section: "organisations_registered",
        table: "organisations",
        column: "created_by",
        query: "SELECT id, name, kind, siret, rna, created_at FROM organisations WHERE created_by = $1
                ORDER BY created_at",
    },
    Held {
        section: "bourse_offers",
        table: "offers",
        column: "created_by",
        query: "SELECT o.id, g.name AS organisation, o.kind, o.title, o.body, o.capacity, o.remaining,
                       o.status, o.created_at
                FROM offers o JOIN organisations g ON g.id = o.organisation_id
                WHERE o.created_by = $1 ORDER BY o.created_at",
    },
    Held {
        section: "bourse_requests",
        table: "support_requests",
        column: "created_by",
        query: "SELECT r.id, s.title AS solution, r.kind, r.title, r.body, r.amount, r.needed_by, r.status,
                       r.created_at
                FROM support_requests r JOIN solutions s ON s.id = r.solution_id
                WHERE r.created_by = $1 ORDER BY r.created_at",
    },
    Held {
        section: "bourse_log",
        table: "companionship_log",
        column: "author_id",
        query: "SELECT companionship_id, kind, happened_on, body, created_at FROM companionship_log
                WHERE author_id = $1 ORDER BY created_at",
    },
    Held {
        section: "bourse_testimonies",
        table: "testimonies",
        column: "author_id",
        query: "SELECT companionship_id, side, body, created_at FROM testimonies WHERE author_id = $1
                ORDER BY created_at",
    },
    Held {
        section: "resources",
        table: "resources",
        column: "created_by",
        query: "SELECT id, kind, title, summary, url, status, created_at, updated_at FROM resources
                WHERE created_by = $1 ORDER BY created_at",
    },
    Held {
        section: "resource_edits_suggested",
        table: "resource_edits",
        column: "proposed_by",
        query: "SELECT e.id, r.title AS resource, e.note, e.status, e.created_at, e.decided_at
                FROM resource_edits e JOIN resources r ON r.id = e.resource_id
                WHERE e.proposed_by = $1 ORDER BY e.created_at",
    },
    Held {
        section: "resource_edits_decided",
        table: "resource_edits",
        column: "decided_by",
        query: "SELECT e.id, r.title AS resource, e.status, e.decided_at
                FROM resource_edits e JOIN resources r ON r.id = e.resource_id
                WHERE e.decided_by = $1 ORDER BY e.decided_at",
    },
    Held {
        section: "census_datasets",
        table: "census_datasets",
        column: "created_by",
        query: "SELECT id, title, source, created_at FROM census_datasets WHERE created_by = $1
                ORDER BY created_at",
    },
    Held {
        section: "questionnaires",
        table: "questionnaires",
        column: "created_by",
        query: "SELECT id, title, created_at FROM questionnaires WHERE created_by = $1
                ORDER BY created_at",
    },
    Held {
        section: "questionnaire_answers",
        table: "questionnaire_responses",
        column: "account_id",
        query: "SELECT q.title AS questionnaire, r.started_at, r.submitted_at, qu.label AS question,
                       c.label AS choice, a.number, a.text
                FROM questionnaire_responses r JOIN questionnaires q ON q.id = r.questionnaire_id
                LEFT JOIN questionnaire_answers a ON a.response_id = r.id
                LEFT JOIN questions qu ON qu.id = a.question_id
                LEFT JOIN question_choices c ON c.id = a.item
                WHERE r.account_id = $1 ORDER BY r.started_at, qu.position, c.position",
    },
    Held {
        section: "questionnaire_paper_entries",
        table: "questionnaire_responses",
        column: "entered_by",
        query: "SELECT r.id, q.title AS questionnaire, r.source, r.submitted_at
                FROM questionnaire_responses r JOIN questionnaires q ON q.id = r.questionnaire_id
                WHERE r.entered_by = $1 ORDER BY r.submitted_at",
    },
    Held {
        section: "mail_waiting",
        table: "mail_queue",
        column: "user_id",
        query: "SELECT recipient, subject, created_at, attempts FROM mail_queue WHERE user_id = $1
                ORDER BY created_at",
    },
];

/// A row as JSON: integers, decimals and texts as they are, `…_at` times as dates.
fn row_json<R: Row>(row: &R) -> Map<String, Value>
where
    usize: sqlx::ColumnIndex<R>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<f64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut out = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let name = column.name();
        let value = if let Ok(number) = row.try_get::<Option<i64>, _>(i) {
            match number {
                Some(ms) if name.ends_with("_at") => Value::String(format_utc(ms)),
                Some(n) => json!(n),
                None => Value::Null,
            }
        } else if let Ok(decimal) = row.try_get::<Option<f64>, _>(i) {
            json!(decimal)
        } else {
            json!(row.try_get::<Option<String>, _>(i).ok().flatten())
        };
        out.insert(name.to_owned(), value);
    }
    out
}

/// The rows of one held column for an account.
async fn rows_of(db: &Db, held: &Held, user_id: i64) -> Result<Vec<Value>, sqlx::Error> {
    let rows: Vec<Map<String, Value>> = with_db!(db, pool => {
        let rows = sqlx::query(sqlx::AssertSqlSafe(held.query)).bind(user_id).fetch_all(pool).await?;
        Ok::<_, sqlx::Error>(rows.iter().map(row_json).collect())
    })?;
    Ok(rows.into_iter().map(Value::Object).collect())
}

/// Whether an audit subject or a counter's name names the account: one of its words (split
/// on spaces and colons) is `user:ID`, the id alone after a colon, or its address's digest.
fn names(text: &str, user_id: i64, digest: &str) -> bool {
    let id = user_id.to_string();
    text.split(' ').any(|word| {
        word == format!("user:{id}")
            || word
                .split(':')
                .skip(1)
                .any(|part| part == id || part == digest)
    })
}

/// Everything held about an account, as the JSON document of the download.
pub async fn document(db: &Db, user_id: i64, email: &str) -> Result<Value, sqlx::Error> {
    let mut sections = Map::new();
    sections.insert("format".into(), json!("concerto-personal-data/2"));
    sections.insert("exported_at".into(), json!(format_utc(now_ms())));
    for held in HELD {
        let rows = rows_of(db, held, user_id).await?;
        let value = match held.section {
            // One row at most: an object, or null.
            "account" | "profile" => rows.into_iter().next().unwrap_or(Value::Null),
            _ => Value::Array(rows),
        };
        sections.insert(held.section.into(), value);
    }
    let digest = secrets::token_digest(email);
    let about: Vec<(i64, String, String, String)> = with_db!(db, pool => sqlx::query_as(
        "SELECT at, action, subject, detail FROM audit_log WHERE subject LIKE $1 ORDER BY at")
        .bind(format!("%user:{user_id}%")).fetch_all(pool).await)?;
    sections.insert(
        "actions_about_you".into(),
        about
            .into_iter()
            .filter(|(_, _, subject, _)| names(subject, user_id, &digest))
            .map(|(at, action, subject, detail)| {
                json!({"at": format_utc(at), "action": action, "subject": subject, "detail": detail})
            })
            .collect(),
    );
    let counters: Vec<(String, i64, i64)> = with_db!(db, pool => sqlx::query_as(
        "SELECT bucket, window_start, hits FROM rate_limits ORDER BY bucket")
        .fetch_all(pool).await)?;
    sections.insert(
        "rate_limit_counters".into(),
        counters
            .into_iter()
            .filter(|(bucket, _, _)| names(bucket, user_id, &digest))
            .map(|(bucket, window_start, hits)| {
                let kind = bucket.split(':').next().unwrap_or_default().to_owned();
                json!({"kind": kind, "window_start": format_utc(window_start), "hits": hits})
            })
            .collect(),
    );
    Ok(Value::Object(sections))
}

/// What forgetting an account did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forgotten {
    /// The account and everything naming it are gone; its contributions stay, anonymous.
    Done,
    /// It is the last admin's account: kept.
    LastAdmin,
}

/// Deletes an account and, in the same transaction, everything that still names it: rows
/// that refer to it go with it or lose its id (foreign keys: its needs, comments and
/// statements stay, by « participant anonyme »), the audit log's subjects lose its id and
/// address, its rate-limit counters and the mail waiting for its address go. Never the last
/// admin's account (checked in the same statement, after the admins' rows are locked).
pub async fn forget(db: &Db, user_id: i64, email: &str) -> Result<Forgotten, sqlx::Error> {
    let engine = db.engine();
    let digest = secrets::token_digest(email);
    let delete = format!("DELETE FROM users WHERE id = $1 AND {NOT_THE_LAST_ADMIN}");
    let subject_pattern = format!("%user:{user_id}%");
    let email = email.to_owned();
    let forgotten = with_db_write!(db, pool => {
        let mut tx = pool.begin().await?;
        if engine == Engine::Postgres {
            sqlx::query(LOCK_ADMINS_POSTGRES).execute(&mut *tx).await?;
        }
        let deleted = sqlx::query(sqlx::AssertSqlSafe(delete)).bind(user_id)
            .execute(&mut *tx).await?.rows_affected();
        if deleted == 0 {
            tx.rollback().await?;
            return Ok(Forgotten::LastAdmin);
        }
        let subjects: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, subject FROM audit_log WHERE subject LIKE $1")
            .bind(&subject_pattern).fetch_all(&mut *tx).await?;
        for (id, subject) in subjects.iter().filter(|(_, s)| names(s, user_id, &digest)) {
            sqlx::query("UPDATE audit_log SET subject = $2 WHERE id = $1")
                .bind(id).bind(anonymous_subject(subject, user_id, &email))
                .execute(&mut *tx).await?;
        }
        let buckets: Vec<(String,)> = sqlx::query_as("SELECT bucket FROM rate_limits")
            .fetch_all(&mut *tx).await?;
        for (bucket,) in buckets.iter().filter(|(b,)| names(b, user_id, &digest)) {
            sqlx::query("DELETE FROM rate_limits WHERE bucket = $1").bind(bucket)
                .execute(&mut *tx).await?;
        }
        sqlx::query("DELETE FROM mail_queue WHERE recipient = $1").bind(&email)
            .execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(Forgotten::Done)
    });
    db.changed_here(Family::Accounts);
    forgotten
}

/// An audit subject without the account: `user:ID` becomes `user:anonyme`, and its address
/// in brackets goes.
fn anonymous_subject(subject: &str, user_id: i64, email: &str) -> String {
    let own = format!("user:{user_id}");
    let bracketed = format!("({email})");
    subject
        .split(' ')
        .filter(|word| *word != bracketed)
        .map(|word| if word == own { "user:anonyme" } else { word })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_account_is_named_by_its_id_or_its_address_digest_only() {
        let digest = "AbC_d-1";
        assert!(names("user:42", 42, digest));
        assert!(names("process:velo user:42", 42, digest));
        assert!(names("supports:42", 42, digest));
        assert!(names("sign-in:account-ip:AbC_d-1:10.0.0.1", 42, digest));
        assert!(!names("user:421", 42, digest));
        assert!(!names("supports:142", 42, digest));
        assert!(!names("reset:ip:10.0.0.42", 42, digest));
        assert_eq!(
            anonymous_subject("user:42 (a@b.fr)", 42, "a@b.fr"),
            "user:anonyme"
        );
        assert_eq!(
            anonymous_subject("process:velo user:42", 42, "a@b.fr"),
            "process:velo user:anonyme"
        );
    }
}
